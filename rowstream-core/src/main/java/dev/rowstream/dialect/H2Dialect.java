package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** H2 2.x. */
public class H2Dialect extends Dialect implements LimitClause {

    @Override
    public String name() { return "h2"; }

    /** Backticks quote names, // starts a comment, $$...$$ is a string, block comments nest. */
    @Override
    public java.util.Set<Lex> lexicon(Connection c) {
        return java.util.EnumSet.of(Lex.BACKTICK_NAMES, Lex.SLASH_COMMENTS, Lex.DOLLAR_QUOTES, Lex.NESTED_COMMENTS);
    }

    @Override
    public boolean acceptsUrl(String url) { return url.startsWith("jdbc:h2:"); }

    @Override
    public CopyTypes copyTypes() { return TYPES; }

    private static final CopyTypes TYPES = new H2CopyTypes();

    /**
     * H2 materialises a whole result before the first row (spilling to disk past MAX_MEMORY_ROWS)
     * unless the session sets LAZY_QUERY_EXECUTION, which makes simple queries produce rows on demand.
     * It is a session setting, so endCursor turns it back off before the connection is returned.
     */
    @Override
    public void beginCursor(Connection c) throws SQLException {
        super.beginCursor(c);
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
    }

    @Override
    public void endCursor(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION FALSE");
        }
    }

    /**
     * H2 cannot make a session read only: setReadOnly is only a hint ("it does not cause writes to be
     * prohibited", says its JdbcConnection), and ACCESS_MODE_DATA applies to the whole database. A
     * transaction would only cost, so a batch runs in auto-commit.
     */
    @Override
    public BatchScope beginBatch(Connection c, java.time.Duration statementTimeout) {
        return null;
    }

    /**
     * H2 checks QUERY_TIMEOUT against the query's start while a lazy result produces its rows: the
     * consumer's time counts too (a cursor paused past it fails with 57014).
     */
    @Override
    public boolean statementTimeoutSpansStream() { return true; }

    /**
     * H2's setQueryTimeout sets the session's QUERY_TIMEOUT, which outlives the statement: set back to 0
     * (H2's default) through the same driver call, which also keeps the driver's cached value right.
     */
    @Override
    public void clearStatementTimeout(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(0);
        }
    }

    /**
     * DECFLOAT holds NaN and the infinities, which BigDecimal cannot (getBigDecimal fails on them); JSON
     * comes as its UTF-8 bytes. INTERVAL, ARRAY, ENUM and ROW are H2's text of them (the default).
     */
    @Override
    public ValueReader reader(java.sql.ResultSetMetaData md, int column) throws SQLException {
        String type = String.valueOf(md.getColumnTypeName(column));
        if (type.equals("DECFLOAT")) {
            return ValueRules::numericWithSpecials;
        }
        if (type.equals("JSON")) {
            return (rs, i) -> {
                byte[] b = rs.getBytes(i);
                return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
            };
        }
        return super.reader(md, column);
    }

    /**
     * H2 converts a bound text to the type of the column it is compared with, so a type Java has no exact
     * value for is read and bound as H2's own text: DECFLOAT (NaN, Infinity, 1E+400), TIME WITH TIME ZONE,
     * INTERVAL, and ENUM (whose text H2 turns back into the member, compared by its index). JSON is bound as
     * its bytes (a text would become a JSON string). Dates and times are read and bound as java.time values,
     * which H2 handles as fields, never through the JVM's time zone. Arrays, rows, LOBs, geometries and Java
     * objects are refused.
     */
    @Override
    public dev.rowstream.keyset.KeyRule keyRule(Connection c, dev.rowstream.keyset.KeyColumnType column)
            throws java.sql.SQLException {
        String name = column.typeName().toUpperCase(java.util.Locale.ROOT);
        if (name.equals("DECFLOAT") || name.equals("ENUM") || name.startsWith("INTERVAL")
                || name.equals("TIME WITH TIME ZONE")) {
            return dev.rowstream.keyset.KeyRule.of(name, "read and bound as H2's text of it", KeyRules.TEXT,
                    KeyRules.TEXT_BINDER);
        }
        if (name.equals("JSON")) {
            return dev.rowstream.keyset.KeyRule.of(name, "bound as its bytes", KeyRules.BYTES, KeyRules.BYTES_BINDER);
        }
        if (name.contains("ARRAY") || name.equals("ROW") || name.contains("LARGE OBJECT") || name.equals("GEOMETRY")
                || name.equals("JAVA_OBJECT")) {
            throw column.refuse(name, "which a key cannot hold", "leave it out of the key");
        }
        int type = column.jdbcType();
        if (KeyRules.isInteger(type) || type == java.sql.Types.BOOLEAN || type == java.sql.Types.CHAR
                || type == java.sql.Types.VARCHAR || KeyRules.isBinary(type) || name.equals("UUID")) {
            return dev.rowstream.keyset.KeyRule.of(name, "typed bind", java.sql.ResultSet::getObject, KeyRules.OBJECT)
                    .usingTheValue();
        }
        return switch (type) {
            case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC -> dev.rowstream.keyset.KeyRule.of(name,
                    "bound as an exact decimal", KeyRules.DECIMAL, KeyRules.DECIMAL_BINDER).usingTheValue();
            case java.sql.Types.REAL -> dev.rowstream.keyset.KeyRule.of(name, "typed bind", KeyRules.FLOAT,
                    KeyRules.OBJECT);
            case java.sql.Types.FLOAT, java.sql.Types.DOUBLE -> dev.rowstream.keyset.KeyRule.of(name, "typed bind",
                    KeyRules.DOUBLE, KeyRules.DOUBLE_BINDER);
            case java.sql.Types.DATE -> javaTime(name, java.time.LocalDate.class);
            case java.sql.Types.TIME -> javaTime(name, java.time.LocalTime.class);
            case java.sql.Types.TIMESTAMP -> javaTime(name, java.time.LocalDateTime.class);
            case java.sql.Types.TIMESTAMP_WITH_TIMEZONE -> javaTime(name, java.time.OffsetDateTime.class);
            default -> super.keyRule(c, column);
        };
    }

    private static dev.rowstream.keyset.KeyRule javaTime(String name, Class<?> type) {
        return dev.rowstream.keyset.KeyRule.of(name, "read and bound as " + type.getSimpleName(),
                (rs, i) -> rs.getObject(i, type), KeyRules.OBJECT);
    }

    // ---- diagnosis ---------------------------------------------------------------------------

    /** LAZY_QUERY_EXECUTION as the session holds it (embedded), else as the URL sets it. */
    @Override
    public Streaming streaming(Connection c, Statement s) throws SQLException {
        Object live = DriverSettings.call(c, "org.h2.jdbc.JdbcConnection", "getSession",
                "org.h2.engine.SessionLocal", "isLazyQueryExecution");
        String url = String.valueOf(c.getMetaData().getURL()).toUpperCase(java.util.Locale.ROOT);
        boolean lazy = live != null ? DriverSettings.isTrue(live)
                : url.matches(".*LAZY_QUERY_EXECUTION=(1|TRUE).*");
        if (lazy) {
            return Streaming.streams(java.util.List.of("LAZY_QUERY_EXECUTION is on: H2 produces the rows of simple"
                    + " queries on demand (a sort without an index, or a grouping, still materialises first)"));
        }
        return Streaming.buffers(java.util.List.of("LAZY_QUERY_EXECUTION is off (H2's default): H2 materialises the"
                + " whole result before the first row, in memory up to MAX_MEMORY_ROWS and then in a temporary"
                + " file; SET LAZY_QUERY_EXECUTION TRUE (or ;LAZY_QUERY_EXECUTION=1 in the URL) makes it lazy"));
    }

    @Override
    public java.util.List<String> streamingSetup() {
        return java.util.List.of("autocommit off, read only",
                "SET LAZY_QUERY_EXECUTION TRUE for the read, and back to FALSE after it",
                "TYPE_FORWARD_ONLY, CONCUR_READ_ONLY, fetch size = the batch size");
    }

    /**
     * Embedded, H2 runs the query in the reading thread: what it allocates there is the query's work (a
     * scan, a sort), not a buffered result. Only a client of an H2 server (tcp, ssl) can be measured.
     */
    @Override
    public boolean allocationShowsBuffering(Connection c) throws SQLException {
        String url = String.valueOf(c.getMetaData().getURL()).toLowerCase(java.util.Locale.ROOT);
        return url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:");
    }
}
