package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.CheckpointStore;
import dev.rowstream.checkpoint.CheckpointStores;
import dev.rowstream.format.Format;
import dev.rowstream.job.ExportResult;
import dev.rowstream.job.JobListener;
import dev.rowstream.sink.FileSink;
import dev.rowstream.sink.Sink;
import dev.rowstream.sink.Sinks;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.FootedFormat;
import dev.rowstream.testing.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The export job on every database: a run stopped at any point (here: by its listener, as a crash would stop
 * it, after commit points) and resumed gives the output an uninterrupted run gives, in CSV, compressed JSON
 * Lines in numbered files, and a format that cannot be appended to; the first checkpoint comes before any
 * row; a resume without a checkpoint starts from the beginning and says so.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class ExportJobContractTest {
    private static final int ROWS = 3_000;

    private final DbTarget target;
    private String table;

    @TempDir
    Path dir;

    ExportJobContractTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void fill() {
        table = Tables.orders(target, "job", ROWS, 0);
    }

    @AfterEach
    void drop() {
        target.dropTable(table);
    }

    private ReadBuilder read(Strategy strategy) {
        return RowStreams.from(target.dataSource()).table(table).strategy(strategy).batchSize(100).segmentRows(700);
    }

    /** Stops the job at row {@code at} of this run, after pausing now and then so that commit points come. */
    private static JobListener stopAt(long at) {
        return new JobListener() {
            private long rows;

            @Override
            public void onRow() {
                if (++rows % 400 == 0) {
                    pause(60);
                }
                if (rows == at) {
                    throw new IllegalStateException("stopped at " + at);
                }
            }
        };
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs stopped at each of {@code stops}, then one to the end; returns the last run's result. */
    private ExportResult stoppedAndResumed(Strategy strategy, Supplier<Sink> sink, CheckpointStore store, long... stops) {
        for (long stop : stops) {
            assertThatThrownBy(() -> read(strategy).exportTo(sink.get()).checkpoint(store).resume(true)
                    .listener(stopAt(stop)).run()).hasMessage("stopped at " + stop);
            assertThat(store.load()).as("a stopped run leaves its checkpoint").isPresent();
        }
        ExportResult r = read(strategy).exportTo(sink.get()).checkpoint(store).resume(true).run();
        assertThat(store.load()).as("deleted at the end").isEmpty();
        return r;
    }

    @Test
    void aStoppedAndResumedCsvExportIsByteIdentical() throws Exception {
        for (Strategy strategy : List.of(Strategy.KEYSET, Strategy.HYBRID, Strategy.CURSOR)) {
            Path whole = dir.resolve(strategy + "-whole.csv");
            ExportResult plain = read(strategy).exportTo(Sinks.csv(whole)).run();
            assertThat(plain.rows()).isEqualTo(ROWS);
            assertThat(plain.resumed()).isFalse();
            Path file = dir.resolve(strategy + ".csv");
            CheckpointStore store = CheckpointStores.file(dir.resolve(strategy + ".ckpt"));
            ExportResult r = stoppedAndResumed(strategy, () -> Sinks.csv(file), store, 1234, 901, 1);
            assertThat(r.resumed()).isTrue();
            assertThat(r.total()).isEqualTo(ROWS);
            assertThat(r.resumedAfter()).as("%s", strategy).isPositive();
            assertThat(Files.readAllBytes(file)).as("%s", strategy).isEqualTo(Files.readAllBytes(whole));
            assertThat(FileSink.partOf(file)).doesNotExist();
        }
    }

    /** The checkpoint can live in a table of a database instead of a file, saved in transactions of its own. */
    @Test
    void aCheckpointInATableWorksAsOneInAFile() throws Exception {
        String checkpoints = target.table("jobckpt");
        CheckpointStore store = CheckpointStores.table(target.dataSource(), checkpoints, "orders export");
        Path file = dir.resolve("out.csv");
        ExportResult r = stoppedAndResumed(Strategy.KEYSET, () -> Sinks.csv(file), store, 1600);
        assertThat(r.resumed()).isTrue();
        Path whole = dir.resolve("whole.csv");
        read(Strategy.KEYSET).exportTo(Sinks.csv(whole)).run();
        assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(whole));
        boolean maria = target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ;
        target.dropTable(maria ? "`" + checkpoints + "`" : "\"" + checkpoints + "\"");
    }

    /** The first checkpoint is saved before any row is read: a job stopped there resumes from the start. */
    @Test
    void theFirstCheckpointComesBeforeAnyRow() throws Exception {
        Path file = dir.resolve("out.csv");
        CheckpointStore store = CheckpointStores.file(dir.resolve("out.ckpt"));
        assertThatThrownBy(() -> read(Strategy.AUTO).exportTo(Sinks.csv(file)).checkpoint(store)
                .listener(new JobListener() {
                    @Override
                    public void onStart(Strategy strategy, long resumedAfter) {
                        throw new IllegalStateException("stopped before the first row");
                    }
                }).run()).hasMessage("stopped before the first row");
        Checkpoint first = store.load().orElseThrow();
        assertThat(first.rowCount()).isZero();
        assertThat(first.key()).isNull();
        assertThat(first.sink()).containsEntry("bytes", "0");
        ExportResult r = read(Strategy.AUTO).exportTo(Sinks.csv(file)).checkpoint(store).resume(true).run();
        assertThat(r.resumed()).isTrue();
        assertThat(r.rows()).isEqualTo(ROWS);
        Path whole = dir.resolve("whole.csv");
        read(Strategy.AUTO).exportTo(Sinks.csv(whole)).run();
        assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(whole));
    }

    @Test
    void resumeWithoutACheckpointStartsFromTheBeginningAndSaysSo() throws Exception {
        Path file = dir.resolve("out.jsonl");
        CheckpointStore store = CheckpointStores.file(dir.resolve("out.ckpt"));
        List<String> notices = new ArrayList<>();
        ExportResult r = read(Strategy.AUTO).exportTo(Sinks.file(file)).checkpoint(store).resume(true)
                .listener(new JobListener() {
                    @Override
                    public void onNotice(String message) {
                        notices.add(message);
                    }
                }).run();
        assertThat(r.resumed()).isFalse();
        assertThat(r.rows()).isEqualTo(ROWS);
        assertThat(notices).containsExactly("resume(true): there is no checkpoint " + dir.resolve("out.ckpt")
                + ": starting an export from the beginning");
        assertThat(Files.readAllLines(file)).hasSize(ROWS).allSatisfy(l -> assertThat(l).startsWith("{"));
    }

    /** gzip members end at each commit point; numbered files roll over; a resume goes on in the right file. */
    @Test
    void aStoppedCompressedExportIntoNumberedFilesResumesExactly() throws Exception {
        Path whole = dir.resolve("whole.jsonl");
        read(Strategy.KEYSET).exportTo(Sinks.file(whole)).run();
        Path file = dir.resolve("orders.jsonl.gz");
        CheckpointStore store = CheckpointStores.file(dir.resolve("orders.ckpt"));
        stoppedAndResumed(Strategy.KEYSET, () -> Sinks.file(file).maxRowsPerFile(700), store, 1500, 1100);
        StringBuilder all = new StringBuilder();
        for (int n = 1; n <= 5; n++) {
            String part = gunzip(dir.resolve("orders-0000" + n + ".jsonl.gz"));
            assertThat(part.lines()).as("file %d", n).hasSize(n < 5 ? 700 : ROWS - 4 * 700);
            all.append(part);
        }
        assertThat(dir.resolve("orders-00006.jsonl.gz")).doesNotExist();
        assertThat(all.toString()).isEqualTo(Files.readString(whole, StandardCharsets.UTF_8));
    }

    /** A format that cannot be appended to: whole files only, and a resume starts the unfinished one again. */
    @Test
    void aFormatThatCannotBeAppendedToResumesWithTheNextFile() throws Exception {
        Path file = dir.resolve("orders.footed");
        CheckpointStore store = CheckpointStores.file(dir.resolve("orders.ckpt"));
        assertThatThrownBy(() -> read(Strategy.KEYSET).exportTo(Sinks.file(file).format(new FootedFormat()))
                .checkpoint(store).run()).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("maxRowsPerFile(...) or maxFileMb(...)");
        assertThat(store.load()).isEmpty();
        stoppedAndResumed(Strategy.KEYSET, () -> Sinks.file(file).format(new FootedFormat()).maxRowsPerFile(800),
                store, 1000, 2000);
        Path whole = dir.resolve("whole.csv");
        read(Strategy.KEYSET).exportTo(Sinks.csv(whole)).run();
        List<String> rows = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            List<String> lines = Files.readAllLines(dir.resolve("orders-0000" + n + ".footed"));
            int count = n < 4 ? 800 : ROWS - 3 * 800;
            assertThat(lines.get(lines.size() - 1) + "\n").as("file %d", n).isEqualTo(FootedFormat.footer(count));
            rows.addAll(lines.subList(1, lines.size() - 1));
        }
        List<String> want = Files.readAllLines(whole);
        assertThat(rows).isEqualTo(want.subList(1, want.size()));
    }

    /** Without a checkpoint nothing can go on: a stopped run leaves no file and no part. */
    @Test
    void aStoppedRunWithoutACheckpointLeavesNothing() throws IOException {
        Path file = dir.resolve("out.csv.gz");
        assertThatThrownBy(() -> read(Strategy.AUTO).exportTo(Sinks.file(file).maxRowsPerFile(500))
                .listener(stopAt(1800)).run()).hasMessage("stopped at 1800");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResult r = read(Strategy.AUTO).exportTo(Sinks.stream(out, Format.CSV)).run();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(ROWS + 1);
        assertThat(r.rows()).isEqualTo(ROWS);
        assertThatThrownBy(() -> read(Strategy.AUTO).exportTo(Sinks.stream(new ByteArrayOutputStream(), Format.CSV))
                .checkpoint(CheckpointStores.file(dir.resolve("x.ckpt"))).run())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("cannot resume");
        assertThatThrownBy(() -> read(Strategy.AUTO).exportTo(Sinks.csv(dir.resolve("x.csv"))).resume(true).run())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("resume(true) needs a checkpoint");
    }

    /** A checkpoint that exists is resumed or replaced on purpose, never overwritten by accident. */
    @Test
    void anExistingCheckpointNeedsResumeOrForce() throws Exception {
        Path file = dir.resolve("out.csv");
        CheckpointStore store = CheckpointStores.file(dir.resolve("out.ckpt"));
        assertThatThrownBy(() -> read(Strategy.KEYSET).exportTo(Sinks.csv(file)).checkpoint(store)
                .listener(stopAt(1700)).run()).hasMessage("stopped at 1700");
        Checkpoint saved = store.load().orElseThrow();
        assertThatThrownBy(() -> read(Strategy.KEYSET).exportTo(Sinks.csv(file)).checkpoint(store).run())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("exists: an export stopped after " + saved.rowCount() + " rows")
                .hasMessageContaining("add resume(true) to go on from there, or force(true) to start over");
        assertThatThrownBy(() -> read(Strategy.KEYSET).where("grp = 1").exportTo(Sinks.csv(file)).checkpoint(store)
                .resume(true).run()).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("does not match this export").hasMessageContaining("the condition was none");
        assertThat(store.load()).contains(saved);
        ExportResult forced = read(Strategy.KEYSET).exportTo(Sinks.csv(file)).checkpoint(store).force(true).run();
        assertThat(forced.resumed()).isFalse();
        assertThat(forced.rows()).isEqualTo(ROWS);
        assertThat(store.load()).isEmpty();
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
