package dev.rowstream.dialect;

import dev.rowstream.keyset.KeyColumnType;
import dev.rowstream.keyset.KeyRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Locale;

/** PostgreSQL through pgjdbc. */
public class PostgresDialect extends Dialect implements LimitClause {

    @Override
    public String name() { return "postgresql"; }

    @Override
    public String foldUnquoted(String identifier) { return identifier.toLowerCase(Locale.ROOT); }

    /** Partitioned tables, materialized views and foreign tables are read like tables. */
    @Override
    public String[] readableTableTypes() {
        return new String[] {"TABLE", "PARTITIONED TABLE", "VIEW", "MATERIALIZED VIEW", "FOREIGN TABLE"};
    }

    /**
     * Dollar quotes with tags, E'...' strings, nested block comments; a backslash escapes in every '...' only
     * when the session turned standard_conforming_strings off.
     */
    @Override
    public java.util.Set<Lex> lexicon(Connection c) throws SQLException {
        java.util.Set<Lex> lex = java.util.EnumSet.of(Lex.NESTED_COMMENTS, Lex.DOLLAR_QUOTES, Lex.DOLLAR_TAGS,
                Lex.ESCAPE_STRINGS);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW standard_conforming_strings")) {
            if (rs.next() && !"on".equalsIgnoreCase(rs.getString(1))) {
                lex.add(Lex.BACKSLASH_ESCAPES);
            }
        }
        return lex;
    }

    /** Row values compare lexicographically and use a btree index range. */
    @Override
    public boolean rowValueSeek() { return true; }

    @Override
    public boolean nullsSortHigh() { return true; }

    @Override
    public boolean nullsClauseInIndex() { return true; }

    @Override
    public boolean acceptsUrl(String url) { return url.startsWith("jdbc:postgresql:"); }

    @Override
    public CopyTypes copyTypes() { return TYPES; }

    private static final CopyTypes TYPES = new PostgresCopyTypes();

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
     * The name and the server's statement_timeout in one statement, so one round trip. The server applies
     * statement_timeout to each message of the extended protocol: to the query until its first rows, and
     * to each later fetch of a cursor (each Execute), not to the time between fetches. pgjdbc's own
     * setQueryTimeout (a timer that sends a cancel request) only covers executeQuery, so without this the
     * fetches of a cursor would have no limit.
     */
    @Override
    public void localSettings(Connection c, java.time.Duration statementTimeout) throws SQLException {
        String sql = "SET LOCAL application_name = 'rowstream'";
        if (statementTimeout != null) {
            sql += "; SET LOCAL statement_timeout = " + Math.min(Integer.MAX_VALUE, statementTimeout.toMillis());
        }
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * With fetch size 0 pgjdbc reads the whole result in executeQuery, inside a transaction too: a batch's
     * read-only transaction ends (COMMIT) before its rows are handed out, so none waits on the consumer.
     */
    @Override
    public boolean readsBatchWhole() { return true; }

    /**
     * 57014 (query_canceled): by statement_timeout ("canceling statement due to statement timeout"), or by
     * pgjdbc's setQueryTimeout timer, whose cancel request the server reports as "due to user request".
     */
    @Override
    public boolean timedOut(SQLException e) {
        return super.timedOut(e) || Failures.hasState(e, "57014");
    }

    /**
     * Besides class 08: 57P01 (admin_shutdown: pg_terminate_backend, or a server shut down), 57P02
     * (crash_shutdown: another backend crashed and the server restarts), 57P03 (cannot_connect_now:
     * the server is still starting) and 25P03 (idle_in_transaction_session_timeout: the server ended the
     * session because its transaction waited too long for the next fetch, a consumer that paused; pgjdbc
     * reports it as FATAL when it next uses the connection, and has closed it).
     */
    @Override
    public boolean connectionLost(SQLException e, Connection c) {
        return super.connectionLost(e, c) || Failures.hasState(e, "57P01", "57P02", "57P03", "25P03");
    }

    /** COPY (query) TO STDOUT (FORMAT binary), decoded (see {@link PgCopyReader}). */
    @Override
    public RowCopy rowCopy() { return PgCopyReader.INSTANCE; }

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

    /*
     * money prints in the session's lc_monetary ("$1,234.56", "1.234,56 EUR"), and pgjdbc cannot parse
     * most of those: numeric is its exact value. timetz keeps its offset only in the text protocol; after
     * prepareThreshold executions pgjdbc switches to binary and hands out the time in UTC with "+00", so a
     * KEYSET read would change offsets mid-read: its text is read instead, which the server always sends.
     */
    @Override
    public ExactRead exactRead(String quoted, String typeName) {
        return switch (typeName) {
            case "money" -> new ExactRead(quoted + "::numeric", java.sql.Types.NUMERIC, ResultSet::getBigDecimal);
            case "timetz" -> new ExactRead(quoted + "::text", java.sql.Types.TIME_WITH_TIMEZONE, PostgresDialect::offsetTime);
            default -> null;
        };
    }

    /**
     * The last value of a key column is read as PostgreSQL's own text of it ({@code CAST(x AS text)}) and sent
     * back as a parameter of unknown type ({@code setObject(text, Types.OTHER)}), which the server types from
     * the column it is compared with: an enum, inet, interval, varbit, citext, a domain, a range or an array is then compared
     * by the column's own operators and collation, and numeric NaN, Infinity and 1e400 or timestamp infinity
     * stay what they are. Every built-in type's text reads back as the same value. The exceptions: integers
     * (their value, typed), bytea (its bytes, typed), and money, whose text follows lc_monetary and which is
     * read and sent as numeric instead. A type without a btree ordering (json, xml, point...) fails the
     * planner's probe of the seek, which refuses it.
     */
    @Override
    public KeyRule keyRule(Connection c, KeyColumnType column) throws SQLException {
        String type = column.typeName();
        switch (type) {
            case "int2", "int4":
                return KeyRule.of(type, "typed bind", KeyRules.INT, KeyRules.OBJECT).usingTheValue();
            case "int8":
                return KeyRule.of(type, "typed bind", KeyRules.LONG, KeyRules.OBJECT).usingTheValue();
            case "bytea":
                return KeyRule.of(type, "typed bind of the bytes", KeyRules.BYTES, KeyRules.BYTES_BINDER).usingTheValue();
            case "money":
                return KeyRule.of(type, "read and bound as numeric, cast to money", KeyRules.DECIMAL,
                        KeyRules.DECIMAL_BINDER).readingFrom(x -> "CAST(" + x + " AS numeric)")
                        .bindingAs("CAST(CAST(? AS numeric) AS money)");
            case "text", "varchar", "bpchar", "citext", "name":
                // The value of a text column is its text already: no second read.
                return KeyRule.of(type, "its text, as a parameter the server types from the column", KeyRules.TEXT,
                        PostgresDialect::bindUntyped).usingTheValue();
            default:
                // Read as CAST(x AS text), the server's own output: after prepareThreshold executions pgjdbc
                // switches to the binary protocol, and its getString of a binary timetz moves the value to
                // another offset (10:00:00+02 becomes 08:00:00+00), of a float8 -0 gives 0.0.
                return KeyRule.of(type, "its text, as a parameter the server types from the column", KeyRules.TEXT,
                        PostgresDialect::bindUntyped).readingFrom(x -> "CAST(" + x + " AS text)");
        }
    }

    /** Any value as text of no declared type: the server converts it to the type of what it is compared with. */
    private static void bindUntyped(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof byte[] b) {
            ps.setBytes(index, b);
        } else {
            // toString of the values a checkpoint holds is PostgreSQL input too (ISO dates, NaN, Infinity, 1E+400).
            ps.setObject(index, value.toString(), Types.OTHER);
        }
    }

    /*
     * Values outside Java's types come as PostgreSQL's own text: 'infinity' and '-infinity' of date,
     * timestamp and timestamptz (pgjdbc gives them as the MAX and MIN of java.time), time '24:00:00' (which
     * LocalTime cannot hold: pgjdbc would make it 23:59:59.999999999; timetz too), numeric NaN and infinities (Double).
     * bit(n) and varbit are their digits (pgjdbc reports bit as java.sql.Types.BIT, a boolean).
     */
    @Override
    public ValueReader reader(ResultSetMetaData md, int column) throws SQLException {
        String type = md.getColumnTypeName(column);
        switch (type) {
            case "timestamptz":
                return (rs, i) -> infinite(rs.getObject(i, OffsetDateTime.class), OffsetDateTime.MAX, OffsetDateTime.MIN);
            case "timestamp":
                return (rs, i) -> infinite(rs.getObject(i, LocalDateTime.class), LocalDateTime.MAX, LocalDateTime.MIN);
            case "date":
                return (rs, i) -> infinite(rs.getObject(i, LocalDate.class), LocalDate.MAX, LocalDate.MIN);
            case "time":
                return (rs, i) -> {
                    String s = rs.getString(i);
                    if (s == null) {
                        return null;
                    }
                    LocalTime t = TemporalText.time(s);
                    return t != null ? t : s;
                };
            case "timetz":
                return PostgresDialect::offsetTime;
            case "money":
                throw ValueRules.unreadable(md, column, "its text follows the session's lc_monetary; read it as "
                        + md.getColumnLabel(column) + "::numeric");
            case "bit", "varbit":
                return ResultSet::getString;
            default:
                break;
        }
        int jdbcType = md.getColumnType(column);
        if (jdbcType == Types.NUMERIC || jdbcType == Types.DECIMAL) {
            return ValueRules::numericWithSpecials;
        }
        return super.reader(md, column);
    }

    /** pgjdbc's stand-ins for 'infinity' and '-infinity' as PostgreSQL's words. */
    private static Object infinite(Object v, Object max, Object min) {
        return v == null ? null : v.equals(max) ? "infinity" : v.equals(min) ? "-infinity" : v;
    }

    private static Object offsetTime(ResultSet rs, int i) throws SQLException {
        String s = rs.getString(i);
        if (s == null) {
            return null;
        }
        OffsetTime t = TemporalText.offsetTime(s);
        return t != null ? t : s; // '24:00:00+hh', like time's
    }

    // ---- diagnosis ---------------------------------------------------------------------------

    /**
     * The rule of PgStatement.executeInternal (see {@link #prepareCursor}), applied to the live settings;
     * plus the query mode: preferQueryMode=simple sends SQL through the simple query protocol, which has
     * no portal to fetch from, so every result is read whole whatever the rest says.
     */
    @Override
    public Streaming streaming(Connection c, Statement s) throws SQLException {
        java.util.List<String> buffers = new java.util.ArrayList<>(DriverSettings.shape(s, "pgjdbc"));
        java.util.List<String> streams = new java.util.ArrayList<>();
        int fetch = s.getFetchSize();
        if (fetch <= 0) {
            buffers.add("fetch size is 0 (pgjdbc's default, set by the defaultRowFetchSize URL option), which"
                    + " means all rows at once: set a fetch size, or defaultRowFetchSize=1000 in the URL");
        } else {
            streams.add("fetch size " + fetch);
        }
        if (c.getAutoCommit()) {
            buffers.add("autocommit is on (the JDBC default): pgjdbc uses a cursor only inside a transaction,"
                    + " so turn autocommit off for the read");
        } else {
            streams.add("autocommit off");
        }
        if (s.getResultSetHoldability() == ResultSet.HOLD_CURSORS_OVER_COMMIT) {
            buffers.add("the result is holdable (HOLD_CURSORS_OVER_COMMIT"
                    + (c.getHoldability() == ResultSet.HOLD_CURSORS_OVER_COMMIT ? ", the connection's default" : "")
                    + "), and pgjdbc reads holdable results whole: use CLOSE_CURSORS_AT_COMMIT");
        }
        String mode = preferQueryMode(c);
        if ("simple".equalsIgnoreCase(mode)) {
            buffers.add("preferQueryMode=simple: the simple query protocol has no cursor to fetch from, so pgjdbc"
                    + " reads every result whole: use preferQueryMode=extended (the default)");
        }
        streams.add("forward-only, not holdable, preferQueryMode=" + (mode == null ? "extended" : mode));
        streams.add("one statement per query (several would be read whole)");
        return Streaming.of(buffers, streams);
    }

    /** pgjdbc's live preferQueryMode of {@code c} ({@code extended}, {@code simple}, ...), or null when unknown. */
    static String preferQueryMode(Connection c) {
        Object mode = DriverSettings.call(c, "org.postgresql.PGConnection", "getPreferQueryMode");
        if (mode != null) {
            try {
                return String.valueOf(mode.getClass().getMethod("value").invoke(mode));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return mode.toString().toLowerCase(Locale.ROOT);
            }
        }
        return DriverSettings.urlProperty(c, "preferQueryMode");
    }

    @Override
    public java.util.List<String> streamingSetup() {
        return java.util.List.of(
                "autocommit off, in a read-only transaction (pgjdbc keeps a cursor only inside a transaction)",
                "TYPE_FORWARD_ONLY, CONCUR_READ_ONLY and CLOSE_CURSORS_AT_COMMIT (a holdable result is read whole)",
                "fetch size = the batch size (pgjdbc's default 0 reads everything)",
                "one statement (a query with several is refused)",
                "SET LOCAL application_name = 'rowstream' for the read");
    }

    @Override
    public java.util.List<ServerSetting> longReadSettings(Connection c) throws SQLException {
        String[][] settings = {
            {"statement_timeout", "cancels a query running longer; through a cursor it bounds each fetch"
                    + " separately (the query until its first rows, then every next portion), not the whole read"},
            {"idle_in_transaction_session_timeout", "ends the session when its transaction waits longer for the"
                    + " next fetch (a consumer that stalls mid-read)"},
            {"idle_session_timeout", "ends a session idle outside a transaction (a pooled connection between reads)"},
            {"tcp_keepalives_idle", "seconds of silence before the server probes the client (0: the OS default);"
                    + " a firewall that drops quiet connections sooner cuts a stalled read"},
        };
        java.util.List<ServerSetting> found = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?, true)")) {
            for (String[] setting : settings) {
                ps.setString(1, setting[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    // NULL: the server is too old to have the setting.
                    if (rs.next() && rs.getString(1) != null) {
                        found.add(new ServerSetting(setting[0], rs.getString(1), setting[1],
                                setting[0].equals("statement_timeout")));
                    }
                }
            }
        }
        return found;
    }

    /**
     * pg_class.reltuples, scaled to the table's current size as the planner does (reltuples / relpages *
     * pages now). -1 (PostgreSQL 14 and later) means never analyzed: no estimate.
     */
    @Override
    public java.util.OptionalLong estimateRows(Connection c, String catalog, String schema, String table)
            throws SQLException {
        String sql = "SELECT CASE WHEN c.reltuples < 0 THEN NULL"
                + " WHEN c.relpages > 0 THEN c.reltuples / c.relpages"
                + " * (pg_relation_size(c.oid) / current_setting('block_size')::int)"
                + " ELSE c.reltuples END"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relname = ? AND n.nspname = COALESCE(?, current_schema()) AND c.relkind IN ('r', 'm', 'p')";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    double rows = rs.getDouble(1);
                    if (!rs.wasNull()) {
                        return java.util.OptionalLong.of(Math.round(rows));
                    }
                }
            }
        }
        return java.util.OptionalLong.empty();
    }
}
