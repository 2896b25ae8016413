package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.StreamFailedException;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import dev.rowstream.testing.UrlDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The run-time check that a cursor streams (StreamingProbe), against real driver setups on PostgreSQL.
 *
 * <p>pgjdbc's {@code preferQueryMode=simple} (used in front of PgBouncer and some proxies) sends SQL through
 * the simple query protocol, which has no portal to fetch from: the driver reads the whole result inside
 * executeQuery although rowstream sets everything else right. That is the real buffering setup here. A
 * DataSource whose connections default to HOLD_CURSORS_OVER_COMMIT is not one: rowstream asks for
 * CLOSE_CURSORS_AT_COMMIT on its own statement, so pgjdbc streams.
 */
@ExtendWith(LeakCheck.class)
class StreamingProbeContractTest {
    private static final DbTarget TARGET = DbTarget.POSTGRES;
    /** ~200 bytes a row: about 64 MB in pgjdbc's buffers when read whole, twice the probe's floor. */
    private static final int ROWS = 200_000;
    private static String table;

    @BeforeAll
    static void createTable() {
        table = Tables.orders(TARGET, "probe", ROWS, 150);
    }

    @AfterAll
    static void dropTable() {
        TARGET.dropTable(table);
    }

    private static DataSource simpleQueryMode() {
        return new UrlDataSource(TARGET.jdbcUrl() + "&preferQueryMode=simple");
    }

    @Test
    void aCursorThatTheDriverBuffersFailsFastAndSaysWhy() {
        for (Strategy strategy : new Strategy[] {Strategy.CURSOR, Strategy.HYBRID}) {
            long[] read = {0};
            assertThatThrownBy(() -> {
                try (RowStream<Row> rows = RowStreams.from(simpleQueryMode()).table(table).strategy(strategy)
                        .batchSize(1000).open()) {
                    rows.forEach(r -> read[0]++);
                }
            }).as("%s", strategy).isInstanceOf(StreamFailedException.class)
                    .hasMessageContaining("the postgresql driver read the whole result into memory inside executeQuery")
                    .hasMessageContaining("first fetch of 1000 rows")
                    .hasMessageContaining("why: preferQueryMode=simple")
                    .hasMessageContaining("use strategy keyset");
            // Fails within the first fetch: it does not go on reading.
            assertThat(read[0]).as("%s", strategy).isLessThan(1000);
        }
    }

    @Test
    void keysetIsTheWayOutWithTheSameSettings() {
        try (RowStream<Row> rows = RowStreams.from(simpleQueryMode()).table(table).strategy(Strategy.KEYSET)
                .batchSize(5000).open()) {
            long n = 0;
            for (Row ignored : rows) {
                n++;
            }
            assertThat(n).isEqualTo(ROWS);
        }
    }

    @Test
    void aSmallResultThatWasBufferedIsLeftAlone() {
        // 20,000 rows read whole are about 6 MB: under the floor, so not worth failing a read for.
        try (RowStream<Row> rows = RowStreams.from(simpleQueryMode()).table(table).where("id <= 20000")
                .strategy(Strategy.CURSOR).batchSize(100).open()) {
            long n = 0;
            for (Row ignored : rows) {
                n++;
            }
            assertThat(n).isEqualTo(20_000);
        }
    }

    @Test
    void aHoldableConnectionDefaultDoesNotDefeatTheCursor() {
        DataSource real = TARGET.dataSource();
        DataSource holdable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(real, args);
                    if (result instanceof Connection c) {
                        c.setHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT);
                    }
                    return result;
                });
        for (Strategy strategy : new Strategy[] {Strategy.CURSOR, Strategy.HYBRID}) {
            try (RowStream<Row> rows = RowStreams.from(holdable).table(table).strategy(strategy).batchSize(1000)
                    .open()) {
                long n = 0;
                for (Row ignored : rows) {
                    n++;
                }
                assertThat(n).as("%s", strategy).isEqualTo(ROWS);
            }
        }
    }
}
