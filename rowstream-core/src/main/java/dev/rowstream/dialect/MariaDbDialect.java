package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** MariaDB through MariaDB Connector/J 3. Also the SQL base of {@link MySqlConnectorDialect}. */
public class MariaDbDialect extends Dialect implements LimitClause {

    @Override
    public String name() { return "mariadb"; }

    @Override
    public String quote(String identifier) { return SqlSyntax.quoteWith('`', identifier); }

    /** Table names follow the file system's case rules; columns are case-insensitive. Keep as written. */
    @Override
    public String foldUnquoted(String identifier) { return identifier; }

    @Override
    public boolean schemasAreCatalogs() { return true; }

    /**
     * Column names compare case-insensitively, quoted or not. Table (and database) names follow
     * lower_case_table_names: 0 compares them as written, 1 stores them in lower case and compares in lower
     * case, 2 stores them as written and compares in lower case.
     */
    @Override
    public java.util.List<String> resolveName(Connection c, java.util.List<String> candidates, String name,
                                              boolean quoted, boolean table) throws SQLException {
        boolean exact = false;
        if (table) {
            try (Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT @@lower_case_table_names")) {
                exact = rs.next() && rs.getInt(1) == 0;
            }
        }
        boolean caseSensitive = exact;
        return candidates.stream().filter(n -> caseSensitive ? n.equals(name) : n.equalsIgnoreCase(name))
                .distinct().toList();
    }

    /**
     * MySQL's lexical rules, with the session's sql_mode: a backslash escapes in strings unless
     * NO_BACKSLASH_ESCAPES, and "..." is a string unless ANSI_QUOTES (then it quotes a name, as in the standard).
     */
    @Override
    public java.util.Set<Lex> lexicon(Connection c) throws SQLException {
        java.util.Set<Lex> lex = java.util.EnumSet.of(Lex.BACKTICK_NAMES, Lex.HASH_COMMENTS,
                Lex.DASH_COMMENT_NEEDS_SPACE, Lex.EXECUTABLE_COMMENTS);
        String mode;
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT @@sql_mode")) {
            mode = rs.next() ? String.valueOf(rs.getString(1)).toUpperCase(java.util.Locale.ROOT) : "";
        }
        if (!mode.contains("NO_BACKSLASH_ESCAPES")) {
            lex.add(Lex.BACKSLASH_ESCAPES);
        }
        if (!mode.contains("ANSI_QUOTES")) {
            lex.add(Lex.DOUBLE_QUOTED_STRINGS);
        }
        return lex;
    }

    /** NULLS FIRST/LAST is not MariaDB syntax; the planner emulates it with (x IS NULL). */
    @Override
    public boolean supportsNullsClause() { return false; }

    @Override
    public boolean acceptsUrl(String url) { return url.startsWith("jdbc:mariadb:"); }

    /**
     * MariaDB's text protocol sends a FLOAT with 6 significant digits (3.3333333 arrives as 3.33333), its
     * binary protocol sends the 4 bytes: server-side prepared statements read every FLOAT exactly.
     */
    @Override
    public String exactReadUrl(String url) { return DriverSettings.withUrlProperty(url, "useServerPrepStmts", "true"); }

    @Override
    public CopyTypes copyTypes() { return TYPES; }

    private static final CopyTypes TYPES = new MariaDbCopyTypes();

    /*
     * Both drivers receive a FLOAT as the server's text of it, which has 6 significant digits (1.2345678
     * arrives as 1.23457): widened to DOUBLE on the server, it arrives with all its 24 bits, and narrowing
     * it back to a float is exact.
     *
     * MariaDB Connector/J turns a DATE, DATETIME or TIMESTAMP into a java.sql value through the JVM's default
     * zone before anything else, getString and getObject(LocalDateTime.class) included: in a zone with
     * daylight saving, 2024-03-31 02:30 (Berlin's spring-forward gap) comes out as 03:30. Cast to text on
     * the server, the value arrives as the server's own digits.
     */
    @Override
    public ExactRead exactRead(String quoted, String typeName) {
        String type = typeName.toUpperCase(java.util.Locale.ROOT);
        if (type.equals("FLOAT") || type.equals("FLOAT UNSIGNED")) {
            return new ExactRead("CAST(" + quoted + " AS DOUBLE)", java.sql.Types.REAL, (rs, i) -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : (Object) (float) v;
            });
        }
        if (zonedTemporals() && (type.equals("DATE") || type.equals("DATETIME") || type.equals("TIMESTAMP"))) {
            return new ExactRead("CAST(" + quoted + " AS CHAR)", type.equals("DATE") ? java.sql.Types.DATE : java.sql.Types.TIMESTAMP,
                    type.equals("DATE") ? MariaDbDialect::dateText
                    : MariaDbDialect::dateTimeText);
        }
        return null;
    }

    /** True when the driver reads dates through the JVM's zone, so that {@link #exactRead} casts them to text. */
    protected boolean zonedTemporals() {
        return true;
    }

    private static Object dateText(java.sql.ResultSet rs, int i) throws SQLException {
        return fromText(rs.getString(i), TemporalText::date, 0);
    }

    private static Object dateTimeText(java.sql.ResultSet rs, int i) throws SQLException {
        return fromText(rs.getString(i), TemporalText::dateTime, -1); // CAST prints the column's own fraction digits
    }

    /**
     * The value {@code parse} makes of the server's text {@code s}, or, where Java's type cannot hold it, that
     * text with {@code digits} fraction digits (-1: as it is).
     */
    private static Object fromText(String s, java.util.function.Function<String, Object> parse, int digits) {
        if (s == null) {
            return null;
        }
        Object v = parse.apply(s);
        return v != null ? v : digits < 0 ? s : withFraction(s, digits);
    }

    /*
     * BOOLEAN is TINYINT(1) here, and it holds any value from -128 to 127; both drivers report it as a
     * boolean and getObject turns 3 into true. Read as a number, 0 and 1 stay booleans and any other
     * value keeps its number, so nothing is lost and a seek on such a key moves on.
     *
     * Dates and times are read from the server's text, as fields: MariaDB Connector/J builds a DATETIME
     * through the JVM's default zone (2024-03-31 02:30, in Berlin's spring-forward gap, becomes 03:30),
     * MySQL Connector/J refuses TIMESTAMPs in such a gap, and neither can hold a zero date (0000-00-00,
     * 2024-00-15: a permissive sql_mode stores them) nor a TIME outside one day (-838:59:59 to 838:59:59;
     * MariaDB Connector/J wraps it into a wrong LocalTime). Those stay the server's text, their fraction
     * with the column's digits as CAST(c AS CHAR) prints them.
     *
     * BIT(n>1) is its n binary digits (both drivers would give a boolean); YEAR is its number (both would
     * give a date); INT UNSIGNED needs a long.
     */
    @Override
    public ValueReader reader(java.sql.ResultSetMetaData md, int column) throws SQLException {
        int type = md.getColumnType(column);
        String name = String.valueOf(md.getColumnTypeName(column)).toUpperCase(java.util.Locale.ROOT);
        if (type == java.sql.Types.BOOLEAN || type == java.sql.Types.BIT && md.getPrecision(column) <= 1) {
            return (rs, i) -> {
                int v = rs.getInt(i);
                if (rs.wasNull()) {
                    return null;
                }
                return v == 0 || v == 1 ? (Object) (v == 1) : (Object) v;
            };
        }
        int precision = md.getPrecision(column);
        switch (name) {
            case "BIT":
                return (rs, i) -> bits(rs.getBytes(i), precision);
            case "YEAR":
                return (rs, i) -> {
                    int v = rs.getInt(i);
                    return rs.wasNull() ? null : v;
                };
            case "INTEGER UNSIGNED", "INT UNSIGNED":
                return (rs, i) -> {
                    long v = rs.getLong(i);
                    return rs.wasNull() ? null : v;
                };
            case "FLOAT", "FLOAT UNSIGNED":
                throw ValueRules.unreadable(md, column, "the server sends a FLOAT as 6-digit text; read it as CAST("
                        + md.getColumnLabel(column) + " AS DOUBLE)");
            case "DATE":
                zoneFree(md, column);
                return MariaDbDialect::dateText;
            case "DATETIME", "TIMESTAMP":
                zoneFree(md, column);
                int dateTimeDigits = Math.max(0, precision - 20);
                return (rs, i) -> fromText(rs.getString(i), TemporalText::dateTime, dateTimeDigits);
            case "TIME":
                int timeDigits = Math.max(0, precision - 11);
                return (rs, i) -> fromText(timeText(rs, i), TemporalText::time, timeDigits);
            default:
                return super.reader(md, column);
        }
    }

    /** The server's text of a TIME value: {@code [-]H:MM:SS[.f]}, hours up to 838. */
    protected String timeText(java.sql.ResultSet rs, int column) throws SQLException {
        return rs.getString(column);
    }

    /**
     * A date read as it is (a query without a key runs as written, so {@link #exactRead} cannot cast it):
     * refused where the driver would move it through a JVM zone that has daylight saving.
     */
    private void zoneFree(java.sql.ResultSetMetaData md, int column) throws SQLException {
        if (zonedTemporals() && !java.time.ZoneId.systemDefault().getRules().isFixedOffset()) {
            throw ValueRules.unreadable(md, column, "MariaDB Connector/J reads it through the JVM's zone "
                    + java.time.ZoneId.systemDefault() + ", which moves values in its daylight-saving gaps; give key(...)"
                    + ", or select CAST(" + md.getColumnLabel(column) + " AS CHAR), or run with -Duser.timezone=UTC");
        }
    }

    /** The {@code width} low bits of a BIT value (big-endian bytes) as binary digits, MariaDB's b'...' order. */
    private static String bits(byte[] bytes, int width) {
        if (bytes == null) {
            return null;
        }
        char[] digits = new char[width];
        for (int bit = 0; bit < width; bit++) {
            int fromEnd = bit / 8;
            int b = fromEnd < bytes.length ? bytes[bytes.length - 1 - fromEnd] : 0;
            digits[width - 1 - bit] = (b >> (bit % 8) & 1) == 1 ? '1' : '0';
        }
        return new String(digits);
    }

    /** {@code s} with exactly {@code digits} fraction digits, as the server prints the column (drivers differ). */
    private static String withFraction(String s, int digits) {
        int point = s.lastIndexOf('.');
        String whole = point < 0 ? s : s.substring(0, point);
        String fraction = point < 0 ? "" : s.substring(point + 1);
        if (digits == 0) {
            return whole;
        }
        // The binary protocol's text has 6 digits whatever the column's: zeros past the column's digits go.
        while (fraction.length() > digits && fraction.endsWith("0")) {
            fraction = fraction.substring(0, fraction.length() - 1);
        }
        return whole + "." + (fraction + "0".repeat(digits)).substring(0, Math.max(digits, fraction.length()));
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

    /**
     * Where MariaDB's comparison of a column with a bound value differs from how ORDER BY sorts it, or a
     * driver reads the value inexactly, the key is compared on something exact. Both drivers report ENUM and
     * SET columns as CHAR; {@code x + 0} tells them apart (an integer, where a CHAR gives a double).
     * <ul>
     * <li>ENUM sorts by the member's index and SET by its bit value, but {@code e > 'text'} compares text:
     *   the last value is read as {@code CAST(x AS UNSIGNED)} (the index or bits) and bound as a number,
     *   which MariaDB compares with the column by index. A SET of more than 32 members compares as a signed
     *   BIGINT (its 64th member makes it negative) yet sorts unsigned: such a SET is sorted and compared as
     *   {@code CAST(x AS UNSIGNED)} on both sides.</li>
     * <li>BIT(n), BOOLEAN and TINYINT(1) (drivers read them as booleans, MySQL Connector/J reports TINYINT(1)
     *   as BIT) and YEAR: read as {@code x + 0}, a number.</li>
     * <li>FLOAT: the text protocol sends 6 digits; read as {@code CAST(x AS DOUBLE)}, the float's exact value,
     *   and bound as that double.</li>
     * <li>BIGINT UNSIGNED: bound as a decimal (MySQL Connector/J with server-side prepared statements wraps a
     *   BigInteger above 2^63 into a negative long).</li>
     * <li>DATE, DATETIME, TIMESTAMP, TIME: read as {@code CAST(x AS CHAR)} (MariaDB Connector/J moves a
     *   DATETIME through the JVM's time zone, so one in a daylight-saving gap shifts by an hour; TIME may
     *   lie outside a day; zero dates), bound as that text, which MariaDB converts to the column's type.
     *   TIMESTAMP text is the session's local time, which repeats when clocks go back: refused unless the
     *   session's time zone keeps one offset all year.</li>
     * <li>Text and binary: bound as text or bytes, which MariaDB compares under the column's collation. But
     *   ORDER BY looks only at the first max_sort_length bytes of a value: a column that can hold longer
     *   values is refused.</li>
     * </ul>
     */
    @Override
    public dev.rowstream.keyset.KeyRule keyRule(Connection c, dev.rowstream.keyset.KeyColumnType column)
            throws SQLException {
        int type = column.jdbcType();
        String name = column.typeName().toUpperCase(java.util.Locale.ROOT);
        if (name.contains("GEOMETRY") || name.contains("POINT") || name.contains("POLYGON")
                || name.contains("LINESTRING")) {
            throw column.refuse(name, "which has no order that a seek can follow",
                    "leave it out of the key, or use a query with a key of another column");
        }
        if (type == java.sql.Types.BIT || type == java.sql.Types.BOOLEAN || name.equals("YEAR")) {
            return dev.rowstream.keyset.KeyRule.of(name, "read and bound as the number it holds", KeyRules.UNSIGNED,
                    KeyRules.DECIMAL_BINDER).readingFrom(x -> "(" + x + " + 0)");
        }
        if (KeyRules.isInteger(type)) {
            return dev.rowstream.keyset.KeyRule.of(name, "bound as an exact number", KeyRules.UNSIGNED,
                    KeyRules.DECIMAL_BINDER).usingTheValue();
        }
        switch (type) {
            case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC:
                return dev.rowstream.keyset.KeyRule.of(name, "bound as an exact decimal", KeyRules.DECIMAL,
                        KeyRules.DECIMAL_BINDER).usingTheValue();
            case java.sql.Types.REAL:
                return dev.rowstream.keyset.KeyRule.of(name, "read and bound as the float's exact double",
                        KeyRules.DOUBLE, KeyRules.DOUBLE_BINDER).readingFrom(x -> "CAST(" + x + " AS DOUBLE)");
            case java.sql.Types.FLOAT, java.sql.Types.DOUBLE:
                return dev.rowstream.keyset.KeyRule.of(name, "bound as a double", KeyRules.DOUBLE,
                        KeyRules.DOUBLE_BINDER);
            case java.sql.Types.DATE, java.sql.Types.TIME, java.sql.Types.TIMESTAMP:
                if (name.startsWith("TIMESTAMP") && !fixedOffsetSession(c)) {
                    throw column.refuse(name, "whose text in this session's time zone repeats an hour when"
                            + " clocks go back, so a seek cannot tell those rows apart",
                            "set a session time zone without daylight saving (sessionVariables=time_zone='+00:00'"
                            + " in the JDBC URL), or key on a DATETIME column");
                }
                return dev.rowstream.keyset.KeyRule.of(name, "read and bound as the database's text",
                        KeyRules.TEXT, KeyRules.TEXT_BINDER).readingFrom(x -> "CAST(" + x + " AS CHAR)");
            default:
                break;
        }
        int asNumber = type == java.sql.Types.CHAR ? numericType(column) : java.sql.Types.NULL;
        if (KeyRules.isInteger(asNumber)) {
            boolean wide = asNumber == java.sql.Types.BIGINT;
            dev.rowstream.keyset.KeyRule members = dev.rowstream.keyset.KeyRule.of("ENUM or SET",
                    wide ? "sorted and compared as CAST(x AS UNSIGNED), its bits" : "compared by member index or bits",
                    KeyRules.UNSIGNED, KeyRules.DECIMAL_BINDER).readingFrom(x -> "CAST(" + x + " AS UNSIGNED)");
            return wide ? members.sortingBy(x -> "CAST(" + x + " AS UNSIGNED)") : members;
        }
        boolean binary = KeyRules.isBinary(type);
        checkSortLength(c, column, name, binary);
        return binary
                ? dev.rowstream.keyset.KeyRule.of(name, "bound as bytes", KeyRules.BYTES, KeyRules.BYTES_BINDER)
                        .usingTheValue()
                : dev.rowstream.keyset.KeyRule.of(name, "bound as text, compared under the column's collation",
                        KeyRules.TEXT, KeyRules.TEXT_BINDER).usingTheValue();
    }

    /**
     * The JDBC type of {@code x + 0}: an integer for ENUM and SET, DOUBLE for text; NULL for a type that
     * refuses arithmetic (UUID, INET6, which drivers report as CHAR too).
     */
    private static int numericType(dev.rowstream.keyset.KeyColumnType column) {
        try {
            return column.probe(x -> x + " + 0").jdbcType();
        } catch (SQLException e) {
            return java.sql.Types.NULL;
        }
    }

    /** True when the session's time zone has one UTC offset in January and July (no daylight saving). */
    private static boolean fixedOffsetSession(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT UNIX_TIMESTAMP('2024-07-15 12:00:00')"
                     + " - UNIX_TIMESTAMP('2024-01-15 12:00:00') = 182 * 86400")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    /**
     * Refuses a text or binary key whose values can be longer than max_sort_length bytes: ORDER BY compares
     * only that many (1024 by default), the seek compares whole values, and rows would be lost.
     */
    private static void checkSortLength(Connection c, dev.rowstream.keyset.KeyColumnType column, String name,
                                        boolean binary) throws SQLException {
        long chars = column.precision();
        long perChar = binary ? 1 : bytesPerChar(c, column.typeValue(x -> "CHARSET(" + x + ")"));
        long sortLength;
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT @@max_sort_length")) {
            rs.next();
            sortLength = rs.getLong(1);
        }
        if (chars <= 0 || chars * perChar > sortLength) {
            String size = chars <= 0 ? "values of any length" : "values of up to " + chars * perChar + " bytes";
            throw column.refuse(name, "which holds " + size + ", but MariaDB's ORDER BY compares only the first"
                    + " max_sort_length (" + sortLength + ") bytes, so a seek would skip rows", "key on a shorter"
                    + " column, or raise max_sort_length to at least " + (chars <= 0 ? "the longest value" : chars * perChar)
                    + " (sessionVariables=max_sort_length=N in the JDBC URL)");
        }
    }

    /** The most bytes one character of {@code charset} takes (4 when it is not known). */
    private static long bytesPerChar(Connection c, String charset) throws SQLException {
        if (charset == null) {
            return 4;
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT MAXLEN FROM information_schema.CHARACTER_SETS WHERE CHARACTER_SET_NAME = ?")) {
            ps.setString(1, charset);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 4;
            }
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
     * START TRANSACTION READ ONLY begins a read-only transaction whatever the auto-commit mode, so the
     * connection's flags never change: one statement before the batch and a COMMIT after it. (Switching
     * auto-commit off and back costs two more round trips with MariaDB Connector/J. A
     * {@code SET STATEMENT tx_read_only=1 FOR} prefix would cost none, but MySQL Connector/J refuses a
     * query that starts with SET in executeQuery, MariaDB Connector/J then drops its own
     * max_statement_time prefix, and server-side prepared statements fail with it.) With fetch size 0 both
     * drivers have read the whole batch when executeQuery returns, so the COMMIT comes before the rows are
     * handed out. MariaDB has no session name to set (no application_name).
     */
    @Override
    public BatchScope beginBatch(Connection c, java.time.Duration statementTimeout) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("START TRANSACTION READ ONLY");
        }
        return complete -> {
            try (Statement s = c.createStatement()) {
                s.execute(complete ? "COMMIT" : "ROLLBACK");
            }
        };
    }

    /**
     * MariaDB Connector/J sends the timeout as {@code SET STATEMENT max_statement_time=N FOR ...}, and the
     * server counts it until the query's last row is sent: for a streamed result, while the consumer takes
     * the rows too.
     */
    @Override
    public boolean statementTimeoutSpansStream() { return true; }

    /**
     * 1969 (ER_STATEMENT_TIMEOUT, "max_statement_time exceeded"), or a driver's timeout exception that is
     * not 1317 (ER_QUERY_INTERRUPTED: someone's KILL QUERY, which MariaDB Connector/J also reports as a
     * SQLTimeoutException; Connector/J's own timer reports a MySQLTimeoutException without a code).
     */
    @Override
    public boolean timedOut(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == 1969
                    || s instanceof java.sql.SQLTimeoutException && s.getErrorCode() != 1317)) {
                return true;
            }
        }
        return false;
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
            return c != null && Failures.hasState(e, "70100") && !c.isValid(2);
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

    // ---- diagnosis ---------------------------------------------------------------------------

    /** MariaDB Connector/J 3: any fetch size above 0 streams (that many rows per read); 0 reads the whole result. */
    @Override
    public Streaming streaming(Connection c, Statement s) throws SQLException {
        int fetch = s.getFetchSize();
        if (fetch > 0) {
            return Streaming.streams(java.util.List.of("fetch size " + fetch + ": MariaDB Connector/J reads "
                    + fetch + " rows at a time"));
        }
        return Streaming.buffers(java.util.List.of("fetch size is 0 (the driver's default, set by defaultFetchSize"
                + " in the URL): MariaDB Connector/J reads the whole result; set a fetch size above 0"
                + " (a negative one throws)"));
    }

    @Override
    public java.util.List<String> streamingSetup() {
        return java.util.List.of(
                "autocommit off and SET TRANSACTION READ ONLY: one consistent snapshot for the read",
                fetchRule(),
                "closing before the end aborts the connection: the driver would otherwise read and discard every"
                        + " remaining row");
    }

    /** How {@link #prepareCursor} makes this driver fetch rows a few at a time, for {@link #streamingSetup}. */
    protected String fetchRule() {
        return "TYPE_FORWARD_ONLY, CONCUR_READ_ONLY, fetch size = the batch size (rows per read from the socket)";
    }

    @Override
    public java.util.List<ServerSetting> longReadSettings(Connection c) throws SQLException {
        return sessionVariables(c, new String[][] {
            {"net_write_timeout", "seconds the server waits for a client to take more rows" + netWriteTimeoutNote()},
            {"net_read_timeout", "seconds the server waits to read from the client"},
            {"wait_timeout", "seconds an idle connection lives (a pooled connection between reads)"},
            {"max_statement_time", "seconds any query may run on MariaDB (0: no limit); a CURSOR read is one query"},
            {"max_execution_time", "milliseconds a SELECT may run on MySQL (0: no limit); a CURSOR read is one query"},
        });
    }

    /** What net_write_timeout means for a read through this driver, for {@link #longReadSettings}. */
    protected String netWriteTimeoutNote() {
        return ": a consumer that stalls longer mid-read is cut off";
    }

    /** The settings that cap a query's run time: MariaDB's, in seconds, and MySQL's, in milliseconds. */
    private static final java.util.Set<String> QUERY_CAPS = java.util.Set.of("max_statement_time", "max_execution_time");

    /** The session's values of {@code settings} (name, meaning) that the server has, in that order. */
    static java.util.List<ServerSetting> sessionVariables(Connection c, String[][] settings) throws SQLException {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        StringBuilder in = new StringBuilder();
        for (String[] setting : settings) {
            in.append(in.length() == 0 ? "'" : ", '").append(setting[0]).append('\'');
        }
        try (Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SHOW SESSION VARIABLES WHERE Variable_name IN (" + in + ")")) {
            while (rs.next()) {
                values.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
            }
        }
        java.util.List<ServerSetting> found = new java.util.ArrayList<>();
        for (String[] setting : settings) {
            String value = values.get(setting[0]);
            if (value != null) {
                found.add(new ServerSetting(setting[0], value, setting[1], QUERY_CAPS.contains(setting[0])));
            }
        }
        return found;
    }

    /** information_schema.tables.table_rows: exact for MyISAM and Aria, an estimate for InnoDB; NULL for a view. */
    @Override
    public java.util.OptionalLong estimateRows(Connection c, String catalog, String schema, String table)
            throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT table_rows FROM information_schema.tables"
                + " WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?")) {
            ps.setString(1, catalog);
            ps.setString(2, table);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long rows = rs.getLong(1);
                    if (!rs.wasNull()) {
                        return java.util.OptionalLong.of(rows);
                    }
                }
            }
        }
        return java.util.OptionalLong.empty();
    }
}
