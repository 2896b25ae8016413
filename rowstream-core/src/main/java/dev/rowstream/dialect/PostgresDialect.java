package dev.rowstream.dialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Locale;

/** PostgreSQL through pgjdbc. */
public class PostgresDialect extends Dialect {

    @Override
    public String name() { return "postgresql"; }

    @Override
    public String foldUnquoted(String identifier) { return identifier.toLowerCase(Locale.ROOT); }

    @Override
    public String limit(int limit) { return " LIMIT " + limit; }

    @Override
    public String limitOffset(int limit, long offset) { return " LIMIT " + limit + " OFFSET " + offset; }

    /** Row values compare lexicographically and use a btree index range. */
    @Override
    public boolean rowValueSeek() { return true; }

    @Override
    public boolean nullsSortHigh() { return true; }

    /*
     * pgjdbc fetches rows in portions of fetchSize through a named portal only when all of these hold
     * (PgStatement.executeInternal): fetchSize > 0, a TYPE_FORWARD_ONLY result, auto-commit off (the
     * portal lives in a transaction), a result that is not holdable over commit, and a single statement.
     * Miss any one and the driver silently reads the whole result into memory. beginCursor turns
     * auto-commit off (and makes the transaction read only), and prepareCursor sets the other three.
     * The rowstream reader always sends one statement.
     */
    @Override
    public PreparedStatement prepareCursor(Connection c, String sql, int fetchSize) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                ResultSet.CLOSE_CURSORS_AT_COMMIT);
        ps.setFetchSize(fetchSize);
        return ps;
    }

    /**
     * SET LOCAL ends with the transaction, so a pooled connection keeps its own name afterwards. While a
     * read runs, pg_stat_activity shows it as application_name 'rowstream'.
     */
    @Override
    public void tagSession(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL application_name = 'rowstream'");
        }
    }

    /**
     * Besides class 08: 57P01 (admin_shutdown: pg_terminate_backend, or a server shut down), 57P02
     * (crash_shutdown: another backend crashed and the server restarts) and 57P03 (cannot_connect_now:
     * the server is still starting).
     */
    @Override
    public boolean connectionLost(SQLException e, Connection c) {
        return super.connectionLost(e, c) || hasState(e, "57P01", "57P02", "57P03");
    }

    /** A plain Sort node (an Incremental Sort only sorts within groups an index already delivers in order). */
    private static final java.util.regex.Pattern FULL_SORT = java.util.regex.Pattern.compile("(?m)(^|->\\s+)Sort\\s");

    /**
     * A range read seeks the index: an Index Cond, and no full Sort node. An index walked from its start
     * with the seek as a mere Filter costs a scan of everything read before, in every batch.
     */
    @Override
    public QueryPlan explain(Connection c, String sql, java.util.List<Object> params) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < params.size(); i++) {
                bind(ps, i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    text.append(rs.getString(1)).append('\n');
                }
            }
        }
        String plan = text.toString();
        return new QueryPlan(plan, plan.contains("Index Cond") && !FULL_SORT.matcher(plan).find());
    }

    @Override
    public ValueReader reader(ResultSetMetaData md, int column) throws SQLException {
        String type = md.getColumnTypeName(column);
        if ("timestamptz".equals(type)) {
            // pgjdbc parses a timestamptz into a Timestamp (an instant) at a third of the cost of an
            // OffsetDateTime; the instant, at UTC, is the same value. +-infinity keep their own form.
            return (rs, i) -> {
                java.sql.Timestamp ts = rs.getTimestamp(i);
                if (ts == null) {
                    return null;
                }
                long millis = ts.getTime();
                if (millis == Long.MAX_VALUE || millis == Long.MIN_VALUE) {
                    return rs.getObject(i, OffsetDateTime.class);
                }
                return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
            };
        }
        int jdbcType = md.getColumnType(column);
        if (jdbcType == Types.NUMERIC || jdbcType == Types.DECIMAL) {
            // numeric can hold NaN (and Infinity since PostgreSQL 14), which BigDecimal cannot.
            return (rs, i) -> {
                String s = rs.getString(i);
                if (s == null) {
                    return null;
                }
                char c = s.charAt(s.length() - 1);
                return Character.isDigit(c) ? new BigDecimal(s) : Double.valueOf(s);
            };
        }
        return super.reader(md, column);
    }
}
