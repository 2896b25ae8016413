package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code rowstream doctor} against every database: the right diagnosis each time, by its key phrases. */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class DoctorTest {
    /** Enough rows of ~200 bytes that a measured read holds many fetches. */
    private static final int ROWS = 20_000;

    private final DbTarget target;
    private String table;

    DoctorTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void createTable() {
        table = target.table("doctor");
        target.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(200))",
                "INSERT INTO " + table + " (id, name) " + series());
        if (target == DbTarget.POSTGRES) {
            target.execute("ANALYZE " + table); // reltuples: -1 until analyzed
        }
    }

    @AfterEach
    void dropTable() {
        target.dropTable(table);
    }

    private String series() {
        String pad = "'" + "x".repeat(180) + "'";
        return switch (target) {
            case POSTGRES -> "SELECT g, 'n' || g || " + pad + " FROM generate_series(1, " + ROWS + ") g";
            case MARIADB, MYSQL_CJ -> "SELECT seq, CONCAT('n', seq, " + pad + ") FROM seq_1_to_" + ROWS;
            case H2 -> "SELECT X, 'n' || X || " + pad + " FROM SYSTEM_RANGE(1, " + ROWS + ")";
            case SQLITE -> "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + ROWS + ")"
                    + " SELECT g, 'n' || g || " + pad + " FROM s";
        };
    }

    private Cli.Result doctor(String url, String... options) {
        List<String> args = new ArrayList<>(List.of("doctor", "--url", url));
        args.addAll(List.of(options));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).as("%s", r).doesNotContain("error");
        return r;
    }

    @Test
    void diagnosesAPlainReadAndRowstreamsRead() {
        String out = doctor(target.jdbcUrl(), "--table", table).out();
        assertThat(out).startsWith("database: ").contains("\ndriver: ")
                .contains("\na plain JDBC read on this connection (autocommit on, ")
                .contains("\nwhat rowstream does for cursor and hybrid reads:\n")
                .contains("\n  so rowstream's read streams: ")
                .contains("\ntable " + table + ":\n")
                .containsPattern("\nrecommendation: .+\n$");
        String plainBuffers = "\n  it BUFFERS: the driver reads the whole result into memory first, because\n";
        String measuredPlainBuffers = "(?s).*\n    plain JDBC read: [^\n]*: all 20,000 rows at once, it buffers\n.*";
        String measuredOursStreams = "(?s).*\n    rowstream's read \\(fetch size \\d+\\): [^\n]*: the first fetch only,"
                + " it streams\n.*";
        switch (target) {
            case POSTGRES -> {
                assertThat(out).contains(plainBuffers)
                        .contains("\n  - fetch size is 0 (pgjdbc's default, set by the defaultRowFetchSize URL option)")
                        .contains("\n  - autocommit is on (the JDBC default): pgjdbc uses a cursor only inside a transaction")
                        .contains("CLOSE_CURSORS_AT_COMMIT (a holdable result is read whole)")
                        .contains("so rowstream's read streams: memory does not grow with the result (fetch size 1000;"
                                + " autocommit off;")
                        .containsPattern("\n  statement_timeout = \\w+: cancels a query running longer; through a cursor it bounds each fetch separately")
                        .contains("\n  idle_in_transaction_session_timeout = ")
                        .contains("\n  idle_session_timeout = ")
                        .contains("\n  tcp_keepalives_idle = ")
                        .contains("\n  rows: about 20,000 (estimate from the statistics)\n")
                        .matches(measuredPlainBuffers).matches(measuredOursStreams)
                        .contains("\nrecommendation: --strategy auto (hybrid)");
            }
            case MARIADB -> {
                assertThat(out).contains(plainBuffers)
                        .contains("\n  - fetch size is 0 (the driver's default, set by defaultFetchSize in the URL):"
                                + " MariaDB Connector/J reads the whole result")
                        .contains("so rowstream's read streams: memory does not grow with the result (fetch size 1000:"
                                + " MariaDB Connector/J reads 1000 rows at a time)")
                        .contains("\n  net_write_timeout = ").contains("\n  net_read_timeout = ")
                        .contains("\n  wait_timeout = ").contains("\n  max_statement_time = ")
                        .containsPattern("\n  rows: about [0-9,]+ \\(estimate from the statistics\\)\n")
                        .matches(measuredPlainBuffers).matches(measuredOursStreams);
            }
            case MYSQL_CJ -> {
                assertThat(out).contains(plainBuffers)
                        .contains("and useCursorFetch is off: Connector/J reads the whole result unless the fetch size"
                                + " is Integer.MIN_VALUE (rows one by one), or useCursorFetch=true")
                        .contains("so rowstream's read streams: memory does not grow with the result (fetch size"
                                + " Integer.MIN_VALUE on a forward-only, read-only statement: Connector/J streams rows"
                                + " one by one")
                        .contains("\n  net_write_timeout = ").contains("netTimeoutForStreamingResults")
                        .matches(measuredPlainBuffers).matches(measuredOursStreams);
            }
            case H2 -> {
                assertThat(out).contains(plainBuffers)
                        .contains("\n  - LAZY_QUERY_EXECUTION is off (H2's default): H2 materialises the whole result")
                        .contains("so rowstream's read streams: memory does not grow with the result"
                                + " (LAZY_QUERY_EXECUTION is on")
                        .contains("\nserver timeouts that can end a long read: none (an embedded database)\n")
                        .contains("\n  rows: no cheap estimate (no statistics for this table)\n")
                        .contains("\n  measured: no (the h2 database runs inside this JVM");
            }
            case SQLITE -> {
                assertThat(out).contains("\n  it streams: memory does not grow with the result\n"
                                + "  - SQLite steps the statement on every next(): results are always lazy")
                        .contains("\nserver timeouts that can end a long read: none (an embedded database)\n")
                        .contains("\n  rows: no cheap estimate (no statistics for this table)\n")
                        .matches("(?s).*\n    plain JDBC read: [^\n]*: the first fetch only, it streams\n.*")
                        .matches(measuredOursStreams);
            }
        }
    }

    @Test
    void connectorJWithUseCursorFetchUsesAServerCursor() {
        assumeTrue(target == DbTarget.MYSQL_CJ, "useCursorFetch is a MySQL Connector/J setting");
        String out = doctor(target.jdbcUrl() + "&useCursorFetch=true", "--query", "SELECT * FROM " + table).out();
        assertThat(out).contains("\n  - fetch size is 0 (the default, set by defaultFetchSize in the URL): with"
                        + " useCursorFetch=true a fetch size above 0 would use a server-side cursor\n")
                .contains("so rowstream's read streams: memory does not grow with the result (useCursorFetch=true and"
                        + " fetch size 1000: a server-side cursor, 1000 rows per fetch)")
                .contains("\n  rows: no cheap estimate for a query\n")
                .matches("(?s).*\n    rowstream's read \\(fetch size \\d+\\): [^\n]*: the first fetch only, it streams\n.*")
                .contains("\nrecommendation: --strategy auto (cursor, as there is no key)");
    }

    @Test
    void withoutAReadItStillDiagnosesTheConnection() {
        String out = doctor(target.jdbcUrl()).out();
        assertThat(out).contains("\nwhat rowstream does for cursor and hybrid reads:\n").doesNotContain("measured")
                .contains("\nrecommendation: give --table or --query for a strategy");
    }

    @Test
    void badInputIsExit2() {
        String[][] bad = {
            {"--table", table, "--query", "SELECT 1"},
            {"--table", "no_such_table"},
            {"--table", table, "--batch-size", "0"},
            {"--key", "id"},
            {"--table", table, "--key", "no_such_column"},
        };
        for (String[] options : bad) {
            List<String> args = new ArrayList<>(List.of("doctor", "--url", target.jdbcUrl()));
            args.addAll(List.of(options));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as("%s: %s", List.of(options), r).isEqualTo(2);
            assertThat(r.errLines()).as("%s", List.of(options)).singleElement().asString().startsWith("rowstream: error: ");
            assertThat(r.out()).isEmpty();
        }
    }
}
