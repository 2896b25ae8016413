package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.sink.FileSink;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code export --checkpoint}, killed with SIGKILL at five random moments and resumed after each: the
 * final file is byte for byte (SHA-256) the file of an uninterrupted export, in CSV and JSON Lines.
 *
 * <p>The export runs in a child JVM (the CLI's main class), killed once its part file has grown past a
 * random fraction of the full size. 200,000 rows rather than millions keep the test near a minute per
 * database; what matters is that every kill lands in the middle of writing, which the growing part
 * guarantees. The seed is printed, so a failure can be replayed.
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES", "MARIADB"})
@ExtendWith(LeakCheck.class)
@EnabledOnOs({OS.LINUX, OS.MAC})
class ExportKillTest {
    static final int ROWS = 200_000;
    private static final int KILLS = 5;

    private final DbTarget target;
    private String table;

    @TempDir
    Path dir;

    ExportKillTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void fill() {
        table = target.table("killexp");
        KilledExports.fill(target, table, ROWS);
    }

    @AfterEach
    void drop() {
        target.dropTable(table);
    }

    @Test
    void csvWithHybridSegments() throws Exception {
        killAndResume("csv", "--segment-rows", "30000");
    }

    @Test
    void jsonLinesWithKeyset() throws Exception {
        killAndResume("jsonl", "--strategy", "keyset");
    }

    /** Killed and resumed on PostgreSQL's fast path (COPY), against the file of an ordinary read. */
    @Test
    void csvOnTheFastPathIsTheOrdinaryFile() throws Exception {
        killAndResume("csv", List.of("--fast-path", "off"), "--strategy", "keyset");
    }

    private void killAndResume(String format, String... strategy) throws Exception {
        killAndResume(format, List.of(), strategy);
    }

    /** {@code wholeOnly}: options of the uninterrupted export alone, after the others. */
    private void killAndResume(String format, List<String> wholeOnly, String... strategy) throws Exception {
        long seed = System.nanoTime();
        System.out.println("ExportKillTest " + target + " " + format + ": seed " + seed);
        Random random = new Random(seed);
        List<String> read = new ArrayList<>(List.of("--url", target.jdbcUrl(), "--table", table, "--format", format,
                "--batch-size", "1000"));
        read.addAll(Arrays.asList(strategy));

        Path whole = dir.resolve("whole." + format);
        List<String> plain = new ArrayList<>(List.of("export"));
        plain.addAll(read);
        plain.addAll(List.of("--output", whole.toString()));
        plain.addAll(wholeOnly);
        Cli.Result r = Cli.run(plain.toArray(String[]::new));
        assertThat(r.code()).as("%s", r).isZero();
        long size = Files.size(whole);

        Path file = dir.resolve("out." + format);
        Path part = FileSink.partOf(file);
        Path checkpoint = dir.resolve("out.ckpt");
        double[] at = random.doubles(KILLS, 0.03, 0.97).sorted().toArray();
        List<String> kills = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            long threshold = (long) (at[i] * size);
            Process p = start(read, file, checkpoint, Files.exists(checkpoint), i);
            try {
                while (p.isAlive() && (!Files.exists(part) || Files.size(part) < threshold)) {
                    Thread.sleep(2);
                }
                assertThat(p.isAlive()).as("kill %d: the export ended before %d bytes; log: %s", i, threshold,
                        log(i)).isTrue();
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            kills.add(threshold + "/" + Files.size(part));
            assertThat(checkpoint).as("kill %d at %s", i, kills).exists();
            assertThat(file).doesNotExist();
        }
        Process last = start(read, file, checkpoint, true, KILLS);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as("final run; log: %s", log(KILLS)).isZero();
        assertThat(log(KILLS)).contains("resumed after").contains("(" + ROWS + " in all)");
        if (!wholeOnly.isEmpty() && target == DbTarget.POSTGRES) { // the only database with a fast path
            assertThat(log(KILLS)).contains("(fast path: COPY binary)");
        }
        assertThat(part).doesNotExist();
        assertThat(checkpoint).doesNotExist();
        assertThat(sha256(file)).as("killed at %s (bytes wanted/part length), seed %d", kills, seed)
                .isEqualTo(sha256(whole));
    }

    private Process start(List<String> read, Path file, Path checkpoint, boolean resume, int run) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("export"));
        cmd.addAll(read);
        cmd.addAll(List.of("--output", file.toString(), "--checkpoint", checkpoint.toString()));
        if (resume) {
            cmd.add("--resume");
        }
        return KilledExports.start(dir, cmd, run);
    }

    private String log(int run) throws IOException {
        return KilledExports.log(dir, run);
    }

    static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
