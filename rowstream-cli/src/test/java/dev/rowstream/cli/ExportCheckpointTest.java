package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.FileCheckpointStore;
import dev.rowstream.sink.FileSink;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules of {@code export --checkpoint}: what is refused with exit 2 (and says why), and how a stopped
 * export's part and checkpoint are picked up. The kills themselves are in {@link ExportKillTest}.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class ExportCheckpointTest {
    private final DbTarget target;
    private String table;

    @TempDir
    Path dir;

    ExportCheckpointTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void fill() {
        table = target.table("ckexp");
        target.execute("CREATE TABLE " + table + " (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(20))");
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            values.append(i > 1 ? ", " : "").append('(').append(i).append(", 'n").append(i).append("')");
        }
        target.execute("INSERT INTO " + table + " (id, name) VALUES " + values);
    }

    @AfterEach
    void drop() {
        target.dropTable(table);
    }

    private Cli.Result export(String... options) {
        List<String> args = new ArrayList<>(List.of("export", "--url", target.jdbcUrl()));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    private Path file() { return dir.resolve("out.csv"); }

    private Path ckpt() { return dir.resolve("out.ckpt"); }

    private Cli.Result checkpointed(String... more) {
        List<String> args = new ArrayList<>(List.of("--table", table, "--batch-size", "7", "--output", file().toString(),
                "--checkpoint", ckpt().toString()));
        args.addAll(List.of(more));
        return export(args.toArray(String[]::new));
    }

    @Test
    void aCompleteRunLeavesTheFileAndNoCheckpoint() throws Exception {
        Cli.Result r = checkpointed();
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(ckpt()).doesNotExist();
        assertThat(FileSink.partOf(file())).doesNotExist();
        Path plain = dir.resolve("plain.csv");
        assertThat(export("--table", table, "--output", plain.toString()).code()).isZero();
        assertThat(Files.readAllBytes(file())).isEqualTo(Files.readAllBytes(plain));
    }

    /** A run stopped after 21 rows, as a kill would leave it: the part has more bytes than the checkpoint counts. */
    private void stoppedAt(int rows) throws Exception {
        Path plain = dir.resolve("plain.csv");
        assertThat(export("--table", table, "--output", plain.toString()).code()).isZero();
        List<String> lines = Files.readAllLines(plain);
        String kept = String.join("\n", lines.subList(0, rows + 1)) + "\n";
        String extra = lines.get(rows + 1) + "\n" + lines.get(rows + 2).substring(0, 3);
        Files.writeString(FileSink.partOf(file()), kept + extra);
        // The checkpoint a run would have written at that row: made by a real read of the same options.
        Cli.Result r = checkpointed("--resume");
        assertThat(r.code()).isEqualTo(2);
        Checkpoint at;
        try (var rows2 = dev.rowstream.RowStreams.from(target.dataSource()).table(table)
                .strategy(strategyOf()).open()) {
            var it = rows2.iterator();
            for (int i = 0; i < rows; i++) {
                it.next();
            }
            at = rows2.checkpoint();
        }
        new FileCheckpointStore(ckpt()).save(at.withSink(position(kept.getBytes(StandardCharsets.UTF_8))));
    }

    /** What the file sink records for a part holding {@code bytes}. */
    private Map<String, String> position(byte[] bytes) {
        Map<String, String> sink = new LinkedHashMap<>();
        sink.put("output", file().toAbsolutePath().toString());
        sink.put("format", "csv");
        sink.put("compression", "none");
        sink.put("bytes", Long.toString(bytes.length));
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        sink.put("crc32c", String.format("%08x", crc.getValue()));
        return sink;
    }

    private dev.rowstream.Strategy strategyOf() {
        try (var rows = dev.rowstream.RowStreams.from(target.dataSource()).table(table).open()) {
            return rows.strategy();
        }
    }

    @Test
    void resumeCutsThePartAndGoesOnAfterTheKey() throws Exception {
        stoppedAt(21);
        Cli.Result r = checkpointed("--resume");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).contains("exported 29 rows").contains("resumed after 21 rows (50 in all)");
        assertThat(Files.readAllBytes(file())).isEqualTo(Files.readAllBytes(dir.resolve("plain.csv")));
        assertThat(ckpt()).doesNotExist();
    }

    /** A retry loop's first run, or one killed before its first checkpoint: nothing to resume, so it starts. */
    @Test
    void resumeWithoutACheckpointStartsFromTheBeginningAndSaysSo() throws Exception {
        Cli.Result r = checkpointed("--resume");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.errLines()).first().asString().isEqualTo("rowstream: --resume: there is no checkpoint "
                + ckpt().toAbsolutePath() + ": starting an export from the beginning");
        assertThat(r.err()).contains("exported 50 rows").doesNotContain("resumed");
        Path plain = dir.resolve("plain.csv");
        assertThat(export("--table", table, "--output", plain.toString()).code()).isZero();
        assertThat(Files.readAllBytes(file())).isEqualTo(Files.readAllBytes(plain));
        assertThat(ckpt()).doesNotExist();
    }

    /** A part with no checkpoint: nothing says how much of it is complete, so it is not continued. */
    @Test
    void resumeWithAPartButNoCheckpointIsExit2() throws Exception {
        Files.writeString(FileSink.partOf(file()), "id,name\n1,n1\n2,n");
        Cli.Result r = checkpointed("--resume");
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("there is no checkpoint, but "
                + FileSink.partOf(file().toAbsolutePath()) + " exists");
        assertThat(FileSink.partOf(file())).hasContent("id,name\n1,n1\n2,n");
        assertThat(file()).doesNotExist();
    }

    @Test
    void anExistingCheckpointNeedsResumeOrForce() throws Exception {
        stoppedAt(14);
        Cli.Result r = checkpointed();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("checkpoint " + ckpt().toAbsolutePath() + " exists: an export stopped after 14"
                + " rows").contains("add --resume").contains("--force");
        Cli.Result forced = checkpointed("--force");
        assertThat(forced.code()).as("%s", forced).isZero();
        assertThat(forced.err()).contains("exported 50 rows").doesNotContain("resumed");
        assertThat(Files.readAllBytes(file())).isEqualTo(Files.readAllBytes(dir.resolve("plain.csv")));
        assertThat(ckpt()).doesNotExist();
    }

    @Test
    void aCheckpointOfAnotherExportIsExit2SayingWhatDiffers() throws Exception {
        stoppedAt(14);
        Cli.Result where = checkpointed("--resume", "--where", "id > 3");
        assertThat(where.code()).isEqualTo(2);
        assertThat(where.err()).contains("does not match this export").contains("the condition was none, now");
        Cli.Result format = checkpointed("--resume", "--format", "jsonl");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("is for format csv, not jsonl");
        Cli.Result key = checkpointed("--resume", "--key", "name", "--strategy", "keyset");
        assertThat(key.code()).isEqualTo(2);
        assertThat(key.err()).containsIgnoringCase("the key was (id ASC), now (name ASC, id ASC)");
        Path other = dir.resolve("other.csv");
        Cli.Result output = export("--table", table, "--output", other.toString(), "--checkpoint", ckpt().toString(),
                "--resume");
        assertThat(output.code()).isEqualTo(2);
        assertThat(output.err()).contains("is for output " + file().toAbsolutePath());
        assertThat(new FileCheckpointStore(ckpt()).load()).as("a refused resume keeps the checkpoint").isPresent();
    }

    @Test
    void aPartShorterThanItsCheckpointIsExit2() throws Exception {
        stoppedAt(14);
        Files.writeString(FileSink.partOf(file()), "id,name\n");
        Cli.Result r = checkpointed("--resume");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("has 8 bytes, but the checkpoint records").contains("--force");
    }

    @Test
    void readsThatCannotResumeAreExit2BeforeAnyFile() {
        Cli.Result offset = checkpointed("--strategy", "offset");
        assertThat(offset.code()).isEqualTo(2);
        assertThat(offset.err()).contains("strategy offset cannot resume");
        Cli.Result keyless = export("--query", "SELECT id FROM " + table, "--strategy", "cursor", "--output",
                file().toString(), "--checkpoint", ckpt().toString());
        assertThat(keyless.code()).isEqualTo(2);
        assertThat(keyless.err()).contains("needs a key");
        assertThat(FileSink.partOf(file())).doesNotExist();
        assertThat(ckpt()).doesNotExist();
        Cli.Result stdout = export("--table", table, "--checkpoint", ckpt().toString());
        assertThat(stdout.code()).isEqualTo(2);
        assertThat(stdout.err()).contains("--checkpoint needs --output FILE");
        Cli.Result resume = export("--table", table, "--output", file().toString(), "--resume");
        assertThat(resume.code()).isEqualTo(2);
        assertThat(resume.err()).contains("--resume applies with --checkpoint CKPT only");
    }

    /** Killed between the rename and the deletion of the checkpoint: --resume only tidies up. */
    @Test
    void aRunStoppedWhileFinishingIsFinishedByResume() throws Exception {
        stoppedAt(14);
        Optional<Checkpoint> at = new FileCheckpointStore(ckpt()).load();
        Path plain = dir.resolve("plain.csv");
        Files.copy(plain, FileSink.partOf(file()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> sink = position(Files.readAllBytes(plain));
        sink.put("done", "true");
        new FileCheckpointStore(ckpt()).save(at.get().withSink(sink));
        Cli.Result r = checkpointed("--resume");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).contains("already complete");
        assertThat(Files.readAllBytes(file())).isEqualTo(Files.readAllBytes(plain));
        assertThat(ckpt()).doesNotExist();
    }

    /**
     * A checkpoint edited by hand, or a part damaged behind it, is refused with exit 2 and one line, and
     * nothing is touched: the part keeps its bytes, FILE is not made, the checkpoint stays.
     */
    @Test
    void anEditedCheckpointOrADamagedPartIsRefusedBeforeAnythingIsTouched() throws Exception {
        stoppedAt(21);
        Path part = FileSink.partOf(file());
        byte[] before = Files.readAllBytes(part);
        Checkpoint at = new FileCheckpointStore(ckpt()).load().orElseThrow();
        long bytes = Long.parseLong(at.sink().get("bytes"));
        String json = Files.readString(ckpt());
        // Edited as text: the checkpoint's own check no longer matches.
        for (String edit : List.of(json.replace("\"bytes\":\"" + bytes + "\"", "\"bytes\":\"0\""),
                json.replace("\"bytes\":\"" + bytes + "\"", "\"bytes\":\"-5\""),
                json.replace("\"rows\":21", "\"rows\":20"), json.replace("\"rows\":21", "\"rows\":-1"),
                json.replace("\"bytes\":\"" + bytes + "\"", "\"bytes\":\"" + (bytes - 9) + "\""))) {
            assertThat(edit).isNotEqualTo(json);
            Files.writeString(ckpt(), edit);
            refused("edited", part, before);
        }
        // Edited through the API, so the check matches: each field is checked on its own.
        Map<String, String> good = position(Arrays.copyOf(before, (int) bytes));
        List<Map.Entry<String, String>> edits = List.of(Map.entry("bytes", "0"), Map.entry("bytes", "-5"),
                Map.entry("bytes", "x"), Map.entry("bytes", Long.toString(before.length + 100)),
                Map.entry("bytes", Long.toString(bytes - 9)), Map.entry("crc32c", "00000000"),
                Map.entry("crc32c", "zz"), Map.entry("compression", "gzip"), Map.entry("file", "2"));
        List<String> why = List.of("counts 21 rows", "has a bad bytes \"-5\"", "has a bad bytes \"x\"",
                "but the checkpoint records", "does not hold what the checkpoint recorded",
                "does not hold what the checkpoint recorded", "has a bad crc32c", "is for compression gzip, not none: give --compress gzip",
                "has file numbers");
        for (int i = 0; i < edits.size(); i++) {
            Map<String, String> sink = new LinkedHashMap<>(good);
            sink.put(edits.get(i).getKey(), edits.get(i).getValue());
            new FileCheckpointStore(ckpt()).save(at.withSink(sink));
            refused(why.get(i), part, before);
        }
        // The part changed behind a good checkpoint: one byte inside what it counts.
        new FileCheckpointStore(ckpt()).save(at.withSink(good));
        byte[] damaged = before.clone();
        damaged[(int) bytes / 2] ^= 1;
        Files.write(part, damaged);
        refused("does not hold what the checkpoint recorded", part, damaged);
        // Put back, it resumes.
        Files.write(part, before);
        Cli.Result r = checkpointed("--resume");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(Files.readAllBytes(file())).isEqualTo(Files.readAllBytes(dir.resolve("plain.csv")));
    }

    private void refused(String why, Path part, byte[] partBytes) throws Exception {
        Cli.Result r = checkpointed("--resume");
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.errLines()).as("%s", r).singleElement().asString().startsWith("rowstream: error: ")
                .contains(why).contains("--force");
        assertThat(Files.readAllBytes(part)).as("the part is untouched").isEqualTo(partBytes);
        assertThat(file()).doesNotExist();
        assertThat(ckpt()).exists();
    }
}
