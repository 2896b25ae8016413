package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
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
 * The retry loop README shows, {@code until rowstream export ... --checkpoint C --resume; do sleep 1; done},
 * with each run SIGKILLed at a random moment, one kill in three within the first second of the JVM (before
 * or while the read is planned and the first checkpoint saved): the loop gets going from the first run
 * (there is no checkpoint yet, so --resume starts from the beginning), and its output equals an uninterrupted
 * export's: the same SHA-256 for CSV, the same files with the same content (SHA-256 after gunzip: gzip
 * members end at checkpoints, whose times differ) for compressed, numbered files.
 *
 * <p>Children are forked as in {@link ExportKillTest}; 200,000 rows keep each test near a minute. The seed
 * is printed, so that a failure can be replayed.
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES", "MARIADB"})
@ExtendWith(LeakCheck.class)
@EnabledOnOs({OS.LINUX, OS.MAC})
class ExportRetryLoopKillTest {
    private static final int ROWS = ExportKillTest.ROWS;
    private static final int RUNS = 9;

    private final DbTarget target;
    private String table;

    @TempDir
    Path dir;

    ExportRetryLoopKillTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void fill() {
        table = target.table("killloop");
        target.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(100),"
                + " amount DECIMAL(12,2))");
        String series = target == DbTarget.POSTGRES
                ? "SELECT g, CASE WHEN g % 11 = 0 THEN NULL WHEN g % 7 = 0 THEN 'a, \"b\"' || chr(10) || 'ü😀' || g"
                        + " ELSE 'name-' || g END, g * 0.10 FROM generate_series(1, " + ROWS + ") g"
                : "SELECT seq, CASE WHEN seq % 11 = 0 THEN NULL WHEN seq % 7 = 0 THEN CONCAT('a, \"b\"', CHAR(10), 'ü😀', seq)"
                        + " ELSE CONCAT('name-', seq) END, seq * 0.10 FROM seq_1_to_" + ROWS;
        target.execute("INSERT INTO " + table + " (id, name, amount) " + series);
    }

    @AfterEach
    void drop() {
        target.dropTable(table);
    }

    @Test
    void csvKilledFromTheFirstSecond() throws Exception {
        retryLoop("orders.csv");
    }

    @Test
    void gzipNumberedFilesKilledFromTheFirstSecond() throws Exception {
        retryLoop("orders.jsonl.gz", "--max-rows-per-file", "45000", "--strategy", "keyset");
    }

    private void retryLoop(String name, String... options) throws Exception {
        long seed = System.nanoTime();
        System.out.println("ExportRetryLoopKillTest " + target + " " + name + ": seed " + seed);
        Random random = new Random(seed);
        List<String> read = new ArrayList<>(List.of("export", "--url", target.jdbcUrl(), "--table", table,
                "--batch-size", "1000", "--progress", "off"));
        read.addAll(List.of(options));

        Path whole = Files.createDirectory(dir.resolve("whole"));
        long start = System.nanoTime();
        Process uninterrupted = start(read, List.of("--output", whole.resolve(name).toString()), "whole");
        assertThat(uninterrupted.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(uninterrupted.exitValue()).as("uninterrupted; log: %s", log("whole")).isZero();
        long millis = (System.nanoTime() - start) / 1_000_000;

        Path out = Files.createDirectory(dir.resolve("out"));
        Path checkpoint = dir.resolve("out.ckpt");
        List<String> loop = List.of("--output", out.resolve(name).toString(), "--checkpoint", checkpoint.toString(),
                "--resume");
        List<String> kills = new ArrayList<>();
        int early = 0;
        boolean done = false;
        for (int run = 0; run < RUNS && !done; run++) {
            // One kill in three in the JVM's first second; the others once there is a checkpoint (on a busy
            // machine the first one can take seconds), within a third of a whole run's time after it.
            // A first-second kill lands within half a run's time too: an export that takes about a second
            // would otherwise finish before it now and then, and no kill would test the early window.
            boolean first = run % 3 == 0;
            long wait = first ? random.nextLong(Math.max(1, Math.min(1000, millis / 2))) : random.nextLong(millis / 3);
            Process p = start(read, loop, "run" + run);
            long began = System.nanoTime();
            while (!first && p.isAlive() && !Files.exists(checkpoint)) {
                Thread.sleep(2);
            }
            try {
                if (p.waitFor(wait, TimeUnit.MILLISECONDS)) {
                    assertThat(p.exitValue()).as("run %d; log: %s", run, log("run" + run)).isZero();
                    done = true;
                } else {
                    boolean saved = Files.exists(checkpoint);
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    kills.add((System.nanoTime() - began) / 1_000_000 + "ms" + (saved ? "" : " (no checkpoint yet)"));

                    early += first ? 1 : 0;
                }
            } finally {
                p.destroyForcibly();
            }
        }
        if (!done) {
            Process last = start(read, loop, "last");
            assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as("final run; log: %s", log("last")).isZero();
        }
        System.out.println("ExportRetryLoopKillTest " + target + " " + name + ": one run " + millis + " ms; killed at "
                + kills);
        assertThat(early).as("kills in the first second, of %s", kills).isPositive();
        assertThat(kills).as("kills that hit a running export").hasSizeGreaterThanOrEqualTo(3);
        assertThat(checkpoint).doesNotExist();
        assertThat(contents(out)).as("killed at %s, seed %d", kills, seed).isEqualTo(contents(whole));
    }

    /** Each file's name and the SHA-256 of its content (after gunzip for .gz); no part may be left. */
    private static List<String> contents(Path folder) throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.sorted().toList()) {
                files.add(p.getFileName() + " " + sha256(p));
            }
        }
        assertThat(files).isNotEmpty().noneMatch(f -> f.contains(".part "));
        return files;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private Process start(List<String> read, List<String> output, String run) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(read);
        cmd.addAll(output);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(run + ".log").toFile())
                .start();
    }

    private String log(String run) throws IOException {
        return Files.readString(dir.resolve(run + ".log"), StandardCharsets.UTF_8);
    }
}
