package dev.rowstream.contract;

import static dev.rowstream.contract.Reads.readInOrder;
import static dev.rowstream.contract.Reads.unchecked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreamException;
import dev.rowstream.RowStreams;
import dev.rowstream.StreamFailedException;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A lost connection in the middle of a read: HYBRID and KEYSET reconnect and resume after the last row
 * handed out, so the consumer still gets every row once and in order; CURSOR fails loudly; errors that
 * are not a lost connection are never retried. Sessions are killed on the server, so only the servers.
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES", "MARIADB", "MYSQL_CJ"})
@ExtendWith(LeakCheck.class)
class ResumeContractTest {
    private static final int ROWS = 200_000;

    private final DbTarget target;

    ResumeContractTest(DbTarget target) {
        this.target = target;
    }

    /** Records the retries a stream reports. */
    private static final class Retries implements StreamListener {
        final List<Integer> attempts = new ArrayList<>();
        final List<Throwable> causes = new ArrayList<>();

        @Override
        public void onRetry(int attempt, Throwable cause) {
            attempts.add(attempt);
            causes.add(cause);
        }
    }

    @Test
    void hybridResumesAfterThreeKilledSessions() throws SQLException {
        String t = Tables.orders(target, "rhybrid", ROWS, 0);
        Retries retries = new Retries();
        List<String> killed = new ArrayList<>();
        Set<Long> killAt = Set.of(20_000L, 90_000L, 160_000L); // mid-segment: segments of 60,000 rows
        try (Killer killer = new Killer(target);
             RowStream<Row> rows = RowStreams.from(target.dataSource()).table(t).strategy(Strategy.HYBRID)
                     .batchSize(1000).segmentRows(60_000).listener(retries).open()) {
            long read = readInOrder(rows, id -> {
                if (killAt.contains(id)) {
                    killed.addAll(unchecked(killer::killOthers));
                }
            });
            assertThat(read).isEqualTo(ROWS);
            assertThat(rows.rowCount()).isEqualTo(ROWS);
        }
        assertThat(killed).hasSize(3);
        if (target == DbTarget.POSTGRES) {
            // The session was found by the name the library gives it inside its transaction.
            assertThat(killed).containsOnly("rowstream");
        }
        assertThat(retries.attempts).containsExactly(1, 1, 1);
    }

    @Test
    void keysetResumesAfterThreeKilledSessions() throws SQLException {
        String t = Tables.orders(target, "rkeyset", ROWS, 0);
        Retries retries = new Retries();
        try (Killer killer = new Killer(target)) {
            // Connection 1 plans the read; then one per batch of 1,000. Three of them die as they are handed out.
            DataSource ds = killing(target.dataSource(), killer, Set.of(50, 100, 150));
            try (RowStream<Row> rows = RowStreams.from(ds).table(t).strategy(Strategy.KEYSET).batchSize(1000)
                    .listener(retries).open()) {
                assertThat(readInOrder(rows, id -> { })).isEqualTo(ROWS);
            }
        }
        assertThat(retries.attempts).containsExactly(1, 1, 1);
    }

    @Test
    void aSpentRetryBudgetFailsNamingTheAttemptsAndTheCause() throws SQLException {
        String t = Tables.orders(target, "rspent", 5_000, 0);
        Retries retries = new Retries();
        long[] read = {0};
        try (Killer killer = new Killer(target)) {
            // Connection 1 plans, connection 2 reads the first batch; every later one dies at once.
            DataSource ds = killing(target.dataSource(), killer, null);
            assertThatThrownBy(() -> {
                try (RowStream<Row> rows = RowStreams.from(ds).table(t).strategy(Strategy.KEYSET).batchSize(1000)
                        .retries(2).listener(retries).open()) {
                    rows.forEach(r -> read[0]++);
                }
            }).isInstanceOf(StreamFailedException.class)
                    .hasMessageContaining("the connection was lost after 1000 rows")
                    .hasMessageContaining("3 attempts in a row failed")
                    .hasMessageContaining("retries(2)")
                    .hasCauseInstanceOf(SQLException.class);
        }
        assertThat(read[0]).isEqualTo(1000);
        assertThat(retries.attempts).containsExactly(1, 2);
    }

    @Test
    void aCursorFailsLoudlyWhenItsSessionIsKilled() throws SQLException {
        String t = Tables.orders(target, "rcursor", ROWS, 100);
        long[] read = {0};
        try (Killer killer = new Killer(target)) {
            assertThatThrownBy(() -> {
                try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(t).strategy(Strategy.CURSOR)
                        .batchSize(1000).open()) {
                    readInOrder(rows, id -> {
                        read[0] = id;
                        if (id == 20_000) {
                            unchecked(killer::killOthers);
                        }
                    });
                }
            }).isInstanceOf(StreamFailedException.class)
                    .hasMessageContaining("the connection was lost")
                    .hasMessageContaining("strategy cursor cannot resume")
                    .hasMessageContaining("Use strategy hybrid");
        }
        assertThat(read[0]).as("rows read before the failure").isBetween(20_000L, ROWS - 1L);
    }

    @Test
    void errorsOtherThanALostConnectionAreNeverRetried() throws SQLException {
        Retries retries = new Retries();
        RowStreamException failure;
        if (target == DbTarget.POSTGRES) {
            String t = Tables.orders(target, "rdivide", 5_000, 0);
            failure = catchFailure(() -> RowStreams.from(target.dataSource())
                    .query("SELECT id, 1 / (id - 3000) AS x FROM " + t).key("id")
                    .strategy(Strategy.HYBRID).batchSize(100).listener(retries), null);
            assertThat(failure.sqlState()).isEqualTo("22012"); // division_by_zero
        } else {
            // KILL QUERY stops the query (SQLState 70100) but keeps the connection: whoever did it meant it.
            String t = Tables.orders(target, "rstopped", ROWS, 200);
            try (Killer killer = new Killer(target)) {
                failure = catchFailure(() -> RowStreams.from(target.dataSource()).table(t)
                        .strategy(Strategy.HYBRID).batchSize(1000).listener(retries), killer);
            }
            assertThat(failure.sqlState()).isEqualTo("70100");
        }
        assertThat(failure).isInstanceOf(StreamFailedException.class);
        assertThat(retries.attempts).isEmpty();
    }

    private static RowStreamException catchFailure(java.util.function.Supplier<ReadBuilder> read, Killer stopper) {
        try (RowStream<Row> rows = read.get().open()) {
            for (Row r : rows) {
                if (stopper != null && ((Number) r.get("id")).longValue() == 20_000) {
                    unchecked(stopper::stopQueries);
                }
            }
        } catch (RowStreamException e) {
            return e;
        }
        throw new AssertionError("the read did not fail");
    }

    /**
     * A DataSource that kills the session of the n-th connection it hands out (counting from 1), for each
     * n in {@code killAt}; with null, of every connection after the second.
     */
    private static DataSource killing(DataSource real, Killer killer, Set<Integer> killAt) {
        AtomicInteger handedOut = new AtomicInteger();
        return (DataSource) Proxy.newProxyInstance(ResumeContractTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("getConnection")) {
                        int n = handedOut.incrementAndGet();
                        if (killAt == null ? n > 2 : killAt.contains(n)) {
                            assertThat(killer.killOthers()).isNotEmpty();
                        }
                    }
                    return result;
                });
    }
}
