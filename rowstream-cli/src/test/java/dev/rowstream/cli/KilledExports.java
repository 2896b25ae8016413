package dev.rowstream.cli;

import dev.rowstream.testing.DbTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** What the tests that SIGKILL an export share: their table, and the export in a child JVM with its log. */
final class KilledExports {
    private KilledExports() {
    }

    /**
     * {@code table(id BIGINT PRIMARY KEY, name, amount DECIMAL(12,2), at TIMESTAMP(6))} with {@code rows} rows: text
     * with a comma, a quote, a new line and non-ASCII, NULLs, decimals with their scale, microseconds.
     */
    static void fill(DbTarget target, String table, int rows) {
        target.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(100),"
                + " amount DECIMAL(12,2), at TIMESTAMP(6) NULL)");
        String series = target == DbTarget.POSTGRES
                ? "SELECT g, CASE WHEN g % 11 = 0 THEN NULL WHEN g % 7 = 0 THEN 'a, \"b\"' || chr(10) || 'ü😀' || g"
                        + " ELSE 'name-' || g END, g * 0.10, TIMESTAMP '1969-12-31 23:00:00' + g * INTERVAL '1.000001 second'"
                        + " FROM generate_series(1, " + rows + ") g"
                : "SELECT seq, CASE WHEN seq % 11 = 0 THEN NULL WHEN seq % 7 = 0 THEN CONCAT('a, \"b\"', CHAR(10), 'ü😀', seq)"
                        + " ELSE CONCAT('name-', seq) END, seq * 0.10,"
                        + " TIMESTAMP '1971-01-01 00:00:00' + INTERVAL seq * 1000001 MICROSECOND FROM seq_1_to_" + rows;
        target.execute("INSERT INTO " + table + " (id, name, amount, at) " + series);
    }

    /** {@code rowstream ARGS} in a JVM of its own, its output in {@code dir/log<run>.txt}. */
    static Process start(Path dir, List<String> args, int run) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log" + run + ".txt").toFile())
                .start();
    }

    static String log(Path dir, int run) throws IOException {
        return Files.readString(dir.resolve("log" + run + ".txt"), StandardCharsets.UTF_8);
    }
}
