package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** SQLite through the xerial driver. */
public class SqliteDialect extends Dialect {

    @Override
    public String name() { return "sqlite"; }

    /** SQLite matches identifiers case-insensitively. */
    @Override
    public String foldUnquoted(String identifier) { return identifier; }

    @Override
    public String limit(int limit) { return " LIMIT " + limit; }

    @Override
    public String limitOffset(int limit, long offset) { return " LIMIT " + limit + " OFFSET " + offset; }

    /** Row values (SQLite 3.15 and later) drive index range scans. */
    @Override
    public boolean rowValueSeek() { return true; }

    /**
     * SQLite steps the statement on every next(): results are always lazy and fetchSize is ignored.
     * The read-only flag cannot change on an open connection, so only the transaction is begun.
     */
    @Override
    public void beginCursor(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }

    /**
     * A lone INTEGER PRIMARY KEY column is the row id and can never be NULL, but the driver reports it
     * nullable. (Any other PRIMARY KEY column does accept NULLs in SQLite.)
     */
    @Override
    public String rowIdAlias(Connection c, String table) throws SQLException {
        String alias = null;
        int keys = 0;
        try (java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
            while (rs.next()) {
                if (rs.getInt("pk") > 0) {
                    keys++;
                    alias = "INTEGER".equalsIgnoreCase(rs.getString("type")) ? rs.getString("name") : null;
                }
            }
        }
        return keys == 1 ? alias : null;
    }

    /** The driver's index metadata has no FILTER_CONDITION; PRAGMA index_list has a "partial" flag. */
    @Override
    public boolean isPartialIndex(Connection c, String table, String index) throws SQLException {
        try (java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("PRAGMA index_list(" + quote(table) + ")")) {
            while (rs.next()) {
                if (index.equals(rs.getString("name"))) {
                    return rs.getInt("partial") == 1;
                }
            }
        }
        return false;
    }

    /**
     * Columns have no fixed type: each value has its own storage class, and the declared type is only
     * an affinity. Reading by the declared type would convert (and may fail), so values are read as stored.
     */
    @Override
    public ValueReader reader(ResultSetMetaData md, int column) throws SQLException {
        return (rs, i) -> rs.getObject(i);
    }
}
