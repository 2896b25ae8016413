package dev.rowstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.ExportChild;
import dev.rowstream.testing.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 300,000-row export (about 90 MB of row data) to Parquet in a 64 MB heap, in a JVM of its own without Hadoop
 * on its class path: it completes with the default row groups, and the file holds every row (DuckDB counts
 * them). The control: with row groups larger than the heap, the same export runs out of memory, so the bound is
 * what keeps it in. PostgreSQL only: the memory is the writer's (BoundedMemoryTest covers each driver's read).
 */
@ExtendWith(LeakCheck.class)
class ParquetSmallHeapTest {
    private static final int ROWS = 300_000;
    private static final DbTarget TARGET = DbTarget.POSTGRES;

    @TempDir
    Path dir;

    @Test
    void exportsMoreThanTheHeapWithBoundedRowGroups() throws Exception {
        String t = TARGET.table("pqheap");
        TARGET.execute("CREATE TABLE " + t + " (id BIGINT PRIMARY KEY, grp INT, name VARCHAR(300), amount NUMERIC(12,2),"
                + " at TIMESTAMP, zoned TIMESTAMPTZ)",
                "INSERT INTO " + t + " SELECT g, g % 7, CASE WHEN g % 5 = 0 THEN NULL ELSE 'name-' || g || ' '"
                        + " || md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text) || md5((g + 3)::text)"
                        + " || md5((g + 4)::text) || md5((g + 5)::text) || md5((g + 6)::text) END, g * 1.25, timestamp '2024-01-01' + g * interval '1 second',"
                        + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 ms' FROM generate_series(1, " + ROWS + ") g");
        try {
            Path file = dir.resolve("orders.parquet");
            String out = child(t, file);
            assertThat(out).contains("rows=" + ROWS + " idSum=" + (long) ROWS * (ROWS + 1) / 2);
            try (Connection c = DuckDb.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), sum(id), count(name), sum(amount) FROM read_parquet('"
                         + file + "')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(ROWS);
                assertThat(rs.getLong(2)).isEqualTo((long) ROWS * (ROWS + 1) / 2);
                assertThat(rs.getLong(3)).isEqualTo(ROWS - ROWS / 5);
                assertThat(rs.getBigDecimal(4)).isEqualByComparingTo(new java.math.BigDecimal((long) ROWS * (ROWS + 1) / 2)
                        .multiply(new java.math.BigDecimal("1.25")));
            }
            assertThat(DuckDb.rowGroups(file)).isGreaterThan(1);

            String control = child(t, dir.resolve("control.parquet"), "compression=none", "row-group-mb=1024");
            assertThat(control).as("one row group for the whole table must not fit in 64 MB").contains("oom after rows=");
        } finally {
            TARGET.dropTable(t);
        }
    }

    private String child(String table, Path file, String... options) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("java.class.path");
        assertThat(classPath).as("the child runs without Hadoop").doesNotContain("/org/apache/hadoop/");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath, ExportChild.class.getName(),
                TARGET.jdbcUrl(), table, "parquet", file.toString()));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8).trim();
        System.out.println("child " + String.join(" ", options) + ": " + text);
        return text;
    }
}
