package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.StreamFailedException;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every read runs read only, whatever its strategy, where the database can enforce it; a statement
 * timeout stops a slow query with a message that names it; a CURSOR whose transaction outlives
 * maxTransactionSeconds stops, while HYBRID, KEYSET and OFFSET keep to it.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class BudgetsContractTest {
    private static final Strategy[] ALL = {Strategy.CURSOR, Strategy.KEYSET, Strategy.OFFSET, Strategy.HYBRID};

    private final DbTarget target;

    BudgetsContractTest(DbTarget target) {
        this.target = target;
    }

    private List<Row> read(UnaryOperator<ReadBuilder> spec) {
        List<Row> all = new ArrayList<>();
        try (RowStream<Row> rows = spec.apply(RowStreams.from(target.dataSource())).open()) {
            rows.forEach(all::add);
        }
        return all;
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }

    // ---- read only ---------------------------------------------------------------------------

    @Test
    void aWriteThroughTheLibrarysOwnSessionIsRefused() {
        String source = Tables.orders(target, "rosrc", 30, 0);
        String written = target.table("rowritten");
        target.execute("CREATE TABLE " + written + " (x INT)");
        String writes;
        switch (target) {
            case POSTGRES -> {
                writes = target.table("rowrite");
                target.execute("CREATE FUNCTION " + writes + "() RETURNS int LANGUAGE sql VOLATILE"
                        + " AS 'INSERT INTO " + written + " (x) VALUES (1) RETURNING x'");
            }
            case MARIADB, MYSQL_CJ -> {
                writes = target.table("rowrite");
                target.execute("CREATE FUNCTION " + writes + "() RETURNS INT MODIFIES SQL DATA"
                        + " BEGIN INSERT INTO " + written + " (x) VALUES (1); RETURN 1; END");
            }
            // H2's setReadOnly is only a hint ("it does not cause writes to be prohibited"), and H2 has no
            // read-only session: nothing to prove. SQLite has no SQL function that writes; that its reads
            // run under PRAGMA query_only is observed in theReadOnlyModeIsObservableInsideTheRead.
            default -> {
                return;
            }
        }
        String query = "SELECT id, " + writes + "() AS v FROM " + source;
        for (Strategy strategy : ALL) {
            StreamFailedException e = catchThrowableOfType(StreamFailedException.class,
                    () -> read(b -> b.query(query).key("id").strategy(strategy).batchSize(10).retries(0)));
            assertThat(e).as("%s", strategy).isNotNull();
            // read_only_sql_transaction (PostgreSQL), ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION (MariaDB)
            assertThat(e.sqlState()).as("%s: %s", strategy, e.getMessage()).isEqualTo("25006");
        }
        assertThat(read(b -> b.query("SELECT COUNT(*) AS n FROM " + written)).get(0).get("n").toString())
                .as("rows the function wrote").isEqualTo("0");
    }

    @Test
    void theReadOnlyModeIsObservableInsideTheRead() throws java.sql.SQLException {
        String source = Tables.orders(target, "roseen", 25, 0);
        String column;
        String expected;
        switch (target) {
            case POSTGRES -> {
                column = "current_setting('transaction_read_only')";
                expected = "on";
            }
            case SQLITE -> {
                column = "(SELECT query_only FROM pragma_query_only)";
                expected = "1";
            }
            // MariaDB shows no trace of START TRANSACTION READ ONLY or SET TRANSACTION READ ONLY:
            // @@tx_read_only is the session's default, 0 inside such a transaction. H2 has no read-only
            // session at all. aWriteThroughTheLibrarysOwnSessionIsRefused proves it for MariaDB.
            default -> {
                return;
            }
        }
        for (Strategy strategy : ALL) {
            List<Row> rows = read(b -> b.query("SELECT id, " + column + " AS ro FROM " + source).key("id")
                    .strategy(strategy).batchSize(10).segmentRows(10));
            assertThat(rows).as("%s", strategy).hasSize(25);
            assertThat(rows).as("%s", strategy).allSatisfy(r -> assertThat(text(r.get("ro"))).isEqualTo(expected));
        }
        if (target == DbTarget.SQLITE) {
            // query_only is turned off again on the way out: a pooled connection goes back as it came.
            try (Connection c = target.dataSource().getConnection()) {
                DataSource one = oneConnection(c);
                for (Strategy strategy : ALL) {
                    assertThat(RowStreams.from(one).table(source).strategy(strategy).batchSize(10).open().stream()
                            .count()).isEqualTo(25);
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT query_only FROM pragma_query_only")) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("%s", strategy).isZero();
                    }
                }
            }
        }
    }

    /** A DataSource that hands out {@code c} every time, and never closes it: a pool of one. */
    private static DataSource oneConnection(Connection c) {
        Connection kept = (Connection) Proxy.newProxyInstance(BudgetsContractTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") || method.getName().equals("abort")) {
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(BudgetsContractTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return kept;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void postgresBatchesAreTaggedAndCarryTheServersTimeoutForTheirTransactionOnly() {
        if (target != DbTarget.POSTGRES) {
            return; // application_name and statement_timeout are PostgreSQL's; MariaDB has no session name
        }
        String source = Tables.orders(target, "rotag", 25, 0);
        String query = "SELECT id, current_setting('application_name') AS app,"
                + " current_setting('statement_timeout') AS timeout FROM " + source;
        for (Strategy strategy : ALL) {
            List<Row> rows = read(b -> b.query(query).key("id").strategy(strategy).batchSize(10).segmentRows(10)
                    .statementTimeout(Duration.ofSeconds(7)));
            assertThat(rows).as("%s", strategy).hasSize(25).allSatisfy(r -> {
                assertThat(r.get("app")).isEqualTo("rowstream");
                assertThat(r.get("timeout")).isEqualTo("7s");
            });
            // Without a timeout the server's own default applies: SET LOCAL ended with each transaction.
            assertThat(read(b -> b.query(query).key("id").strategy(strategy).batchSize(10)))
                    .allSatisfy(r -> assertThat(r.get("timeout")).isEqualTo("0"));
        }
    }

    // ---- statement timeout -------------------------------------------------------------------

    /** A query that runs about 3 s or longer, or null where no timeout can stop one. */
    private String slowQuery() {
        return switch (target) {
            case POSTGRES -> "SELECT 1 AS id FROM pg_sleep(4)";
            // Not SLEEP(): MariaDB materialises a derived table with it, so planning would sleep too.
            case MARIADB, MYSQL_CJ -> "SELECT a.seq AS id FROM seq_1_to_20000 a, seq_1_to_20000 b"
                    + " WHERE a.seq * b.seq = -1";
            case H2 -> "SELECT COUNT(*) AS id FROM SYSTEM_RANGE(1, 6000) a, SYSTEM_RANGE(1, 6000) b"
                    + " WHERE MOD(a.X * b.X, 7) = 3";
            // xerial's setQueryTimeout only sets how long to wait for a lock: no timeout stops a query.
            case SQLITE -> null;
        };
    }

    @Test
    void aSlowQueryIsStoppedByTheStatementTimeoutAndNeverRetried() {
        String slow = slowQuery();
        if (slow == null) {
            return;
        }
        for (Strategy strategy : new Strategy[] {Strategy.CURSOR, Strategy.KEYSET, Strategy.HYBRID}) {
            List<Integer> retries = new ArrayList<>();
            long start = System.nanoTime();
            assertThatThrownBy(() -> read(b -> b.query(slow).key("id").strategy(strategy)
                    .statementTimeout(Duration.ofSeconds(1)).listener(new StreamListener() {
                        @Override
                        public void onRetry(int attempt, Throwable cause) {
                            retries.add(attempt);
                        }
                    })))
                    .as("%s", strategy)
                    .isInstanceOf(StreamFailedException.class)
                    .hasMessageContaining("ran longer than the statement timeout of 1 s")
                    .hasMessageContaining("--statement-timeout 1)")
                    .hasMessageContaining("use strategy keyset or hybrid");
            assertThat(retries).as("%s", strategy).isEmpty();
            assertThat((System.nanoTime() - start) / 1e9).as("%s: seconds to fail", strategy).isLessThan(3.5);
        }
        // The same query with room enough succeeds (and H2's session timeout was set back for the next query).
        if (target == DbTarget.POSTGRES) {
            assertThat(read(b -> b.query("SELECT 1 AS id FROM pg_sleep(0.2)").key("id").strategy(Strategy.KEYSET)
                    .statementTimeout(Duration.ofSeconds(2)))).hasSize(1);
        }
    }

    @Test
    void onPostgresTheTimeoutBoundsEachFetchNotTheConsumersPauses() throws InterruptedException {
        if (target != DbTarget.POSTGRES) {
            return; // MariaDB Connector/J's max_statement_time spans the whole stream: see ReadBuilder.statementTimeout
        }
        String t = Tables.orders(target, "tofetch", 300, 0);
        long n = 0;
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(t).strategy(Strategy.CURSOR)
                .batchSize(100).statementTimeout(Duration.ofSeconds(1)).open()) {
            for (Row r : rows) {
                n++;
                if (n == 100 || n == 200) {
                    Thread.sleep(1200); // past the timeout, between two fetches
                }
            }
        }
        assertThat(n).isEqualTo(300);
    }

    // ---- max transaction seconds -------------------------------------------------------------

    @Test
    void aCursorWhoseTransactionOutlivesItsBudgetStops() throws InterruptedException {
        String t = Tables.orders(target, "tolong", 50, 0);
        List<Long> got = new ArrayList<>();
        RowStream<Row> rows = RowStreams.from(target.dataSource()).table(t).strategy(Strategy.CURSOR).batchSize(10)
                .maxTransactionSeconds(1).open();
        StreamFailedException e = catchThrowableOfType(StreamFailedException.class, () -> {
            for (Row r : rows) {
                got.add(((Number) r.get("id")).longValue());
                if (got.size() == 5) {
                    Thread.sleep(1100);
                }
            }
        });
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("stopped after 5 rows: the cursor's transaction has been open for 1.")
                .contains("over its limit of 1 s (maxTransactionSeconds, --max-transaction-seconds 1)")
                .contains("use strategy(hybrid) with a key, which ends its transaction every segmentSeconds(...)");
        assertThat(got).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(target.openConnections()).isZero();
    }

    @Test
    void hybridKeysetAndOffsetKeepToTheBudgetWithASlowConsumer() throws InterruptedException {
        String t = Tables.orders(target, "tokeep", 24, 0);
        for (Strategy strategy : new Strategy[] {Strategy.HYBRID, Strategy.KEYSET, Strategy.OFFSET}) {
            List<Long> segments = new ArrayList<>();
            List<Long> got = new ArrayList<>();
            try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(t).strategy(strategy).batchSize(12)
                    .maxTransactionSeconds(1).listener(new StreamListener() {
                        @Override
                        public void onSegment(long n) {
                            segments.add(n);
                        }
                    }).open()) {
                for (Row r : rows) {
                    got.add(((Number) r.get("id")).longValue());
                    Thread.sleep(strategy == Strategy.HYBRID ? 60 : got.size() == 6 ? 1100 : 0);
                }
            }
            assertThat(got).as("%s", strategy).hasSize(24).isSorted().doesNotHaveDuplicates();
            if (strategy == Strategy.HYBRID) {
                // 24 rows at 60 ms: about 1.5 s, so segments (lowered to 1 s from the default 30) ended by time.
                assertThat(segments).hasSizeGreaterThanOrEqualTo(2);
            }
        }
    }
}
