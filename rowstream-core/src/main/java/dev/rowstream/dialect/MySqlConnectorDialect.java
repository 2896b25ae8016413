package dev.rowstream.dialect;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** MySQL or MariaDB servers through MySQL Connector/J 8 or later. The SQL is MariaDB's; the driver rules differ. */
public class MySqlConnectorDialect extends MariaDbDialect {

    @Override
    public String name() { return "mysql-connector-j"; }

    /*
     * Connector/J buffers a whole result unless either:
     * - the statement is FORWARD_ONLY and CONCUR_READ_ONLY with fetchSize == Integer.MIN_VALUE, which
     *   streams row by row over the open connection (the connection can run nothing else meanwhile), or
     * - the URL sets useCursorFetch=true and fetchSize > 0, which uses a server-side cursor.
     * A positive fetch size without useCursorFetch is silently ignored, so we pick by the URL.
     */
    @Override
    public PreparedStatement prepareCursor(Connection c, String sql, int fetchSize) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(usesCursorFetch(c) ? fetchSize : Integer.MIN_VALUE);
        return ps;
    }

    /**
     * A streamed result cut off by the server (a killed session, a reset) reaches the caller as SQLState
     * S1000 "Error retrieving record: Unexpected Exception: java.io.EOFException", with the connection
     * still open until it is next used (ResultsetRowsStreaming wraps the IOException as it is). An I/O
     * failure under a driver error is the socket's.
     */
    @Override
    public boolean connectionLost(SQLException e, Connection c) {
        if (super.connectionLost(e, c)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /*
     * Against MariaDB, Connector/J reads the server version as "5.5.5" (MariaDB's compatibility prefix)
     * and, taking it for a MySQL older than 5.6.4, drops the fractional seconds of a LocalDateTime or
     * LocalTime parameter. A keyset seek on a DATETIME(6) key would then repeat rows. Sent as text, the
     * server converts the value itself with all its digits.
     */
    @Override
    public void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof java.time.LocalDateTime t) {
            ps.setString(index, t.toLocalDate() + " " + t.toLocalTime());
        } else if (value instanceof java.time.LocalTime t) {
            ps.setString(index, t.toString());
        } else {
            super.bind(ps, index, value);
        }
    }

    private static boolean usesCursorFetch(Connection c) throws SQLException {
        String url = c.getMetaData().getURL();
        return url != null && url.toLowerCase(java.util.Locale.ROOT).contains("usecursorfetch=true");
    }
}
