package dev.rowstream.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MariaDB TIME values through both drivers' binary protocol (server-side prepared statements, which
 * {@code useCursorFetch=true} implies on MySQL Connector/J): every value comes out as the server's own text,
 * with every strategy, with and without a key. MySQL Connector/J 9 decodes a negative binary TIME wrongly in
 * every getter (-838:59:59 as -794:59:59, -00:30:00 as 00:30:00); only the plain text protocol was tested before.
 */
@ExtendWith(LeakCheck.class)
class TimeOverBinaryProtocolTest {
    private static final List<String> TIMES = List.of("-838:59:59", "-25:30:00.5", "-24:00:00", "-10:00:00",
            "-00:30:00", "-00:00:00.000001", "00:00:00", "10:15:30.25", "25:00:00.5", "838:59:59");

    private final DbTarget server = DbTarget.MARIADB;
    private String table;

    @BeforeEach
    void fill() {
        table = server.table("bintime");
        server.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, t6 TIME(6), t3 TIME(3), t0 TIME)");
        for (int i = 0; i < TIMES.size(); i++) {
            String t = "'" + TIMES.get(i) + "'";
            server.execute("INSERT INTO " + table + " VALUES (" + i + ", " + t + ", " + t + ", " + t + ")");
        }
        server.execute("INSERT INTO " + table + " VALUES (" + TIMES.size() + ", NULL, NULL, NULL)");
    }

    @AfterEach
    void drop() {
        server.dropTable(table);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "MYSQL_CJ, useServerPrepStmts=true, KEYSET", "MYSQL_CJ, useServerPrepStmts=true, HYBRID",
            "MYSQL_CJ, useServerPrepStmts=true, CURSOR", "MYSQL_CJ, useCursorFetch=true, CURSOR",
            "MYSQL_CJ, useCursorFetch=true, KEYSET", "MYSQL_CJ, useCursorFetch=false, CURSOR",
            "MARIADB, useServerPrepStmts=true, KEYSET", "MARIADB, useServerPrepStmts=true, CURSOR",
            "MARIADB, useServerPrepStmts=false, HYBRID"})
    void everyTimeIsTheServersText(DbTarget driver, String option, Strategy strategy) {
        String url = driver.jdbcUrl() + "&" + option;
        List<List<String>> expected = serverText("SELECT CAST(t6 AS CHAR), CAST(t3 AS CHAR), CAST(t0 AS CHAR) FROM "
                + table + " ORDER BY id");
        // By the table (exact reads planned) and by a query without a key (run as written).
        List<List<Object>> byTable = read(RowStreams.from(url).table(table).columns("t6", "t3", "t0").key("id")
                .strategy(strategy).batchSize(3));
        List<List<Object>> byQuery = strategy != Strategy.CURSOR ? byTable : read(RowStreams.from(url)
                .query("SELECT t6, t3, t0 FROM " + table + " ORDER BY id").strategy(strategy).batchSize(3));
        for (List<List<Object>> got : List.of(byTable, byQuery)) {
            assertThat(got).hasSameSizeAs(expected);
            for (int r = 0; r < expected.size(); r++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(got.get(r).get(c)).as("row %d column %d", r, c)
                            .isEqualTo(ours(expected.get(r).get(c)));
                }
            }
        }
    }

    private static List<List<Object>> read(dev.rowstream.ReadBuilder read) {
        List<List<Object>> rows = new ArrayList<>();
        try (RowStream<Row> s = read.open()) {
            for (Row row : s) {
                rows.add(new ArrayList<>(row.values()));
            }
        }
        return rows;
    }

    /** rowstream's value of the server's text: a LocalTime within a day, else that text as it is. */
    private static Object ours(String text) {
        if (text == null || text.startsWith("-") || Integer.parseInt(text.substring(0, text.indexOf(':'))) > 23) {
            return text;
        }
        return LocalTime.parse(text);
    }

    private List<List<String>> serverText(String sql) {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
