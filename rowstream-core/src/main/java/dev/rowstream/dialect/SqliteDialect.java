package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** SQLite through the xerial driver. */
public class SqliteDialect extends Dialect implements LimitClause {

    @Override
    public String name() { return "sqlite"; }

    @Override
    public boolean acceptsUrl(String url) { return url.startsWith("jdbc:sqlite:"); }

    @Override
    public CopyTypes copyTypes() { return TYPES; }

    private static final CopyTypes TYPES = new SqliteCopyTypes();

    /** SQLite matches identifiers case-insensitively. */
    @Override
    public String foldUnquoted(String identifier) { return identifier; }

    /** SQLite compares names case-insensitively in ASCII only, quoted or not. */
    @Override
    public java.util.List<String> resolveName(Connection c, java.util.List<String> candidates, String name,
                                              boolean quoted, boolean table) {
        return candidates.stream().filter(n -> asciiLower(n).equals(asciiLower(name))).distinct().toList();
    }

    private static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.chars().forEach(ch -> sb.append((char) (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch)));
        return sb.toString();
    }

    /** `name` and [name] quote names too; block comments do not nest. */
    @Override
    public java.util.Set<Lex> lexicon(Connection c) {
        return java.util.EnumSet.of(Lex.BACKTICK_NAMES, Lex.BRACKET_NAMES);
    }

    /** Row values (SQLite 3.15 and later) drive index range scans. */
    @Override
    public boolean rowValueSeek() { return true; }

    /**
     * SQLite steps the statement on every next(): results are always lazy and fetchSize is ignored.
     * The driver's read-only flag cannot change on an open connection, so the read is made read only with
     * PRAGMA query_only (a write then fails with SQLITE_READONLY), turned off again by endCursor.
     */
    @Override
    public void beginCursor(Connection c) throws SQLException {
        c.setAutoCommit(false);
        queryOnly(c, true);
    }

    @Override
    public void endCursor(Connection c) throws SQLException {
        queryOnly(c, false);
    }

    /**
     * A batch is made read only as a cursor is, without a transaction (each statement is its own). SQLite
     * steps the batch's statement as rows are handed out, so query_only stays on until it is closed. In
     * process, each PRAGMA costs about 15 microseconds.
     */
    @Override
    public BatchScope beginBatch(Connection c, java.time.Duration statementTimeout) throws SQLException {
        queryOnly(c, true);
        return new BatchScope() {
            @Override
            public boolean untilClosed() {
                return true;
            }

            @Override
            public void end(boolean complete) throws SQLException {
                queryOnly(c, false);
            }
        };
    }

    private static void queryOnly(Connection c, boolean on) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = " + (on ? 1 : 0));
        }
    }

    /**
     * None: xerial's setQueryTimeout sets the connection's busy timeout (how long to wait for a lock),
     * for every later statement too, and never stops a running query.
     */
    @Override
    public void applyStatementTimeout(java.sql.Statement statement, int seconds) {
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

    /*
     * sqlite-jdbc reports a column's type from the current row's value: an INTEGER column is INTEGER while the
     * value fits 32 bits and BIGINT after, a REAL one REAL although it holds doubles. The declared type's affinity
     * (SQLite's own rules, "Datatypes In SQLite" 3.1) says what the column holds: 64-bit integers, doubles, text
     * or bytes. NUMERIC affinity (DECIMAL, DATE, no type...) keeps each value as it came (integer, real or
     * text): no one type describes it, so it is OTHER, which a format with a schema refuses or writes as text.
     */
    @Override
    public int columnType(ResultSetMetaData md, int column) throws SQLException {
        String declared = String.valueOf(md.getColumnTypeName(column)).toUpperCase(java.util.Locale.ROOT);
        if (declared.contains("INT")) {
            return java.sql.Types.BIGINT;
        }
        if (declared.contains("CHAR") || declared.contains("CLOB") || declared.contains("TEXT")) {
            return java.sql.Types.VARCHAR;
        }
        if (declared.contains("BLOB")) {
            return java.sql.Types.BLOB;
        }
        if (declared.contains("REAL") || declared.contains("FLOA") || declared.contains("DOUB")) {
            return java.sql.Types.DOUBLE;
        }
        return declared.startsWith("BOOL") ? java.sql.Types.BOOLEAN : java.sql.Types.OTHER;
    }

    /**
     * Columns have no fixed type: each value has its own storage class, and the declared type is only
     * an affinity. Reading by the declared type would convert (and may fail), so values are read as stored.
     */
    @Override
    public ValueReader reader(ResultSetMetaData md, int column) throws SQLException {
        return (rs, i) -> rs.getObject(i);
    }

    /**
     * One column may hold integers, reals, text and blobs, which ORDER BY sorts by storage class first. The
     * last value is read as stored and bound as the same class (Integer or Long, Double, String, byte[]), so
     * the comparison sees what ORDER BY saw; the column's affinity converts neither, since a value it could
     * convert would have been converted when it was stored. Text compares under the column's collation.
     */
    @Override
    public dev.rowstream.keyset.KeyRule keyRule(Connection c, dev.rowstream.keyset.KeyColumnType column) {
        return dev.rowstream.keyset.KeyRule.of(column.typeName(), "bound in the value's own storage class",
                java.sql.ResultSet::getObject, java.sql.PreparedStatement::setObject);
    }

    // ---- diagnosis ---------------------------------------------------------------------------

    @Override
    public Streaming streaming(Connection c, java.sql.Statement s) throws SQLException {
        return Streaming.streams(java.util.List.of("SQLite steps the statement on every next(): results are always"
                + " lazy, whatever the fetch size (which the driver ignores)"));
    }

    @Override
    public java.util.List<String> streamingSetup() {
        return java.util.List.of("autocommit off: one transaction, so one snapshot for the read",
                "nothing else: each next() steps the statement");
    }
}
