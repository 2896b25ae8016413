package dev.rowstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.Columns;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.CheckpointException;
import dev.rowstream.checkpoint.KeyValue;
import dev.rowstream.format.Compression;
import dev.rowstream.format.Format;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.RowWriter;
import dev.rowstream.internal.DriverManagerDataSource;
import dev.rowstream.testing.FootedFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file sink driven as a job drives it, without a database: FILE.part renamed only when complete, the
 * part kept or deleted as the run ends, commit points and their positions, resuming a compressed part,
 * numbered files, and a format that cannot be appended to.
 */
class FileSinkTest {
    private static final Columns COLUMNS = new Columns(new String[] {"id", "name"}, new int[] {Types.BIGINT,
        Types.VARCHAR}, new String[] {"bigint", "varchar"});

    @TempDir
    Path dir;

    /** Positions recorded at commit points, as a job would save them. */
    private final List<Map<String, String>> recorded = new ArrayList<>();

    private Sink.Commit recorder(boolean durable) {
        return new Sink.Commit() {
            @Override
            public boolean durable() {
                return durable;
            }

            @Override
            public void record(Map<String, String> position) {
                recorded.add(position);
            }
        };
    }

    private static SinkContext context(boolean checkpointed, boolean resume) {
        return new SinkContext(new DriverManagerDataSource("jdbc:h2:mem:unused", null, null), "t", null, 10,
                checkpointed, resume, () -> "id=1", "checkpoint test.ckpt");
    }

    private static Row row(long id) {
        return new Row(COLUMNS, new Object[] {id, id % 4 == 0 ? null : "name, \"" + id + "\" ü"});
    }

    private static String csv(long from, long to) {
        StringBuilder sb = new StringBuilder();
        for (long i = from; i <= to; i++) {
            sb.append(i).append(',').append(i % 4 == 0 ? "" : "\"name, \"\"" + i + "\"\" ü\"").append('\n');
        }
        return sb.toString();
    }

    /** A checkpoint after {@code rows} rows, at the last recorded position. */
    private Checkpoint at(long rows) {
        return new Checkpoint("h", Map.of(), List.of(new KeyValue("id", rows)), rows, recorded.get(recorded.size() - 1));
    }

    @Test
    void writesToThePartAndRenamesItOnlyWhenComplete() throws IOException {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "old contents");
        FileSink sink = Sinks.file(file);
        sink.prepare(context(false, false));
        sink.open(COLUMNS, null, Sink.Commit.NONE);
        for (int i = 1; i <= 3; i++) {
            sink.write(row(i));
        }
        assertThat(file).hasContent("old contents");
        sink.finish(Sink.Commit.NONE);
        sink.close();
        assertThat(file).hasContent("id,name\n" + csv(1, 3));
        assertThat(FileSink.partOf(file)).doesNotExist();
    }

    @Test
    void aRunThatStopsWithoutACheckpointLeavesTheOldFileAndNoPart() throws IOException {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "old contents");
        FileSink sink = Sinks.file(file);
        sink.prepare(context(false, false));
        sink.open(COLUMNS, null, Sink.Commit.NONE);
        sink.write(row(1));
        sink.close();
        assertThat(file).hasContent("old contents");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theShutdownHookStopsTheRename() throws IOException {
        Path file = dir.resolve("out.csv");
        FileSink sink = Sinks.file(file);
        sink.prepare(context(false, false));
        sink.open(COLUMNS, null, Sink.Commit.NONE);
        sink.write(row(1));
        // What Ctrl-C does: the JVM runs the guard (a shutdown hook) while rows are still coming.
        sink.onShutdown();
        assertThat(FileSink.partOf(file)).doesNotExist();
        sink.write(row(2));
        assertThatThrownBy(() -> sink.finish(Sink.Commit.NONE)).isInstanceOf(IOException.class)
                .hasMessageContaining("interrupted");
        sink.close();
        assertThat(file).doesNotExist();
        assertThat(FileSink.partOf(file)).doesNotExist();
    }

    @Test
    void aFolderThatIsMissingOrNotWritableIsRefusedBeforeAnything() throws IOException {
        assertThatThrownBy(() -> Sinks.file(dir).prepare(context(false, false)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("is a folder");
        assertThatThrownBy(() -> Sinks.file(dir.resolve("nope/out.csv")).prepare(context(false, false)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("does not exist: create it first");
        assertThatThrownBy(() -> Sinks.file(dir.resolve("out.csv")).maxRowsPerFile(0))
                .isInstanceOf(InvalidSpecException.class).hasMessage("maxRowsPerFile(0) is out of range: use 1 or more");
        assertThatThrownBy(() -> Sinks.file(dir.resolve("out.csv")).maxFileMb(-1))
                .isInstanceOf(InvalidSpecException.class).hasMessage("maxFileMb(-1) is out of range: use 1 or more");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aFolderThatIsNotWritableIsRefused() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
        if (Files.isWritable(locked)) {
            return; // running as root: every folder is writable
        }
        assertThatThrownBy(() -> Sinks.file(locked.resolve("out.csv")).prepare(context(false, false)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("is not writable");
    }

    /** Each commit point ends a gzip member: the part up to it stands alone, and a resumed run appends members. */
    @Test
    void aCompressedPartIsCutAtItsLastCommitAndContinued() throws IOException {
        Path file = dir.resolve("out.csv.gz");
        FileSink first = Sinks.file(file);
        assertThat(first.compression()).isEqualTo(Compression.GZIP);
        assertThat(first.format()).isEqualTo(Format.CSV);
        first.prepare(context(true, false));
        first.open(COLUMNS, null, recorder(true));
        assertThat(recorded).hasSize(1).first().satisfies(p -> assertThat(p).containsEntry("bytes", "0")
                .containsEntry("crc32c", "00000000").containsEntry("compression", "gzip"));
        for (int i = 1; i <= 5; i++) {
            first.write(row(i));
        }
        assertThat(first.commit(recorder(false))).isTrue();
        long bytes = Long.parseLong(recorded.get(1).get("bytes"));
        assertThat(gunzip(Files.readAllBytes(FileSink.partOf(file)))).isEqualTo("id,name\n" + csv(1, 5));
        for (int i = 6; i <= 8; i++) {
            first.write(row(i)); // after the last commit point: a crash loses them, and the resume writes them again
        }
        Checkpoint at = at(5);
        first.close(); // as a crash leaves it
        assertThat(Files.size(FileSink.partOf(file))).isGreaterThanOrEqualTo(bytes);

        FileSink second = Sinks.file(file);
        second.prepare(context(true, true));
        second.open(COLUMNS, at, recorder(true));
        assertThat(Files.size(FileSink.partOf(file))).isEqualTo(bytes);
        for (int i = 6; i <= 12; i++) {
            second.write(row(i));
        }
        second.finish(recorder(true));
        second.close();
        assertThat(gunzip(Files.readAllBytes(file))).isEqualTo("id,name\n" + csv(1, 12));
        assertThat(FileSink.partOf(file)).doesNotExist();
    }

    /** A checkpoint of another output, or whose part was changed, is refused before the part is touched. */
    @Test
    void aPositionThatDoesNotFitIsRefusedAndThePartKept() throws IOException {
        Path file = dir.resolve("out.csv");
        FileSink first = Sinks.file(file);
        first.prepare(context(true, false));
        first.open(COLUMNS, null, recorder(false));
        for (int i = 1; i <= 5; i++) {
            first.write(row(i));
        }
        first.commit(recorder(false));
        first.write(row(6));
        Checkpoint at = at(5);
        first.close();
        byte[] part = Files.readAllBytes(FileSink.partOf(file));
        FileSink jsonl = Sinks.jsonl(file);
        jsonl.prepare(context(true, true));
        assertThatThrownBy(() -> jsonl.open(COLUMNS, at, recorder(false))).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("is for format csv, not jsonl");
        FileSink other = Sinks.file(dir.resolve("other.csv"));
        other.prepare(context(true, true));
        assertThatThrownBy(() -> other.open(COLUMNS, at, recorder(false))).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("is for output " + file);
        FileSink rolled = Sinks.file(file).maxRowsPerFile(10);
        rolled.prepare(context(true, true));
        assertThatThrownBy(() -> rolled.open(COLUMNS, at, recorder(false))).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("is for numbering (none), not maxRowsPerFile(10)");
        assertThat(Files.readAllBytes(FileSink.partOf(file))).isEqualTo(part);
    }

    /** Another codec or schema option would finish the output unlike its start: a resume with others is refused. */
    @Test
    void aPositionOfOtherFormatOptionsIsRefused() throws IOException {
        Format coded = new Format() {
            @Override public String name() { return "coded"; }
            @Override public List<String> extensions() { return List.of(".coded"); }
            @Override public String mediaType() { return "text/csv"; }
            @Override public boolean appendable() { return true; }
            @Override public boolean suitsStdout() { return true; }
            @Override public List<String> optionNames() { return List.of("codec", FormatOptions.TEMP_DIR); }

            @Override
            public RowWriter writer(OutputStream out, FormatOptions options) {
                return Format.CSV.writer(out, FormatOptions.NONE);
            }
        };
        Path file = dir.resolve("out.coded");
        FileSink first = Sinks.file(file).format(coded).options(FormatOptions.NONE.with("codec", "a"));
        first.prepare(context(true, false));
        first.open(COLUMNS, null, recorder(false));
        for (int i = 1; i <= 5; i++) {
            first.write(row(i));
        }
        first.commit(recorder(false));
        Checkpoint at = at(5);
        first.close();
        assertThat(recorded.get(recorded.size() - 1)).as("where temporary files go is not recorded")
                .containsEntry("options", "codec=a");
        for (FormatOptions other : List.of(FormatOptions.NONE.with("codec", "b"), FormatOptions.NONE)) {
            FileSink again = Sinks.file(file).format(coded).options(other);
            again.prepare(context(true, true));
            assertThatThrownBy(() -> again.open(COLUMNS, at, recorder(false))).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("is for format options codec=a, not " + (other.has("codec") ? "codec=b" : "(none)")
                            + ": give the same options(...)");
        }
        FileSink same = Sinks.file(file).format(coded).options(FormatOptions.NONE.with("codec", "a"));
        same.prepare(context(true, true));
        same.open(COLUMNS, at, recorder(false));
        same.close();
    }

    @Test
    void numberedFilesEachHaveTheirHeaderAndStaleOnesGo() throws IOException {
        Path file = dir.resolve("orders.csv.gz");
        FileSink sink = Sinks.file(file).maxRowsPerFile(3);
        assertThat(sink.numbered(1)).isEqualTo(dir.resolve("orders-00001.csv.gz"));
        assertThat(Sinks.file(dir.resolve("orders")).maxRowsPerFile(3).numbered(12)).isEqualTo(dir.resolve("orders-00012"));
        Files.writeString(dir.resolve("orders-00005.csv.gz"), "stale");
        Files.writeString(dir.resolve("orders-00006.csv.gz"), "stale");
        sink.prepare(context(false, false));
        sink.open(COLUMNS, null, Sink.Commit.NONE);
        for (int i = 1; i <= 10; i++) {
            sink.write(row(i));
            if (sink.wantsCommit()) {
                assertThat(sink.commit(Sink.Commit.NONE)).isTrue();
            }
        }
        sink.finish(Sink.Commit.NONE);
        sink.close();
        assertThat(sink.fileCount()).isEqualTo(4);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("orders-00001.csv.gz",
                    "orders-00002.csv.gz", "orders-00003.csv.gz", "orders-00004.csv.gz");
        }
        for (int n = 1; n <= 4; n++) {
            assertThat(gunzip(Files.readAllBytes(sink.numbered(n))))
                    .isEqualTo("id,name\n" + csv(3L * n - 2, Math.min(10, 3L * n)));
        }
    }

    /**
     * A file rolls over: the checkpoint of the next file is saved, then the complete file renamed. Whichever of the
     * two a kill or a power loss keeps, the resume ends with the same files: a complete part left behind is
     * published; a file renamed while the checkpoint still counts part of it is taken back as the part.
     */
    @Test
    void aRollOverCutByACrashResumesEitherWay() throws IOException {
        for (boolean renameKept : new boolean[] {true, false}) {
            Path sub = Files.createDirectory(dir.resolve(renameKept ? "rename-kept" : "checkpoint-kept"));
            Path file = sub.resolve("orders.csv");
            FileSink first = Sinks.file(file).maxRowsPerFile(5);
            recorded.clear();
            first.prepare(context(true, false));
            first.open(COLUMNS, null, recorder(true));
            for (int i = 1; i <= 3; i++) {
                first.write(row(i));
            }
            assertThat(first.commit(recorder(true))).isTrue();
            Checkpoint beforeRollOver = at(3);
            for (int i = 4; i <= 5; i++) {
                first.write(row(i));
            }
            assertThat(first.wantsCommit()).isTrue();
            assertThat(first.commit(recorder(true))).isTrue();
            Checkpoint afterRollOver = at(5);
            assertThat(afterRollOver.sink()).containsEntry("bytes", "0");
            first.close(); // killed here
            Path one = first.numbered(1);
            assertThat(one).hasContent("id,name\n" + csv(1, 5));
            Checkpoint from;
            if (renameKept) {
                from = beforeRollOver; // the rename reached the disk, the checkpoint after it did not
            } else {
                Files.move(one, FileSink.partOf(one)); // the checkpoint was saved, the rename never happened
                from = afterRollOver;
            }
            FileSink second = Sinks.file(file).maxRowsPerFile(5);
            second.prepare(context(true, true));
            second.open(COLUMNS, from, recorder(true));
            for (long i = from.rowCount() + 1; i <= 12; i++) {
                second.write(row(i));
                if (second.wantsCommit()) {
                    assertThat(second.commit(recorder(true))).isTrue();
                }
            }
            second.finish(recorder(true));
            second.close();
            try (var files = Files.list(sub)) {
                assertThat(files.map(p -> p.getFileName().toString())).as(sub.toString())
                        .containsExactlyInAnyOrder("orders-00001.csv", "orders-00002.csv", "orders-00003.csv");
            }
            for (int n = 1; n <= 3; n++) {
                assertThat(second.numbered(n)).as(sub.toString())
                        .hasContent("id,name\n" + csv(5L * n - 4, Math.min(12, 5L * n)));
            }
        }
    }

    /** Exactly as many rows as fit: no empty file at the end, also when a resumed run has nothing left. */
    @Test
    void aLastFullFileMakesNoEmptyOneAfterIt() throws IOException {
        Path file = dir.resolve("orders.jsonl");
        FileSink sink = Sinks.file(file).maxRowsPerFile(2);
        sink.prepare(context(true, false));
        sink.open(COLUMNS, null, recorder(false));
        for (int i = 1; i <= 4; i++) {
            sink.write(row(i));
            if (sink.wantsCommit()) {
                sink.commit(recorder(false));
            }
        }
        Checkpoint at = at(4);
        assertThat(at.sink()).containsEntry("file", "3").containsEntry("fileRows", "0").containsEntry("bytes", "0");
        sink.close(); // killed after the second file
        FileSink resumed = Sinks.file(file).maxRowsPerFile(2);
        resumed.prepare(context(true, true));
        resumed.open(COLUMNS, at, recorder(false));
        resumed.finish(recorder(true));
        resumed.close();
        assertThat(resumed.fileCount()).isEqualTo(2);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("orders-00001.jsonl",
                    "orders-00002.jsonl");
        }
    }

    /**
     * A format that cannot be appended to commits whole files only: a resumable export of it must roll over,
     * a commit point inside a file records nothing, and a resumed run starts the next file again.
     */
    @Test
    void aFormatThatCannotBeAppendedToCommitsWholeFiles() throws IOException {
        Path file = dir.resolve("orders.footed");
        assertThatThrownBy(() -> Sinks.file(file).format(new FootedFormat()).prepare(context(true, false)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("cannot be appended to")
                .hasMessageContaining("maxRowsPerFile(...) or maxFileMb(...)");
        FileSink plain = Sinks.file(file).format(new FootedFormat());
        plain.prepare(context(false, false));
        plain.open(COLUMNS, null, Sink.Commit.NONE);
        plain.write(row(1));
        plain.finish(Sink.Commit.NONE);
        plain.close();
        assertThat(file).hasContent("id,name\n" + csv(1, 1) + FootedFormat.footer(1));

        FileSink first = Sinks.file(file).format(new FootedFormat()).maxRowsPerFile(4);
        first.prepare(context(true, false));
        first.open(COLUMNS, null, recorder(false));
        for (int i = 1; i <= 6; i++) {
            first.write(row(i));
            int before = recorded.size();
            if (i == 2) {
                assertThat(first.commit(recorder(false))).as("inside a file").isFalse();
                assertThat(recorded).hasSize(before);
            }
            if (first.wantsCommit()) {
                assertThat(first.commit(recorder(true))).isTrue();
            }
        }
        Checkpoint at = at(4);
        assertThat(at.sink()).containsEntry("file", "2").containsEntry("bytes", "0");
        first.close(); // killed inside the second file: its part is not continued
        assertThat(first.numbered(1)).hasContent("id,name\n" + csv(1, 4) + FootedFormat.footer(4));
        FileSink second = Sinks.file(file).format(new FootedFormat()).maxRowsPerFile(4);
        second.prepare(context(true, true));
        second.open(COLUMNS, at, recorder(false));
        for (int i = 5; i <= 9; i++) {
            second.write(row(i));
            if (second.wantsCommit()) {
                second.commit(recorder(true));
            }
        }
        second.finish(recorder(true));
        second.close();
        assertThat(second.numbered(2)).hasContent("id,name\n" + csv(5, 8) + FootedFormat.footer(4));
        assertThat(second.numbered(3)).hasContent("id,name\n" + csv(9, 9) + FootedFormat.footer(1));
        assertThat(FileSink.partOf(second.numbered(3))).doesNotExist();
    }

    static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** A format that keeps temporary files gets the output's folder for them, unless it was given one. */
    @Test
    void aFormatWithTemporaryFilesKeepsThemNextToTheOutput() throws IOException {
        List<String> given = new ArrayList<>();
        Format spool = new FootedFormat() {
            @Override
            public void check(dev.rowstream.format.FormatOptions options) {
                options.allowOnly(this, dev.rowstream.format.FormatOptions.TEMP_DIR);
            }

            @Override
            public dev.rowstream.format.RowWriter writer(java.io.OutputStream out,
                                                         dev.rowstream.format.FormatOptions options) {
                given.add(options.get(dev.rowstream.format.FormatOptions.TEMP_DIR, "(none)"));
                return super.writer(out, dev.rowstream.format.FormatOptions.NONE);
            }
        };
        for (dev.rowstream.format.FormatOptions options : List.of(dev.rowstream.format.FormatOptions.NONE,
                dev.rowstream.format.FormatOptions.NONE.with("temp-dir", "/elsewhere"))) {
            FileSink sink = Sinks.file(dir.resolve("out.spool")).format(spool).options(options);
            sink.prepare(context(false, false));
            sink.open(COLUMNS, null, Sink.Commit.NONE);
            sink.finish(Sink.Commit.NONE);
            sink.close();
        }
        assertThat(given).containsExactly(dir.toString(), "/elsewhere");
        // CSV takes no such option, and gets none.
        FileSink csv = Sinks.csv(dir.resolve("out.csv"));
        csv.prepare(context(false, false));
        csv.open(COLUMNS, null, Sink.Commit.NONE);
        csv.finish(Sink.Commit.NONE);
        csv.close();
        assertThat(dir.resolve("out.csv")).hasContent("id,name\n");
    }
}
