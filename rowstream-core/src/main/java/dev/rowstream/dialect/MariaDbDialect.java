package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** MariaDB through MariaDB Connector/J 3. Also the SQL base of {@link MySqlConnectorDialect}. */
public class MariaDbDialect extends Dialect {

    @Override
    public String name() { return "mariadb"; }

    @Override
    public String quote(String identifier) { return quoteWith('`', identifier); }

    /** Table names follow the file system's case rules; columns are case-insensitive. Keep as written. */
    @Override
    public String foldUnquoted(String identifier) { return identifier; }

    @Override
    public boolean schemasAreCatalogs() { return true; }

    @Override
    public String limit(int limit) { return " LIMIT " + limit; }

    @Override
    public String limitOffset(int limit, long offset) { return " LIMIT " + limit + " OFFSET " + offset; }

    /** NULLS FIRST/LAST is not MariaDB syntax; the planner emulates it with (x IS NULL). */
    @Override
    public boolean supportsNullsClause() { return false; }

    /*
     * BOOLEAN is TINYINT(1) here, and it holds any value from -128 to 127; both drivers report it as a
     * boolean and getObject turns 3 into true. Read as a number, 0 and 1 stay booleans and any other
     * value keeps its number, so nothing is lost and a seek on such a key moves on.
     */
    @Override
    public ValueReader reader(java.sql.ResultSetMetaData md, int column) throws SQLException {
        int type = md.getColumnType(column);
        if (type == java.sql.Types.BOOLEAN || type == java.sql.Types.BIT && md.getPrecision(column) <= 1) {
            return (rs, i) -> {
                int v = rs.getInt(i);
                if (rs.wasNull()) {
                    return null;
                }
                return v == 0 || v == 1 ? (Object) (v == 1) : (Object) v;
            };
        }
        return super.reader(md, column);
    }

    /**
     * A FLOAT parameter is sent as the decimal text of the float ("0.1"), which the server compares with
     * the column's value widened to a double (0.100000001490116...): the seek would not move past it.
     * Sent as that double, it compares equal.
     */
    @Override
    public void bind(java.sql.PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof Float f) {
            ps.setDouble(index, f.doubleValue());
        } else {
            super.bind(ps, index, value);
        }
    }

    /** A range read has no table scan (type ALL) and no filesort in EXPLAIN's rows. */
    @Override
    public QueryPlan explain(Connection c, String sql, java.util.List<Object> params) throws SQLException {
        StringBuilder text = new StringBuilder();
        boolean range = true;
        try (java.sql.PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < params.size(); i++) {
                bind(ps, i + 1, params.get(i));
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                java.sql.ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        text.append(i > 1 ? "  " : "").append(md.getColumnLabel(i)).append('=').append(rs.getString(i));
                    }
                    text.append('\n');
                    String extra = String.valueOf(rs.getString("Extra"));
                    range &= !"ALL".equals(rs.getString("type")) && !extra.contains("filesort");
                }
            }
        }
        return new QueryPlan(text.toString(), range);
    }

    /**
     * MariaDB Connector/J 3 streams whenever fetchSize != 0, reading fetchSize rows at a time; a
     * negative fetch size (the MySQL Integer.MIN_VALUE idiom) throws. The transaction is read only, so
     * InnoDB reads one consistent snapshot for the whole stream.
     */
    @Override
    public void beginCursor(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION READ ONLY");
        }
    }

    /**
     * 70100 (ER_QUERY_INTERRUPTED, 1317) comes from KILL QUERY or max_statement_time, which stop the
     * query and keep the connection: retrying would defy whoever stopped it. It counts only when the
     * connection is gone too. (KILL CONNECTION reaches MariaDB Connector/J as class 08.)
     */
    @Override
    public boolean connectionLost(SQLException e, Connection c) {
        if (super.connectionLost(e, c)) {
            return true;
        }
        try {
            return c != null && hasState(e, "70100") && !c.isValid(2);
        } catch (SQLException unknown) {
            return true;
        }
    }

    /**
     * Closing a half-read streaming result makes the driver read and discard every remaining row:
     * seconds per million rows. KILL QUERY (Statement.cancel) does not help, because the rows already
     * sent still have to be drained from the socket. Aborting the connection closes the socket at
     * once; the server then stops the query on its failed write. The connection is discarded (a pool
     * evicts an aborted connection).
     */
    @Override
    public boolean abandonCursor(Connection connection, Statement statement) throws SQLException {
        connection.abort(Runnable::run);
        return true;
    }
}
