package dev.rowstream.dialect;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.keyset.KeyColumnType;
import dev.rowstream.keyset.KeyRule;
import dev.rowstream.keyset.NullOrdering;
import dev.rowstream.keyset.SeekParam;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Locale;
import java.util.UUID;

/**
 * Everything that differs between databases and their drivers: SQL syntax, NULL ordering, identifier
 * rules, how to make the driver stream, how to stop a running query, and how values are read.
 * Readers never ask which database they talk to; they ask the dialect.
 *
 * <p>A subclass states only what differs from these defaults, which follow the SQL standard.
 */
public abstract class Dialect implements NullOrdering {

    /** A short name for logs and {@code explain}, e.g. {@code postgresql}. */
    public abstract String name();

    // ---- identifiers -------------------------------------------------------------------------

    /** Quotes an identifier that came from the database's own metadata. */
    public String quote(String identifier) {
        return quoteWith('"', identifier);
    }

    protected static String quoteWith(char q, String identifier) {
        if (identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new InvalidSpecException("invalid identifier '" + identifier.replace("\0", "\\0") + "'");
        }
        String doubled = identifier.replace(String.valueOf(q), String.valueOf(q) + q);
        return q + doubled + q;
    }

    /** How the database stores an unquoted identifier: upper case in the standard. */
    public String foldUnquoted(String identifier) {
        return identifier.toUpperCase(Locale.ROOT);
    }

    /** True when a qualified name's first part is a catalog (MySQL and MariaDB databases), not a schema. */
    public boolean schemasAreCatalogs() {
        return false;
    }

    /**
     * True when the index covers only the rows of a WHERE clause, for drivers whose metadata does not
     * say so in FILTER_CONDITION.
     */
    public boolean isPartialIndex(Connection c, String table, String index) throws SQLException {
        return false;
    }

    /** The column that merely names the table's row id, so can never be NULL, whatever the metadata says; or null. */
    public String rowIdAlias(Connection c, String table) throws SQLException {
        return null;
    }

    /**
     * The names among {@code candidates} (as the metadata spells them) that {@code name} means where the
     * database resolves it; {@code table}: a table or schema name, else a column or a result's label.
     * By default the standard's rule: a quoted name is its exact text, an unquoted one is {@link #foldUnquoted}.
     */
    public java.util.List<String> resolveName(Connection c, java.util.List<String> candidates, String name,
                                              boolean quoted, boolean table) throws SQLException {
        String wanted = quoted ? name : foldUnquoted(name);
        return candidates.stream().filter(wanted::equals).distinct().toList();
    }

    /** The {@code getTables} types that {@code table(...)} reads: tables and views by default. */
    public String[] readableTableTypes() {
        return new String[] {"TABLE", "VIEW", "BASE TABLE"};
    }

    /** A lexical rule of a database's SQL that decides where a string, a quoted name or a comment ends. */
    public enum Lex {
        /** A backslash escapes the next character inside '...' (and inside "..." strings). */
        BACKSLASH_ESCAPES,
        /** "..." is a string (MySQL without ANSI_QUOTES): a backslash escapes inside it too. */
        DOUBLE_QUOTED_STRINGS,
        /** `name` quotes a name. */
        BACKTICK_NAMES,
        /** [name] quotes a name. */
        BRACKET_NAMES,
        /** # starts a comment to the end of the line. */
        HASH_COMMENTS,
        /** // starts a comment to the end of the line. */
        SLASH_COMMENTS,
        /** -- starts a comment only when white space follows it (MySQL: id--1 is id - -1). */
        DASH_COMMENT_NEEDS_SPACE,
        /** A block comment that starts with ! or M! is run as SQL (MySQL's executable comments). */
        EXECUTABLE_COMMENTS,
        /** Block comments nest. */
        NESTED_COMMENTS,
        /** $$...$$ is a string. */
        DOLLAR_QUOTES,
        /** A dollar quote may carry a tag: $tag$...$tag$. */
        DOLLAR_TAGS,
        /** E'...' is a string in which a backslash escapes. */
        ESCAPE_STRINGS
    }

    /** This database's lexical rules ({@link Lex}) on connection {@code c}'s session: the standard's by default. */
    public java.util.Set<Lex> lexicon(Connection c) throws SQLException {
        return java.util.EnumSet.of(Lex.NESTED_COMMENTS);
    }

    // ---- SQL ---------------------------------------------------------------------------------

    /** Appended to a query to keep its first {@code limit} rows. */
    public String limit(int limit) {
        return " FETCH FIRST " + limit + " ROWS ONLY";
    }

    /** Appended to a query to skip {@code offset} rows and keep {@code limit}. */
    public String limitOffset(int limit, long offset) {
        return " OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY";
    }

    /** True when {@code (a, b) > (?, ?)} is accepted and can drive an index range scan. */
    public boolean rowValueSeek() {
        return false;
    }

    @Override
    public boolean nullsSortHigh() {
        return false;
    }

    @Override
    public boolean supportsNullsClause() {
        return true;
    }

    /** True when CREATE INDEX takes {@code NULLS FIRST|LAST} after a column, as ORDER BY does. */
    public boolean nullsClauseInIndex() {
        return false;
    }

    // ---- streaming with a server-side cursor -------------------------------------------------

    /** True when {@link #prepareCursor} makes this driver stream rather than buffer the whole result. */
    public boolean cursorStreams() {
        return true;
    }

    /**
     * Readies a connection for one streamed read: a read-only transaction. The caller has saved the
     * connection's auto-commit and read-only flags and restores them afterwards.
     */
    public void beginCursor(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setReadOnly(true);
    }

    /** Prepares a statement whose result the driver streams, {@code fetchSize} rows per round trip. */
    public PreparedStatement prepareCursor(Connection c, String sql, int fetchSize) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(fetchSize);
        return ps;
    }

    /**
     * Called when a streamed result is closed before its end. Most drivers close a cursor at once and
     * need nothing here. A driver that would instead read and discard every remaining row must stop
     * that here, and returns true when it had to discard the connection to do so.
     */
    public boolean abandonCursor(Connection connection, Statement statement) throws SQLException {
        return false;
    }

    /** Undoes session settings made by {@link #beginCursor}, after the transaction has ended. */
    public void endCursor(Connection c) throws SQLException {
    }

    /**
     * Names the session for the server's session list, inside the read-only transaction that
     * {@link #beginCursor} began. The name must end with the transaction, so that a pooled connection
     * goes back as it came. Most databases have no such name: nothing to do.
     */
    public void tagSession(Connection c) throws SQLException {
    }

    // ---- read only, and budgets --------------------------------------------------------------

    /**
     * Sets, inside the read-only transaction that {@link #beginCursor} or {@link #beginBatch} began, what
     * must end with that transaction: the session's name ({@link #tagSession}) and, where the server has
     * one of its own, a statement timeout ({@code statementTimeout} may be null). By default only the name:
     * {@link #applyStatementTimeout} puts the timeout on each statement.
     */
    public void localSettings(Connection c, java.time.Duration statementTimeout) throws SQLException {
        tagSession(c);
    }

    /** Puts the read's statement timeout on one statement: JDBC's {@code setQueryTimeout}, in whole seconds. */
    public void applyStatementTimeout(Statement statement, int seconds) throws SQLException {
        statement.setQueryTimeout(seconds);
    }

    /**
     * Undoes, after a statement of the read, what {@link #applyStatementTimeout} changed beyond the statement
     * (a driver that makes it a session setting). Nothing by default.
     */
    public void clearStatementTimeout(Connection c) throws SQLException {
    }

    /**
     * True when the statement timeout counts a streamed query's whole life, the time the consumer takes
     * included (the server measures it until the last row is sent), rather than the time until rows come.
     */
    public boolean statementTimeoutSpansStream() {
        return false;
    }

    /**
     * True when {@code e} says that the statement timeout stopped the query: by default a
     * {@link java.sql.SQLTimeoutException} anywhere in the cause chain. Only asked when the read has one.
     */
    public boolean timedOut(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Readies a connection for one KEYSET or OFFSET batch, which runs read only like every read: by default
     * a read-only transaction (auto-commit off, read only, then {@link #localSettings}), ended by the
     * returned scope, which puts both flags back as they were. Returns null when the batch runs in plain
     * auto-commit (a database that cannot make a session read only). {@code statementTimeout} may be null.
     */
    public BatchScope beginBatch(Connection c, java.time.Duration statementTimeout) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        boolean readOnly = c.isReadOnly();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        boolean whole = readsBatchWhole();
        BatchScope scope = new BatchScope() {
            @Override
            public boolean untilClosed() {
                return !whole;
            }

            @Override
            public void end(boolean complete) throws SQLException {
                try {
                    if (complete) {
                        c.commit();
                    } else {
                        c.rollback();
                    }
                } finally {
                    if (c.isReadOnly() != readOnly) {
                        c.setReadOnly(readOnly);
                    }
                    c.setAutoCommit(autoCommit);
                }
            }
        };
        try {
            localSettings(c, statementTimeout);
        } catch (SQLException | RuntimeException e) {
            try {
                scope.end(false);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        return scope;
    }

    /**
     * True when, with fetch size 0 on a forward-only statement, the driver has read a batch's whole result
     * once {@code executeQuery} returns, also inside a transaction: then a batch's transaction ends before
     * its rows are handed out. False for a driver not known to (it might stream and lose its cursor at the
     * commit): the transaction then lasts until the batch is closed.
     */
    protected boolean readsBatchWhole() {
        return false;
    }

    // ---- failures ----------------------------------------------------------------------------

    /**
     * True when {@code e} means that the connection is gone (a killed session, a network reset, a
     * server restart), so that the same read on a new connection can succeed; never for an error in the
     * SQL or the data. {@code c} is the connection that failed, or null when it is already closed.
     *
     * <p>Standard signs: SQLState class 08 (connection exception), {@link SQLNonTransientConnectionException}
     * and {@link SQLRecoverableException}, anywhere in the cause chain; or a connection the driver has
     * closed after the failure.
     */
    public boolean connectionLost(SQLException e, Connection c) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        try {
            return c != null && c.isClosed();
        } catch (SQLException unknown) {
            return true;
        }
    }

    /** True when any SQLException in {@code e}'s cause chain has one of {@code states}. */
    protected static boolean hasState(SQLException e, String... states) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                for (String state : states) {
                    if (state.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Binds one parameter; values are those the readers produce (see {@link dev.rowstream.Row}), or a key
     * value of a seek, which its column's {@link KeyRule} binds. A subclass handles the values it must and
     * passes every other one here.
     */
    public void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof SeekParam p) {
            p.bind(ps, index);
        } else {
            ps.setObject(index, value);
        }
    }

    // ---- keys --------------------------------------------------------------------------------

    /**
     * How a key column of this type is ordered, read and bound back so that the database compares the bound
     * value exactly as ORDER BY sorts the column (see {@link KeyRule}); throws
     * {@link dev.rowstream.InvalidSpecException} (see {@link KeyColumnType#refuse}) for a type it cannot
     * compare exactly. Asked once per key column while planning, before any row is read. By default the
     * driver's own mapping: getObject, and setObject behind a plain {@code ?}.
     */
    public KeyRule keyRule(Connection c, KeyColumnType column) throws SQLException {
        return KeyRule.of(column.typeName(), "the driver's typed bind", ResultSet::getObject,
                PreparedStatement::setObject);
    }

    // ---- explain -----------------------------------------------------------------------------

    /**
     * The database's plan for a query, as text, or null when this dialect cannot explain. The
     * parameters are bound, so the plan is the one for these values.
     */
    public QueryPlan explain(Connection c, String sql, java.util.List<Object> params) throws SQLException {
        return null;
    }

    /** The database's plan for a query, and whether it reads an index range rather than sorting the table. */
    public record QueryPlan(String text, boolean indexRange) {
    }

    // ---- values ------------------------------------------------------------------------------

    /**
     * The {@link java.sql.Types} code that describes the values {@link #reader} returns for a result column, as
     * {@link dev.rowstream.Columns#jdbcType} gives it to formats that declare a schema (Parquet): the driver's,
     * unless this database's driver reports something else.
     */
    public int columnType(ResultSetMetaData md, int column) throws SQLException {
        return md.getColumnType(column);
    }

    /**
     * How a column is read when the driver cannot read the column itself exactly: the SELECT-list
     * expression that the database turns into an exact form, and the reader of what that expression
     * returns. See {@link #exactRead}. The planner gives the expression a name of its own, so that an
     * ORDER BY or WHERE on the column still means the column (and its index). {@code jdbcType} is the
     * {@link java.sql.Types} code of the values the reader returns, which {@link dev.rowstream.Columns} reports
     * (the expression's own type, text for a date cast to text, would mislead a format that declares a schema).
     */
    public record ExactRead(String expression, int jdbcType, ValueReader reader) {
    }

    /**
     * The exact read of column {@code quoted} whose type the database names {@code typeName}, for a type
     * whose plain read loses digits or depends on the session (MariaDB FLOAT, PostgreSQL money); null to
     * read the column as it is, with {@link #reader}. The planner puts the expression in the SELECT list.
     */
    public ExactRead exactRead(String quoted, String typeName) {
        return null;
    }

    /**
     * The reader for one column of a result, producing the Java value {@link dev.rowstream.Row} documents;
     * throws {@link InvalidSpecException} for a type that cannot be read faithfully, so that the read
     * stops before its first row.
     */
    public ValueReader reader(ResultSetMetaData md, int column) throws SQLException {
        String typeName = String.valueOf(md.getColumnTypeName(column)).toLowerCase(Locale.ROOT);
        if (typeName.equals("uuid")) {
            return Dialect::readUuid;
        }
        switch (md.getColumnType(column)) {
            case Types.BIT:
            case Types.BOOLEAN:
                return (rs, i) -> {
                    boolean b = rs.getBoolean(i);
                    return rs.wasNull() ? null : b;
                };
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
                return (rs, i) -> {
                    int v = rs.getInt(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.BIGINT:
                if (typeName.contains("unsigned")) {
                    return (rs, i) -> unsignedBigint(rs.getBigDecimal(i));
                }
                return (rs, i) -> {
                    long v = rs.getLong(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.DECIMAL:
            case Types.NUMERIC:
                return ResultSet::getBigDecimal;
            case Types.REAL:
                return (rs, i) -> {
                    float v = rs.getFloat(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.FLOAT:
            case Types.DOUBLE:
                return (rs, i) -> {
                    double v = rs.getDouble(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.DATE:
                return (rs, i) -> rs.getObject(i, LocalDate.class);
            case Types.TIME:
                return (rs, i) -> rs.getObject(i, LocalTime.class);
            case Types.TIMESTAMP:
                return (rs, i) -> rs.getObject(i, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return (rs, i) -> rs.getObject(i, OffsetDateTime.class);
            case Types.TIME_WITH_TIMEZONE:
                return (rs, i) -> rs.getObject(i, OffsetTime.class);
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return ResultSet::getBytes;
            case Types.JAVA_OBJECT:
            case Types.DATALINK:
            case Types.REF:
            case Types.REF_CURSOR:
                throw unreadable(md, column, "a serialized Java object or a reference has no text of its own");
            default:
                // Text, and every type whose faithful form is the database's own text of it: intervals,
                // arrays, enums, network addresses, geometry, XML, composite types.
                return ResultSet::getString;
        }
    }

    /**
     * The refusal of a column whose type cannot be read faithfully: names the column, its type, why, and
     * what to do instead.
     */
    protected static InvalidSpecException unreadable(ResultSetMetaData md, int column, String why) throws SQLException {
        String label = md.getColumnLabel(column);
        return new InvalidSpecException("column " + label + " has type " + md.getColumnTypeName(column)
                + ", which rowstream cannot read faithfully (" + why + "): leave it out with columns(...), or read it"
                + " through query(...) with a cast to a type that holds it, e.g. CAST(" + label + " AS VARCHAR(100))");
    }

    /**
     * A NUMERIC or DECFLOAT column that can hold NaN and the infinities, which BigDecimal cannot: those come
     * as the {@link Double} of the same name, every other value as its exact BigDecimal.
     */
    protected static Object numericWithSpecials(ResultSet rs, int i) throws SQLException {
        String s = rs.getString(i);
        if (s == null) {
            return null;
        }
        char last = s.charAt(s.length() - 1);
        return Character.isDigit(last) ? new BigDecimal(s) : Double.valueOf(s);
    }

    private static Object unsignedBigint(BigDecimal d) {
        return d == null ? null : d.toBigIntegerExact();
    }

    private static Object readUuid(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        if (o == null || o instanceof UUID) {
            return o;
        }
        return UUID.fromString(o.toString());
    }

    // ---- connection URLs and copy ------------------------------------------------------------

    /** True when {@code url} is a JDBC URL of this dialect's driver: by its prefix. */
    public boolean acceptsUrl(String url) {
        return false;
    }

    /**
     * {@code url} with what the driver needs to read every value exactly when a read cannot choose how each
     * column is read (a copy's source); unchanged by default.
     */
    public String exactReadUrl(String url) {
        return url;
    }

    /** How {@code copy} maps this database's column types, and, for a target, states them in DDL. */
    public CopyTypes copyTypes() {
        return CopyTypes.sourceOnly(name());
    }

    // ---- diagnosis: rowstream doctor, and the check that a cursor really streams -------------

    /**
     * Whether this driver streams the result of {@code statement} (made on {@code c}, not yet run) or reads
     * it whole into memory, and why: the driver's rule applied to the live settings of the connection and
     * the statement. {@code rowstream doctor} asks it of a plain statement and of the one
     * {@link #prepareCursor} makes; a cursor that turns out to have buffered quotes it in its error.
     */
    public Streaming streaming(Connection c, Statement statement) throws SQLException {
        return Streaming.unknown("rowstream knows no streaming rule for the " + c.getMetaData().getDriverName()
                + " driver: whether it buffers shows only when it runs");
    }

    /** What {@link #beginCursor} and {@link #prepareCursor} do for CURSOR and HYBRID reads, one item each. */
    public java.util.List<String> streamingSetup() {
        return java.util.List.of("a read-only transaction: auto-commit off, read only",
                "TYPE_FORWARD_ONLY, CONCUR_READ_ONLY, fetch size = the batch size",
                "whether the driver then streams is not known: AUTO prefers KEYSET when there is a key");
    }

    /**
     * The server's settings that can end a long read (a query, a transaction or an idle session that
     * lasts too long), as this session sees them. Empty for an embedded database.
     */
    public java.util.List<ServerSetting> longReadSettings(Connection c) throws SQLException {
        return java.util.List.of();
    }

    /**
     * The rows in a table by the database's statistics, without counting: cheap, but only an estimate
     * (off by tens of percent, stale until the statistics are refreshed). Empty when the database keeps
     * none. {@code catalog} and {@code schema} are the table's as the metadata gives them (either may be null).
     */
    public java.util.OptionalLong estimateRows(Connection c, String catalog, String schema, String table)
            throws SQLException {
        return java.util.OptionalLong.empty();
    }

    /**
     * True when what the reading thread allocates inside {@code executeQuery} is the driver buffering rows
     * (a client of a database server). False when the database itself runs in that thread (an embedded
     * engine), whose query work (a scan, a sort) allocates there too although it keeps little.
     */
    public boolean allocationShowsBuffering(Connection c) throws SQLException {
        return true;
    }

    @Override
    public String toString() {
        return name();
    }
}
