package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.StreamFailedException;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import dev.rowstream.testing.UrlDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A consumer that pauses mid-read for longer than the server lets a read wait: PostgreSQL's
 * {@code idle_in_transaction_session_timeout} ends the session; MariaDB's {@code net_write_timeout} drops
 * the connection of a query that could not send its rows. HYBRID resumes and gives every row once, in
 * order; CURSOR fails loudly, and never ends as if the data had ended (the silent truncation of mysql2
 * #369). Both servers get a short timeout for this test's sessions only.
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES", "MARIADB", "MYSQL_CJ"})
@ExtendWith(LeakCheck.class)
class SlowConsumerContractTest {
    /** The server's limit, in seconds, and the consumer's pause, well past it. */
    private static final int SERVER_TIMEOUT = 2;
    private static final long PAUSE_MILLIS = 5_000;
    /** Where the consumer pauses: a fetch boundary for PostgreSQL's batches of 1000. */
    private static final long PAUSE_AT = 1_000;

    private final DbTarget target;
    private String table;
    private int rows;
    private DataSource dataSource;
    private String database;

    SlowConsumerContractTest(DbTarget target) {
        this.target = target;
    }

    /**
     * PostgreSQL: a few rows do, the session dies however much is left. MariaDB: 300,000 rows of about
     * 300 bytes (90 MB), far more than the socket buffers hold, so the server is blocked writing while the
     * consumer pauses.
     */
    @BeforeEach
    void slowServer() throws SQLException {
        if (target == DbTarget.POSTGRES) {
            rows = 20_000;
            table = Tables.orders(target, "slowpg", rows, 0);
            // New connections of the scratch database get the setting; reset in slowServerBack.
            try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_database()")) {
                rs.next();
                database = rs.getString(1);
            }
            target.execute("ALTER DATABASE \"" + database + "\" SET idle_in_transaction_session_timeout = '"
                    + SERVER_TIMEOUT + "s'");
            dataSource = target.dataSource();
        } else {
            rows = 300_000;
            table = Tables.orders(target, "slowmaria", rows, 260);
            // For these sessions only (SET GLOBAL would reach every other client of the server). Connector/J
            // sets net_write_timeout itself for a streamed result, to netTimeoutForStreamingResults.
            dataSource = new UrlDataSource(target.jdbcUrl() + (target == DbTarget.MARIADB
                    ? "&sessionVariables=net_write_timeout=" + SERVER_TIMEOUT
                    : "&netTimeoutForStreamingResults=" + SERVER_TIMEOUT));
        }
    }

    @AfterEach
    void slowServerBack() {
        if (database != null) {
            target.execute("ALTER DATABASE \"" + database + "\" RESET idle_in_transaction_session_timeout");
        }
        target.dropTable(table);
    }

    /** Reads ids 1..rows, pausing once; fails on the first id missing, repeated or out of order. */
    private long readPausing(RowStream<Row> stream) throws InterruptedException {
        long expected = 1;
        for (Row r : stream) {
            long id = ((Number) r.get("id")).longValue();
            if (id != expected) {
                fail("expected id " + expected + " but got " + id);
            }
            if (id == PAUSE_AT) {
                Thread.sleep(PAUSE_MILLIS);
            }
            expected++;
        }
        return expected - 1;
    }

    @Test
    void hybridResumesAfterTheServerDroppedThePausedRead() throws InterruptedException {
        List<Throwable> causes = new ArrayList<>();
        long read;
        try (RowStream<Row> stream = RowStreams.from(dataSource).table(table).strategy(Strategy.HYBRID)
                .batchSize(1000).listener(new StreamListener() {
                    @Override
                    public void onRetry(int attempt, Throwable cause) {
                        causes.add(cause);
                    }
                }).open()) {
            read = readPausing(stream);
            assertThat(stream.rowCount()).isEqualTo(rows);
        }
        assertThat(read).isEqualTo(rows);
        // The server did drop the read (else this test proves nothing), and the read went on after it.
        assertThat(causes).hasSize(1);
        if (target == DbTarget.POSTGRES) {
            assertThat(causes.get(0)).hasMessageContaining("idle-in-transaction timeout");
        }
    }

    @Test
    void aCursorFailsLoudlyAndNeverEndsShort() {
        long[] read = {0};
        StreamFailedException e = catchThrowableOfType(StreamFailedException.class, () -> {
            try (RowStream<Row> stream = RowStreams.from(dataSource).table(table).strategy(Strategy.CURSOR)
                    .batchSize(1000).open()) {
                read[0] = readPausing(stream);
            }
        });
        assertThat(e).as("the cursor ended without an error after %d of %d rows", read[0], rows).isNotNull();
        assertThat(e.getMessage()).contains("the connection was lost").contains("strategy cursor cannot resume")
                .contains("Use strategy hybrid");
        if (target == DbTarget.POSTGRES) {
            assertThat(e.getMessage()).contains("idle-in-transaction timeout").contains("25P03");
        }
    }
}
