package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
 * {@code rowstream copy} between PostgreSQL and MariaDB (the parameter is the source, the other server the
 * target), killed with SIGKILL at five random moments and resumed after each. Afterwards the target holds
 * exactly the source's rows: the same count, no duplicate key, and the same order-independent checksum
 * over every column, computed in SQL on each side (the sum of an MD5 prefix of each row's text).
 *
 * <p>200,000 rows in batches of 5,000: a kill lands while the child has a batch half written (after the
 * target's row count passed a random threshold, plus a random pause shorter than a batch takes).
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES", "MARIADB"})
@ExtendWith(LeakCheck.class)
@EnabledOnOs({OS.LINUX, OS.MAC})
class CopyKillTest {
    static final int ROWS = 200_000;
    private static final int KILLS = 5;

    private final DbTarget source;
    private final DbTarget target;
    private String from;
    private String to;

    @TempDir
    Path dir;

    CopyKillTest(DbTarget source) {
        this.source = source;
        this.target = source == DbTarget.POSTGRES ? DbTarget.MARIADB : DbTarget.POSTGRES;
    }

    @BeforeEach
    void fill() {
        from = source.table("killsrc");
        to = target.table("killdst");
        source.execute("CREATE TABLE " + from + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(100),"
                + " amount DECIMAL(12,2), ts " + (source == DbTarget.POSTGRES ? "TIMESTAMP(6)" : "DATETIME(6)")
                + " NULL, n INT)");
        String series = source == DbTarget.POSTGRES
                ? "SELECT g, CASE WHEN g % 11 = 0 THEN NULL WHEN g % 13 = 0 THEN '' ELSE 'n\t' || g || ' ü😀 \\' END,"
                        + " g * 0.10, TIMESTAMP '1969-12-31 23:00:00' + g * INTERVAL '1.000001 second',"
                        + " CASE WHEN g % 3 = 0 THEN NULL ELSE g % 1000 END FROM generate_series(1, " + ROWS + ") g"
                : "SELECT seq, CASE WHEN seq % 11 = 0 THEN NULL WHEN seq % 13 = 0 THEN '' ELSE CONCAT('n\t', seq,"
                        + " ' ü😀 \\\\') END, seq * 0.10, TIMESTAMP '1971-01-01 00:00:00' + INTERVAL seq * 1000001 MICROSECOND,"
                        + " CASE WHEN seq % 3 = 0 THEN NULL ELSE seq % 1000 END FROM seq_1_to_" + ROWS;
        source.execute("INSERT INTO " + from + " (id, name, amount, ts, n) " + series);
    }

    @AfterEach
    void drop() {
        source.dropTable(from);
        target.dropTable(to);
        target.execute("DELETE FROM rowstream_checkpoint WHERE job LIKE '%" + to + "'");
    }

    @Test
    void killedFiveTimesTheTargetHoldsExactlyTheSourceRows() throws Exception {
        long seed = System.nanoTime();
        System.out.println("CopyKillTest " + source + " to " + target + ": seed " + seed);
        Random random = new Random(seed);
        double[] at = random.doubles(KILLS, 0.03, 0.95).sorted().toArray();
        List<String> kills = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            long threshold = (long) (at[i] * ROWS);
            Process p = start(i > 0, i);
            try {
                while (p.isAlive() && count() < threshold) {
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(150)); // into the middle of a batch
                assertThat(p.isAlive()).as("kill %d: the copy ended before %d rows; log: %s", i, threshold, log(i)).isTrue();
                p.destroyForcibly(); // SIGKILL
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            kills.add(threshold + "/" + count());
        }
        Process last = start(true, KILLS);
        assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String log = log(KILLS);
        assertThat(last.exitValue()).as("final run; log: %s", log).isZero();
        // The last kill can land after the final batch committed (the process was alive, finishing up): the
        // run after it then finds the copy complete. Either way it says how many rows the target holds.
        assertThat(log).containsAnyOf("resumed after", "the copy was already complete (" + ROWS + " rows)");
        if (log.contains("resumed after")) {
            assertThat(log).contains("(" + ROWS + " in all)");
        }
        String what = "killed at " + kills + " (threshold/rows committed), seed " + seed;
        assertThat(stats(target, to)).as(what).isEqualTo(stats(source, from));
        assertThat(stats(target, to)).as(what).startsWith(ROWS + " rows, " + ROWS + " keys");
        try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT checkpoint FROM rowstream_checkpoint WHERE job LIKE '%" + to + "'")) {
            assertThat(rs.next()).as("the finished copy keeps its checkpoint").isTrue();
            assertThat(rs.getString(1)).as("marked done").contains("\"done\":\"true\"");
        }
        // A retry loop whose last run was killed after it finished runs once more: it is complete.
        Process again = start(true, KILLS + 1);
        assertThat(again.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as("log: %s", log(KILLS + 1)).isZero();
        assertThat(log(KILLS + 1)).contains("the copy was already complete (" + ROWS + " rows)");
        assertThat(stats(target, to)).as(what).isEqualTo(stats(source, from));
    }

    private Process start(boolean resume, int run) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "copy", "--from-url", source.jdbcUrl(), "--to-url", target.jdbcUrl(),
                "--table", from, "--target-table", to, "--create-table", "--batch-size", "5000"));
        if (resume) {
            cmd.add("--resume");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log" + run + ".txt").toFile())
                .start();
    }

    private String log(int run) throws IOException {
        return Files.readString(dir.resolve("log" + run + ".txt"), StandardCharsets.UTF_8);
    }

    /** Rows in the target so far (0 while the table does not exist yet). */
    private long count() {
        try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + to)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException notYet) {
            return 0;
        }
    }

    /** Count, distinct keys and an order-independent checksum of every column, computed by the database. */
    static String stats(DbTarget db, String table) throws SQLException {
        String sql = db == DbTarget.POSTGRES
                ? "SELECT COUNT(*), COUNT(DISTINCT id), SUM(('x' || SUBSTR(MD5(t), 1, 15))::bit(60)::bigint) FROM"
                        + " (SELECT id, CONCAT_WS('|', id, COALESCE(name, '<null>'), COALESCE(amount::text, '<null>'),"
                        + " COALESCE(TO_CHAR(ts, 'YYYY-MM-DD HH24:MI:SS.US'), '<null>'), COALESCE(n::text, '<null>')) AS t"
                        + " FROM " + table + ") r"
                : "SELECT COUNT(*), COUNT(DISTINCT id), SUM(CAST(CONV(SUBSTR(MD5(t), 1, 15), 16, 10) AS UNSIGNED)) FROM"
                        + " (SELECT id, CONCAT_WS('|', id, COALESCE(name, '<null>'), COALESCE(CAST(amount AS CHAR), '<null>'),"
                        + " COALESCE(DATE_FORMAT(ts, '%Y-%m-%d %H:%i:%s.%f'), '<null>'), COALESCE(CAST(n AS CHAR), '<null>'))"
                        + " AS t FROM " + table + ") r";
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1) + " rows, " + rs.getLong(2) + " keys, checksum " + rs.getBigDecimal(3).toPlainString();
        }
    }
}
