package dev.rowstream.copy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.copy.ColumnType.Kind;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.internal.TableColumns;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Column types across databases, in one place: {@link #source} reads a column's type from the source's
 * metadata as a {@link ColumnType}, and each target's mapper states it in that database's DDL. A type that
 * cannot be stated without losing values or their meaning is refused, naming the column: never guessed.
 *
 * <p>Where a target lacks a type, the mapping keeps the values exactly and says so in the column:
 * <ul>
 *   <li>MariaDB has no timestamp with time zone: such a column becomes {@code DATETIME(p)} holding the UTC
 *       instant, with a comment that says so, which a copy back reads as a timestamp with time zone again.
 *       MariaDB's own TIMESTAMP (stored as UTC, shown in the session's zone) is read as the session shows it.</li>
 *   <li>MariaDB has no NaN nor infinities: a DOUBLE or FLOAT value that is one stops the copy, naming the
 *       column and the row, rather than turning into NULL or an error later. Its DECIMAL holds at most 65
 *       digits, 38 after the point; an unconstrained PostgreSQL {@code numeric} (any scale per value) is refused.</li>
 *   <li>MariaDB's UUID type refuses some values PostgreSQL's accepts: a UUID becomes {@code CHAR(36)} with a
 *       comment, read back as a UUID.</li>
 *   <li>Tables created on MariaDB use {@code utf8mb4} with the binary, no-pad collation, so text keeps every
 *       character (emoji included) and keys that differ in case or trailing spaces stay distinct.</li>
 *   <li>SQLite has types only as names: decimals are stored as exact text ({@code DECIMAL_TEXT(p,s)}, TEXT
 *       affinity, so {@code 0.10} keeps its scale), JSON as {@code JSON_TEXT}, booleans as 0 and 1, and dates,
 *       times and timestamps as one fixed-width ISO-8601 text per column ({@code TIMESTAMPTZ(6)}:
 *       {@code 2024-01-01T10:00:00.000000Z}, always that many fraction digits, UTC), so that text order is
 *       time order; years outside 0000 to 9999 stop the copy.</li>
 *   <li>Types that the readers give as the database's text (enums, intervals, arrays, ranges, network
 *       addresses, geometry, BIT(n) digits...) are copied as that text into a text column.</li>
 * </ul>
 */
public abstract class TypeMapper {
    /** The comment that marks a MariaDB DATETIME as a UTC instant (a timestamp with time zone). */
    static final String UTC_COMMENT = "rowstream: timestamp with time zone, as UTC";
    /** The comment that marks a MariaDB CHAR(36) as a UUID. */
    static final String UUID_COMMENT = "rowstream: uuid";

    /** The mapper of a target database. */
    public static TypeMapper forTarget(Dialect dialect) {
        return switch (dialect.name()) {
            case "postgresql" -> new Postgres();
            case "mariadb", "mysql-connector-j" -> new MariaDb();
            case "h2" -> new H2();
            case "sqlite" -> new Sqlite();
            default -> throw new InvalidSpecException("copy cannot write to " + dialect.name()
                    + ": the targets are PostgreSQL, MariaDB/MySQL, H2 and SQLite");
        };
    }

    /** The database's name, for messages. */
    abstract String database();

    /** The column's type in this database's DDL; throws {@link InvalidSpecException} naming what is lost. */
    abstract String ddl(ColumnType t);

    /** The type of a primary key column: as {@link #ddl}, unless the database cannot index that type. */
    String keyDdl(ColumnType t) {
        return ddl(t);
    }

    /** Appended to a column's definition (a comment), or "". */
    String columnSuffix(ColumnType t) {
        return "";
    }

    /** Appended to CREATE TABLE (...): table options, or "". */
    String tableSuffix() {
        return "";
    }

    /** The parameter marker of a column in an INSERT. */
    String marker(ColumnType t) {
        return "?";
    }

    /** False where a floating-point column cannot hold NaN. */
    boolean holdsNaN() {
        return true;
    }

    /** False where a floating-point column cannot hold an infinity. */
    boolean holdsInfinity() {
        return true;
    }

    /** The range of years a date or timestamp column holds. */
    int minYear() {
        return Integer.MIN_VALUE;
    }

    int maxYear() {
        return Integer.MAX_VALUE;
    }

    /** True when timestamps with time zone are stored as their UTC local time (a DATETIME). */
    boolean zonesAsUtc() {
        return false;
    }

    /** True where decimals, dates and times are stored as text (SQLite). */
    boolean temporalsAsText() {
        return false;
    }

    /**
     * True where dates and timestamps hold {@code infinity} and {@code -infinity}, and numeric columns
     * NaN and the infinities (PostgreSQL): such values, which the readers give as text and Doubles, are
     * written as they are.
     */
    boolean holdsInfinities() {
        return false;
    }

    /** True where a TIME holds {@code text}, a time outside 00:00:00 to 23:59:59.999999999 (24:00:00, -838:59:59). */
    boolean holdsTime(String text) {
        return false;
    }

    /** True where a type holds a time of day with its offset; elsewhere it is stored as its canonical text. */
    boolean holdsTimeWithZone() {
        return true;
    }

    static InvalidSpecException refuse(ColumnType t, String database, String why) {
        return new InvalidSpecException("column " + t.name() + " (" + t.source() + ") cannot be created on " + database
                + " without losing values: " + why + "; create the target table yourself, or leave the column out"
                + " with columns(...)");
    }

    private static void maxFraction(ColumnType t, String database, int max) {
        if (t.precision() > max) {
            throw refuse(t, database, database + " keeps " + max + " fractional second digits, the column has "
                    + t.precision());
        }
    }

    // ---- the source side -------------------------------------------------------------------

    /** A source column's type; throws {@link InvalidSpecException} for a type a copy cannot keep exactly. */
    public static ColumnType source(Dialect dialect, TableColumns.Column c) {
        String db = dialect.name();
        String type = lower(c.typeName());
        if (db.equals("sqlite")) {
            return sqliteSource(c, type);
        }
        boolean maria = db.equals("mariadb") || db.equals("mysql-connector-j");
        String result = lower(c.resultType());
        if (maria && type.equals("unknown")) {
            type = result; // MySQL Connector/J names MariaDB's own types (UUID, INET6) UNKNOWN; the result says CHAR
        }
        ColumnType base = ColumnType.of(c.name(), Kind.TEXT, c.nullable(), c.typeName());
        int fraction = Math.max(0, maria ? mariaFraction(type, c) : c.digits() >= 0 ? c.digits() : c.scale());
        switch (type) {
            case "bool", "boolean":
                return kind(base, Kind.BOOLEAN);
            case "bit":
                // BIT(n>1) and PostgreSQL's bit(n) are read as their n binary digits: kept as that text.
                return c.size() <= 1 ? kind(base, Kind.BOOLEAN) : kind(base, Kind.CHAR).withLength(c.size());
            case "varbit", "bit varying":
                return c.size() > 0 ? kind(base, Kind.VARCHAR).withLength(c.size()) : base;
            case "money":
                // Read as numeric: 2 digits after the point (a locale with 3 stops the copy at such a value).
                return kind(base, Kind.DECIMAL).withPrecision(19, 2);
            case "year":
                return kind(base, Kind.SMALLINT);
            case "tinyint", "tinyint unsigned", "int2", "smallint", "smallserial":
                return kind(base, Kind.SMALLINT);
            case "smallint unsigned", "int4", "int", "integer", "serial", "mediumint", "mediumint unsigned":
                return kind(base, Kind.INTEGER);
            case "int unsigned", "integer unsigned", "int8", "bigint", "bigserial":
                return kind(base, Kind.BIGINT);
            case "bigint unsigned":
                return kind(base, Kind.DECIMAL).withPrecision(20, 0);
            case "numeric", "decimal", "decimal unsigned":
                // H2 reports an unconstrained NUMERIC as its largest precision.
                int p = db.equals("h2") && c.precision() >= 100_000 ? 0 : c.precision();
                return kind(base, Kind.DECIMAL).withPrecision(p, p == 0 ? 0 : c.scale());
            case "float4", "real", "float", "float unsigned":
                return kind(base, db.equals("h2") && type.equals("float") ? Kind.DOUBLE : Kind.REAL);
            case "float8", "double", "double precision", "double unsigned":
                return kind(base, Kind.DOUBLE);
            case "varchar", "character varying", "nvarchar", "varchar2":
                return kind(base, Kind.VARCHAR).withLength(c.size());
            case "bpchar", "char", "character", "nchar":
                if (maria && c.remarks() != null && c.remarks().contains(UUID_COMMENT)) {
                    return kind(base, Kind.UUID);
                }
                return kind(base, Kind.CHAR).withLength(c.size());
            case "text", "tinytext", "mediumtext", "longtext", "clob", "character large object", "nclob":
                return kind(base, maria && result.equals("json") ? Kind.JSON : Kind.TEXT);
            case "json":
                return kind(base, Kind.JSON);
            case "jsonb":
                return kind(base, Kind.JSON).asJsonb();
            case "date":
                return kind(base, Kind.DATE);
            case "time":
                return kind(base, Kind.TIME).withPrecision(fraction, 0);
            case "timetz", "time with time zone":
                return kind(base, Kind.TIMETZ).withPrecision(fraction, 0);
            case "timestamp", "datetime":
                boolean utc = maria && c.remarks() != null && c.remarks().contains("timestamp with time zone");
                return kind(base, utc ? Kind.TIMESTAMPTZ : Kind.TIMESTAMP).withPrecision(fraction, 0);
            case "timestamptz", "timestamp with time zone":
                return kind(base, Kind.TIMESTAMPTZ).withPrecision(fraction, 0);
            case "bytea", "blob", "tinyblob", "mediumblob", "longblob", "binary large object":
                return kind(base, Kind.BLOB);
            case "varbinary", "binary varying":
                return kind(base, Kind.VARBINARY).withLength(c.size());
            case "binary":
                return kind(base, Kind.BINARY).withLength(c.size());
            case "uuid":
                return kind(base, Kind.UUID);
            default:
                break;
        }
        if (asText(c.jdbcType())) {
            return base; // enums, intervals, arrays, network addresses, geometry, ranges...: the database's text
        }
        throw unknown(c);
    }

    /**
     * True for the JDBC types whose values the readers give as the database's own text (see
     * {@link dev.rowstream.Row}): a copy keeps that text in a text column.
     */
    private static boolean asText(int jdbcType) {
        return switch (jdbcType) {
            case java.sql.Types.OTHER, java.sql.Types.ARRAY, java.sql.Types.STRUCT, java.sql.Types.SQLXML,
                 java.sql.Types.CHAR, java.sql.Types.VARCHAR, java.sql.Types.LONGVARCHAR, java.sql.Types.NCHAR,
                 java.sql.Types.NVARCHAR, java.sql.Types.LONGNVARCHAR, java.sql.Types.CLOB -> true;
            default -> false;
        };
    }

    /**
     * The fractional second digits of a MariaDB TIME, DATETIME or TIMESTAMP. MySQL Connector/J reports a
     * scale of 0 whatever they are, and neither driver gives DECIMAL_DIGITS; both give the display width
     * as the result's precision: 19 characters for a DATETIME, 10 for a TIME, plus the point and digits.
     */
    private static int mariaFraction(String type, TableColumns.Column c) {
        int whole = type.equals("time") ? 10 : 19;
        return Math.max(c.scale(), c.precision() > whole ? c.precision() - whole - 1 : 0);
    }

    /** SQLite: the declared type's name, by SQLite's own affinity rules plus the names our mapping writes. */
    private static ColumnType sqliteSource(TableColumns.Column c, String declared) {
        ColumnType base = ColumnType.of(c.name(), Kind.TEXT, c.nullable(), c.typeName().isEmpty() ? "no type" : c.typeName());
        String name = declared.replaceAll("\\(.*", "").trim();
        if (name.isEmpty()) {
            throw unknown(c);
        }
        if (name.contains("int")) {
            return kind(base, Kind.BIGINT); // an SQLite integer has 64 bits, whatever the declared name
        }
        if (name.contains("decimal") || name.contains("numeric")) {
            int p = c.precision();
            return kind(base, Kind.DECIMAL).withPrecision(p, p == 0 ? 0 : c.scale());
        }
        if (name.contains("json")) {
            return kind(base, Kind.JSON);
        }
        if (name.contains("bool")) {
            return kind(base, Kind.BOOLEAN);
        }
        if (name.contains("uuid")) {
            return kind(base, Kind.UUID);
        }
        if (name.equals("varchar") || name.equals("character varying") || name.equals("nvarchar")) {
            return c.size() > 0 && c.size() < 2_000_000_000 ? kind(base, Kind.VARCHAR).withLength(c.size()) : base;
        }
        if (name.contains("char") || name.contains("clob") || name.contains("text")) {
            return base;
        }
        if (name.contains("blob")) {
            return kind(base, Kind.BLOB);
        }
        if (name.contains("real") || name.contains("floa") || name.contains("doub")) {
            return kind(base, Kind.DOUBLE);
        }
        if (name.equals("date")) {
            return kind(base, Kind.DATE);
        }
        int fraction = declaredFraction(declared);
        if (name.equals("time")) {
            return kind(base, Kind.TIME).withPrecision(fraction, 0);
        }
        if (name.equals("timetz")) {
            return kind(base, Kind.TIMETZ).withPrecision(fraction, 0);
        }
        if (name.equals("timestamptz") || name.equals("timestamp with time zone")) {
            return kind(base, Kind.TIMESTAMPTZ).withPrecision(fraction, 0);
        }
        if (name.equals("timestamp") || name.equals("datetime")) {
            return kind(base, Kind.TIMESTAMP).withPrecision(fraction, 0);
        }
        throw unknown(c);
    }

    /** The fraction digits of an SQLite declared type such as {@code timestamp(3)}; 6 when it names none. */
    private static int declaredFraction(String declared) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(\\s*(\\d)\\s*\\)").matcher(declared);
        return m.find() ? Integer.parseInt(m.group(1)) : 6;
    }

    private static ColumnType kind(ColumnType base, Kind kind) {
        return new ColumnType(base.name(), kind, 0, 0, 0, base.nullable(), base.source(), false);
    }

    private static InvalidSpecException unknown(TableColumns.Column c) {
        return new InvalidSpecException("column " + c.name() + " has type " + (c.typeName().isEmpty() ? "(none)" : c.typeName())
                + ", which copy cannot map to another database faithfully (it maps integers, decimals, floating"
                + " point, booleans, text, dates, times, timestamps, binary, UUID, JSON, and the types read as their"
                + " text): leave it out with"
                + " columns(...), or create the target table yourself with a type that holds its values as text");
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).trim();
    }

    // ---- the targets -----------------------------------------------------------------------

    static final class Postgres extends TypeMapper {
        @Override
        String database() { return "postgresql"; }

        @Override
        String ddl(ColumnType t) {
            return switch (t.kind()) {
                case BOOLEAN -> "boolean";
                case SMALLINT -> "smallint";
                case INTEGER -> "integer";
                case BIGINT -> "bigint";
                case DECIMAL -> {
                    if (t.precision() > 1000) {
                        throw refuse(t, database(), "numeric holds 1000 digits at most");
                    }
                    yield t.precision() == 0 ? "numeric" : "numeric(" + t.precision() + "," + t.scale() + ")";
                }
                case REAL -> "real";
                case DOUBLE -> "double precision";
                case CHAR -> "char(" + Math.max(1, t.length()) + ")";
                case VARCHAR -> t.length() > 0 && t.length() <= 10_485_760 ? "varchar(" + t.length() + ")" : "text";
                case TEXT -> "text";
                case DATE -> "date";
                case TIME -> {
                    maxFraction(t, database(), 6);
                    yield "time(" + t.precision() + ")";
                }
                case TIMETZ -> {
                    maxFraction(t, database(), 6);
                    yield "timetz(" + t.precision() + ")";
                }
                case TIMESTAMP -> {
                    maxFraction(t, database(), 6);
                    yield "timestamp(" + t.precision() + ")";
                }
                case TIMESTAMPTZ -> {
                    maxFraction(t, database(), 6);
                    yield "timestamptz(" + t.precision() + ")";
                }
                case BINARY, VARBINARY, BLOB -> "bytea";
                case UUID -> "uuid";
                case JSON -> t.jsonb() ? "jsonb" : "json";
            };
        }

        @Override
        boolean holdsInfinities() { return true; }

        @Override
        boolean holdsTime(String text) { return PG_24.matcher(text).matches(); }
    }

    /** PostgreSQL's time '24:00:00' (the only time past 23:59:59.999999 it holds). */
    private static final java.util.regex.Pattern PG_24 = java.util.regex.Pattern.compile("24:00:00(\\.0*)?");
    /** A MariaDB TIME: -838:59:59.999999 to 838:59:59.999999. */
    private static final java.util.regex.Pattern MARIA_TIME =
            java.util.regex.Pattern.compile("-?([0-7]?\\d{1,2}|8[0-3]\\d):[0-5]\\d:[0-5]\\d(\\.\\d{1,6})?");

    static final class MariaDb extends TypeMapper {
        @Override
        String database() { return "mariadb"; }

        @Override
        String ddl(ColumnType t) {
            return switch (t.kind()) {
                case BOOLEAN -> "BOOLEAN";
                case SMALLINT -> "SMALLINT";
                case INTEGER -> "INT";
                case BIGINT -> "BIGINT";
                case DECIMAL -> {
                    if (t.precision() == 0) {
                        throw refuse(t, database(), "an unconstrained numeric keeps any scale per value, a DECIMAL"
                                + " one fixed scale (give the source column a precision and scale)");
                    }
                    if (t.precision() > 65 || t.scale() > 38 || t.scale() < 0) {
                        throw refuse(t, database(), "DECIMAL holds 65 digits, 38 after the point");
                    }
                    yield "DECIMAL(" + t.precision() + "," + t.scale() + ")";
                }
                case REAL -> "FLOAT";
                case DOUBLE -> "DOUBLE";
                // Longer strings would not fit MariaDB's 65,535-byte rows at 4 bytes per character: the
                // values are kept whole in a LONGTEXT, only the length limit is not.
                case CHAR -> t.length() >= 1 && t.length() <= 255 ? "CHAR(" + t.length() + ")"
                        : t.length() <= 16_383 ? "VARCHAR(" + t.length() + ")" : "LONGTEXT";
                case VARCHAR -> t.length() >= 1 && t.length() <= 16_383 ? "VARCHAR(" + t.length() + ")" : "LONGTEXT";
                case TEXT -> "LONGTEXT";
                case DATE -> "DATE";
                case TIME -> {
                    maxFraction(t, database(), 6);
                    yield "TIME(" + t.precision() + ")";
                }
                // No time-with-offset type: its canonical text (HH:mm:ss.f+hh:mm).
                case TIMETZ -> "VARCHAR(" + (16 + Math.max(1, t.precision())) + ")";
                case TIMESTAMP, TIMESTAMPTZ -> {
                    maxFraction(t, database(), 6);
                    yield "DATETIME(" + t.precision() + ")";
                }
                case BINARY -> t.length() >= 1 && t.length() <= 255 ? "BINARY(" + t.length() + ")" : "LONGBLOB";
                case VARBINARY -> t.length() >= 1 && t.length() <= 16_383 ? "VARBINARY(" + t.length() + ")" : "LONGBLOB";
                case BLOB -> "LONGBLOB";
                // MariaDB's UUID type refuses some of the 2^128 values (a version above 5 with the NCS
                // variant, which PostgreSQL accepts): text holds them all; the comment tells a copy back.
                case UUID -> "CHAR(36)";
                case JSON -> "JSON";
            };
        }

        /**
         * InnoDB indexes at most 3072 bytes of a key: a text key becomes VARCHAR(768) (4 bytes per
         * character), a binary one VARBINARY(3072). A longer value then fails its INSERT (strict mode), never
         * cut silently.
         */
        @Override
        String keyDdl(ColumnType t) {
            String ddl = ddl(t);
            if (ddl.equals("LONGTEXT") || ddl.equals("JSON")) {
                return "VARCHAR(768)";
            }
            return ddl.equals("LONGBLOB") ? "VARBINARY(3072)" : ddl;
        }

        @Override
        String columnSuffix(ColumnType t) {
            return t.kind() == Kind.TIMESTAMPTZ ? " COMMENT '" + UTC_COMMENT + "'"
                    : t.kind() == Kind.UUID ? " COMMENT '" + UUID_COMMENT + "'" : "";
        }

        @Override
        String tableSuffix() {
            return " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin";
        }

        @Override
        boolean holdsNaN() { return false; }

        @Override
        boolean holdsInfinity() { return false; }

        @Override
        int minYear() { return 1; }

        @Override
        int maxYear() { return 9999; }

        @Override
        boolean zonesAsUtc() { return true; }

        @Override
        boolean holdsTime(String text) { return MARIA_TIME.matcher(text).matches(); }

        @Override
        boolean holdsTimeWithZone() { return false; }
    }

    static final class H2 extends TypeMapper {
        @Override
        String database() { return "h2"; }

        @Override
        String ddl(ColumnType t) {
            return switch (t.kind()) {
                case BOOLEAN -> "BOOLEAN";
                case SMALLINT -> "SMALLINT";
                case INTEGER -> "INTEGER";
                case BIGINT -> "BIGINT";
                case DECIMAL -> {
                    if (t.precision() == 0) {
                        throw refuse(t, database(), "an unconstrained numeric keeps any scale per value, a NUMERIC"
                                + " one fixed scale (give the source column a precision and scale)");
                    }
                    yield "NUMERIC(" + t.precision() + "," + t.scale() + ")";
                }
                case REAL -> "REAL";
                case DOUBLE -> "DOUBLE PRECISION";
                case CHAR -> "CHARACTER(" + Math.max(1, t.length()) + ")";
                case VARCHAR -> t.length() >= 1 && t.length() <= 1_000_000 ? "CHARACTER VARYING(" + t.length() + ")"
                        : "CHARACTER LARGE OBJECT";
                case TEXT -> "CHARACTER LARGE OBJECT";
                case DATE -> "DATE";
                case TIME -> "TIME(" + t.precision() + ")";
                case TIMETZ -> "TIME(" + t.precision() + ") WITH TIME ZONE";
                case TIMESTAMP -> "TIMESTAMP(" + t.precision() + ")";
                case TIMESTAMPTZ -> "TIMESTAMP(" + t.precision() + ") WITH TIME ZONE";
                case BINARY -> "BINARY(" + Math.max(1, t.length()) + ")";
                case VARBINARY -> t.length() >= 1 && t.length() <= 1_000_000 ? "BINARY VARYING(" + t.length() + ")"
                        : "BINARY LARGE OBJECT";
                case BLOB -> "BINARY LARGE OBJECT";
                case UUID -> "UUID";
                case JSON -> "JSON";
            };
        }

        /** A string parameter for a JSON column is a JSON string unless marked as JSON text. */
        @Override
        String marker(ColumnType t) {
            return t.kind() == Kind.JSON ? "? FORMAT JSON" : "?";
        }
    }

    static final class Sqlite extends TypeMapper {
        @Override
        String database() { return "sqlite"; }

        @Override
        String ddl(ColumnType t) {
            return switch (t.kind()) {
                case BOOLEAN -> "BOOLEAN";
                case SMALLINT, INTEGER, BIGINT -> "INTEGER";
                // The names contain TEXT, so the values keep TEXT affinity (exact text, not a lossy REAL).
                case DECIMAL -> t.precision() == 0 ? "DECIMAL_TEXT" : "DECIMAL_TEXT(" + t.precision() + "," + t.scale() + ")";
                case JSON -> "JSON_TEXT";
                case REAL, DOUBLE -> "REAL";
                case CHAR, VARCHAR -> t.length() >= 1 ? "VARCHAR(" + t.length() + ")" : "TEXT";
                case TEXT -> "TEXT";
                // The fraction digits in the name: the canonical text has exactly that many (see Coerce.canonicalText).
                case DATE -> "DATE";
                case TIME -> "TIME(" + t.precision() + ")";
                case TIMETZ -> "TIMETZ(" + t.precision() + ")";
                case TIMESTAMP -> "TIMESTAMP(" + t.precision() + ")";
                case TIMESTAMPTZ -> "TIMESTAMPTZ(" + t.precision() + ")";
                case BINARY, VARBINARY, BLOB -> "BLOB";
                case UUID -> "UUID";
            };
        }

        /** SQLite stores a NaN as NULL. */
        @Override
        boolean holdsNaN() { return false; }

        @Override
        boolean temporalsAsText() { return true; }

        @Override
        boolean holdsTimeWithZone() { return false; }

        /** Years 0 to 9999: four digits, so that the canonical text sorts as the dates do. */
        @Override
        int minYear() { return 0; }

        @Override
        int maxYear() { return 9999; }
    }

    /** For messages: a date out of this database's range. */
    String yearRange() {
        return minYear() == Integer.MIN_VALUE ? "" : LocalDate.of(minYear(), 1, 1) + " to " + LocalDate.of(maxYear(), 12, 31);
    }
}
