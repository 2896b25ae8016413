package dev.rowstream.internal;

import static dev.rowstream.contract.Reads.readInOrder;
import static dev.rowstream.contract.Reads.unchecked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.StreamFailedException;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.contract.Killer;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stream read through a JDBC URL ({@link StreamConnection}) opens one physical connection for all its
 * batches and segments, a new one only after its session was lost, and leaves no session behind (the
 * LeakCheck asks the servers) after its end, an early close or a failure.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class UrlConnectionReuseContractTest {
    private static final int ROWS = 500;
    /** 50 batches of 10 rows; HYBRID segments of 10 rows. */
    private static final int BATCH = 10;

    private final DbTarget target;
    private String table;

    UrlConnectionReuseContractTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void createTable() throws SQLException {
        table = target.table("reuse");
        StringJoiner values = new StringJoiner(", ");
        for (int id = 1; id <= ROWS; id++) {
            values.add("(" + id + ", 'v" + id + "')");
        }
        target.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO " + table + " VALUES " + values);
    }

    @AfterEach
    void dropTable() throws SQLException {
        target.dropTable(table);
    }

    private ReadBuilder read(Strategy strategy, StreamListener listener) {
        return RowStreams.from(target.jdbcUrl()).table(table).key("id").strategy(strategy).batchSize(BATCH)
                .segmentRows(BATCH).listener(listener);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aWholeReadOpensOneConnection(Strategy strategy) {
        Batches batches = new Batches();
        long before = DriverManagerDataSource.openedTotal();
        try (RowStream<Row> rows = read(strategy, batches).open()) {
            assertThat(readInOrder(rows, id -> { })).isEqualTo(ROWS);
        }
        assertThat(DriverManagerDataSource.openedTotal() - before).as("physical connections").isEqualTo(1);
        if (strategy != Strategy.CURSOR) {
            // The read really was cut into pieces: else one connection would prove nothing.
            assertThat(batches.pieces).isGreaterThanOrEqualTo(ROWS / BATCH);
        }
    }

    /** The planning connection is the read's too, and one stream never has two at once. */
    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"KEYSET", "OFFSET", "HYBRID"})
    void anEarlyCloseEndsTheSession(Strategy strategy) {
        long before = DriverManagerDataSource.openedTotal();
        try (RowStream<Row> rows = read(strategy, StreamListener.NONE).open()) {
            int n = 0;
            for (Row ignored : rows) {
                if (++n == 155) { // mid-batch, mid-segment
                    break;
                }
            }
        }
        assertThat(DriverManagerDataSource.openedTotal() - before).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"KEYSET", "OFFSET", "HYBRID"})
    void aFailedReadEndsTheSession(Strategy strategy) {
        assertThatThrownBy(() -> {
            try (RowStream<Long> rows = read(strategy, StreamListener.NONE).open(r -> {
                long id = ((Number) r.get("id")).longValue();
                if (id == 155) {
                    throw new IllegalStateException("the consumer failed");
                }
                return id;
            })) {
                rows.forEach(id -> { });
            }
        }).hasMessage("the consumer failed");
    }

    /**
     * Each kill ends the session the stream reuses; the retry must get a fresh connection (reusing the dead
     * one would only fail again until the budget is spent), and every row still comes once, in order.
     */
    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"KEYSET", "OFFSET", "HYBRID"})
    void aKilledSessionIsReplacedAndEveryRowComesOnce(Strategy strategy) throws SQLException {
        assumeTrue(target.isServer(), "an embedded database has no session to kill");
        Batches batches = new Batches();
        long before = DriverManagerDataSource.openedTotal();
        try (Killer killer = new Killer(target);
             RowStream<Row> rows = read(strategy, batches).open()) {
            assertThat(readInOrder(rows, id -> {
                if (id == 155 || id == 333) {
                    assertThat(unchecked(killer::killOthers)).hasSize(1);
                }
            })).isEqualTo(ROWS);
        }
        assertThat(batches.retries).containsExactly(1, 1);
        assertThat(DriverManagerDataSource.openedTotal() - before).as("physical connections").isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"KEYSET", "OFFSET", "HYBRID"})
    void aSpentRetryBudgetLeavesNoSession(Strategy strategy) throws SQLException {
        assumeTrue(target.isServer(), "an embedded database has no session to kill");
        try (Killer killer = new Killer(target)) {
            assertThatThrownBy(() -> {
                try (RowStream<Row> rows = read(strategy, StreamListener.NONE).retries(0).open()) {
                    readInOrder(rows, id -> {
                        if (id == 155) {
                            unchecked(killer::killOthers);
                        }
                    });
                }
            }).isInstanceOf(StreamFailedException.class).hasMessageContaining("resuming is off (retries(0))");
        }
    }

    /** A release puts the connection back as the driver opened it: the next batch finds no transaction of ours. */
    @org.junit.jupiter.api.Test
    void aReleasedConnectionIsResetAndReused() throws SQLException {
        try (StreamConnection own = StreamConnection.of(new DriverManagerDataSource(target.jdbcUrl(), null, null))) {
            Connection first;
            try (Connection c = own.getConnection()) {
                first = c.unwrap(Connection.class);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM " + table + " WHERE id = 2"); // never committed
                }
                assertThatThrownBy(own::getConnection).as("a second connection while one is out")
                        .isInstanceOf(IllegalStateException.class);
            }
            try (Connection c = own.getConnection()) {
                assertThat(c.unwrap(Connection.class)).isSameAs(first);
                assertThat(c.getAutoCommit()).isTrue();
                if (target != DbTarget.SQLITE) { // xerial cannot change the flag on an open connection
                    c.setReadOnly(true);
                }
            }
            try (Connection c = own.getConnection()) {
                assertThat(c.unwrap(Connection.class)).isSameAs(first);
                assertThat(c.isReadOnly()).isFalse();
                // In auto-commit: committed at once, while the uncommitted delete of id 2 was rolled back.
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM " + table + " WHERE id = 1");
                }
            }
        }
        assertThat(count()).isEqualTo(ROWS - 1);
    }

    /** Never handed out again: a connection the retry took for lost, or one that a call failed on. */
    @org.junit.jupiter.api.Test
    void aLostOrFailedConnectionIsReplaced() throws SQLException {
        try (StreamConnection own = StreamConnection.of(new DriverManagerDataSource(target.jdbcUrl(), null, null))) {
            long before = DriverManagerDataSource.openedTotal();
            Connection first;
            try (Connection c = own.getConnection()) {
                first = c.unwrap(Connection.class);
            }
            own.lost();
            assertThat(first.isClosed()).isTrue();
            Connection second;
            try (Connection c = own.getConnection()) {
                second = c.unwrap(Connection.class);
                own.lost(); // while it is out: discarded when released
            }
            assertThat(second.isClosed()).isTrue();
            Connection third;
            try (Connection c = own.getConnection(); Statement s = c.createStatement()) {
                third = c.unwrap(Connection.class);
                assertThatThrownBy(() -> s.executeQuery("SELECT no_such_column FROM " + table))
                        .isInstanceOf(SQLException.class);
            }
            assertThat(third.isClosed()).isTrue();
            try (Connection c = own.getConnection()) {
                assertThat(c.unwrap(Connection.class)).isNotSameAs(third);
            }
            assertThat(DriverManagerDataSource.openedTotal() - before).isEqualTo(4);
        }
    }

    private long count() throws SQLException {
        try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Counts the batches and segments, and the retries. */
    private static final class Batches implements StreamListener {
        int pieces;
        final List<Integer> retries = new ArrayList<>();

        @Override
        public void onBatch(int rows) {
            pieces++;
        }

        @Override
        public void onSegment(long rows) {
            pieces++;
        }

        @Override
        public void onRetry(int attempt, Throwable cause) {
            retries.add(attempt);
        }
    }
}
