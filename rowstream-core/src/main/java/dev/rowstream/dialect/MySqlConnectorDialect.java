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

    @Override
    public boolean acceptsUrl(String url) { return url.startsWith("jdbc:mysql:"); }

    @Override
    public CopyTypes copyTypes() { return TYPES; }

    /**
     * Connector/J sends a JDBC batch as one INSERT per row unless rewriteBatchedStatements is on (MariaDB
     * Connector/J 3 sends a bulk command by itself).
     */
    private static final CopyTypes TYPES = new MariaDbCopyTypes() {
        @Override
        public String writeUrl(String url) {
            return DriverSettings.withUrlProperty(url, "rewriteBatchedStatements", "true");
        }
    };

    /*
     * Connector/J buffers a whole result unless either:
     * - the statement is FORWARD_ONLY and CONCUR_READ_ONLY with fetchSize == Integer.MIN_VALUE, which
     *   streams row by row over the open connection (the connection can run nothing else meanwhile), or
     * - the URL sets useCursorFetch=true and fetchSize > 0, which uses a server-side cursor.
     * A positive fetch size without useCursorFetch is silently ignored, so we pick by the connection's live
     * useCursorFetch setting (not the URL's text: a repeated or differently spelled option decides otherwise).
     */
    @Override
    public PreparedStatement prepareCursor(Connection c, String sql, int fetchSize) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(cursorFetchSetting(c) ? fetchSize : Integer.MIN_VALUE);
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

    /*
     * Over the binary protocol (useServerPrepStmts=true, or useCursorFetch=true, which implies it) Connector/J
     * turns a negative TIME into wrong text and wrong values, every getter alike: -838:59:59 becomes
     * -794:59:59 (the sign applied to the days alone) and -00:30:00 becomes 00:30:00. getBytes then gives the
     * value as the protocol sent it (is_negative, days as 4 bytes little-endian, hours, minutes, seconds,
     * microseconds as 4 bytes; nothing at all for 00:00:00), which is decoded here into the server's text.
     * Over the text protocol getBytes is that text already, and starts with a digit or '-', never 0 or 1.
     */
    @Override
    protected String timeText(ResultSet rs, int column) throws SQLException {
        byte[] b = rs.getBytes(column);
        if (b == null) {
            return null;
        }
        if (b.length != 0 && b.length != 8 && b.length != 12 || b.length != 0 && b[0] != 0 && b[0] != 1) {
            return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
        }
        java.nio.ByteBuffer v = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        boolean negative = b.length > 0 && v.get() == 1;
        long hours = b.length == 0 ? 0 : v.getInt() * 24L + v.get();
        int minutes = b.length == 0 ? 0 : v.get();
        int seconds = b.length == 0 ? 0 : v.get();
        int micros = b.length == 12 ? v.getInt() : 0;
        // The fraction without trailing zeros: the reader pads it to the column's own digits, as CAST prints it.
        String fraction = micros == 0 ? "" : ("." + String.format(java.util.Locale.ROOT, "%06d", micros))
                .replaceAll("0+$", "");
        return String.format(java.util.Locale.ROOT, "%s%02d:%02d:%02d%s", negative ? "-" : "", hours, minutes,
                seconds, fraction);
    }

    /** Connector/J reads dates and times from the server's text as fields, whatever the JVM's zone. */
    @Override
    protected boolean zonedTemporals() { return false; }

    /** Connector/J's setQueryTimeout is a timer in the driver, cancelled once executeQuery has returned. */
    @Override
    public boolean statementTimeoutSpansStream() { return false; }

    // ---- diagnosis ---------------------------------------------------------------------------

    /**
     * The rule of {@link #prepareCursor}, applied to the live settings: useCursorFetch as the connection
     * holds it (so also when a DataSource set it, or the URL spells it {@code yes}), and the statement's
     * fetch size (which defaultFetchSize in the URL sets for a plain statement).
     */
    @Override
    public Streaming streaming(Connection c, java.sql.Statement s) throws SQLException {
        int fetch = s.getFetchSize();
        boolean forwardOnly = s.getResultSetType() == ResultSet.TYPE_FORWARD_ONLY
                && s.getResultSetConcurrency() == ResultSet.CONCUR_READ_ONLY;
        boolean cursorFetch = cursorFetchSetting(c);
        if (fetch == Integer.MIN_VALUE && forwardOnly) {
            return Streaming.streams(java.util.List.of("fetch size Integer.MIN_VALUE on a forward-only, read-only"
                    + " statement: Connector/J streams rows one by one (the connection can run nothing else"
                    + " meanwhile)"));
        }
        if (cursorFetch && fetch > 0 && forwardOnly) {
            return Streaming.streams(java.util.List.of("useCursorFetch=true and fetch size " + fetch
                    + ": a server-side cursor, " + fetch + " rows per fetch"));
        }
        java.util.List<String> buffers = new java.util.ArrayList<>(DriverSettings.shape(s, "Connector/J"));
        String size = fetch == 0 ? "fetch size is 0 (the default, set by defaultFetchSize in the URL)"
                : "fetch size is " + fetch;
        buffers.add(cursorFetch ? size + ": with useCursorFetch=true a fetch size above 0 would use a server-side cursor"
                : size + " and useCursorFetch is off: Connector/J reads the whole result unless the fetch size is"
                        + " Integer.MIN_VALUE (rows one by one), or useCursorFetch=true is in the URL and the"
                        + " fetch size is above 0 (a server-side cursor)");
        return Streaming.buffers(buffers);
    }

    /** useCursorFetch as the connection holds it; else as the driver reads the URL. */
    private static boolean cursorFetchSetting(Connection c) {
        Object live = DriverSettings.call(c, "com.mysql.cj.jdbc.JdbcConnection", "getPropertySet",
                "com.mysql.cj.conf.PropertySet", "getBooleanProperty:useCursorFetch",
                "com.mysql.cj.conf.RuntimeProperty", "getValue");
        return DriverSettings.isTrue(live != null ? live : DriverSettings.urlProperty(c, "useCursorFetch"));
    }

    @Override
    protected String fetchRule() {
        return "TYPE_FORWARD_ONLY, CONCUR_READ_ONLY, fetch size Integer.MIN_VALUE (rows one by one); or the"
                + " batch size when the URL has useCursorFetch=true (a server-side cursor)";
    }

    @Override
    protected String netWriteTimeoutNote() {
        return "; Connector/J raises it to netTimeoutForStreamingResults (600 by default) while rows stream one by one";
    }
}
