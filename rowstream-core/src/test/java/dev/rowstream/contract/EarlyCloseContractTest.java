package dev.rowstream.contract;

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
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Closing a stream after a few rows of a big result returns at once and leaves nothing running.
 * MariaDB and MySQL drivers would otherwise read and discard every remaining row on close.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class EarlyCloseContractTest {
    /** 300,000 rows of about 330 bytes: ~100 MB that a draining close would have to read. */
    private static final int ROWS = 300_000;
    private static final int PAD = 300;
    private static final long MAX_CLOSE_MILLIS = 1000;

    private final DbTarget target;

    EarlyCloseContractTest(DbTarget target) {
        this.target = target;
    }

    @Test
    void closingACursorAfterTenRowsIsQuickAndStopsTheServer() throws SQLException {
        String table = Tables.orders(target, "bigclose", ROWS, PAD);
        try {
            closeAfterTenRows(table);
        } finally {
            target.dropTable(table);
        }
    }

    private void closeAfterTenRows(String table) throws SQLException {
        long sentBefore = bytesSent();
        long millis;
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(table).strategy(Strategy.CURSOR)
                .batchSize(1000).open()) {
            Iterator<Row> it = rows.iterator();
            for (int i = 0; i < 10; i++) {
                assertThat(it.next().get("id")).isNotNull();
            }
            long start = System.nanoTime();
            rows.close();
            millis = (System.nanoTime() - start) / 1_000_000;
        }
        assertThat(millis).as("close() took %d ms", millis).isLessThan(MAX_CLOSE_MILLIS);
        long sent = bytesSent() - sentBefore;
        // A draining close makes the server send all ~100 MB; a stopped query sends a few socket buffers.
        assertThat(sent).as("bytes the server sent").isLessThan(40L << 20);
        assertThat(target.openConnections()).isZero();
    }

    /** The server's Bytes_sent counter on MariaDB (the drain is a MariaDB/MySQL protocol trait); 0 elsewhere. */
    private long bytesSent() throws SQLException {
        if (target != DbTarget.MARIADB && target != DbTarget.MYSQL_CJ) {
            return 0;
        }
        try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Bytes_sent'")) {
            rs.next();
            return rs.getLong(2);
        }
    }
}
