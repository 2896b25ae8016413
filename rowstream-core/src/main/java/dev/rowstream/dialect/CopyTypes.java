package dev.rowstream.dialect;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.dialect.ColumnType.Kind;
import java.time.LocalDate;
import java.util.Locale;

/**
 * How {@code copy} maps column types, the part of a {@link Dialect} that copy asks: {@link #source} reads a
 * column's type from the source's metadata as a {@link ColumnType}, and a target states it in its DDL and
 * says which values it holds. Each database's subclass states only what differs from these defaults. A type that
 * cannot be stated without losing values or their meaning is refused, naming the column: never guessed.
 *
 * <p>Types that the readers give as the database's text (enums, intervals, arrays, ranges, network
 * addresses, geometry, BIT(n) digits...) are copied as that text into a text column. Where a target lacks a
 * type, its subclass keeps the values exactly and says so in the column (see MariaDbCopyTypes,
 * SqliteCopyTypes).
 */
public abstract class CopyTypes {

    /**
     * The types of a database that copy can read from but not write to: {@link #checkTarget} refuses it.
     * {@code database} is the dialect's name.
     */
    static CopyTypes sourceOnly(String database) {
        return new CopyTypes() {
            @Override
            public String database() { return database; }

            @Override
            public void checkTarget() {
                throw new InvalidSpecException("copy cannot write to " + database
                        + ": the targets are PostgreSQL, MariaDB/MySQL, H2 and SQLite");
            }

            @Override
            public String ddl(ColumnType t) {
                checkTarget();
                return null;
            }
        };
    }

    /** Throws {@link InvalidSpecException} when copy cannot write to this database; before any work. */
    public void checkTarget() {
    }

    /** The database's name, for messages. */
    public abstract String database();

    /** The column's type in this database's DDL; throws {@link InvalidSpecException} naming what is lost. */
    public abstract String ddl(ColumnType t);

    /** The type of a primary key column: as {@link #ddl}, unless the database cannot index that type. */
    public String keyDdl(ColumnType t) {
        return ddl(t);
    }

    /** Appended to a column's definition (a comment), or "". */
    public String columnSuffix(ColumnType t) {
        return "";
    }

    /** Appended to CREATE TABLE (...): table options, or "". */
    public String tableSuffix() {
        return "";
    }

    /** The parameter marker of a column in an INSERT. */
    public String marker(ColumnType t) {
        return "?";
    }

    /** False where a floating-point column cannot hold NaN. */
    public boolean holdsNaN() {
        return true;
    }

    /** False where a floating-point column cannot hold an infinity. */
    public boolean holdsInfinity() {
        return true;
    }

    /** The range of years a date or timestamp column holds. */
    public int minYear() {
        return Integer.MIN_VALUE;
    }

    public int maxYear() {
        return Integer.MAX_VALUE;
    }

    /** True when timestamps with time zone are stored as their UTC local time (a DATETIME). */
    public boolean zonesAsUtc() {
        return false;
    }

    /** True where decimals, dates and times are stored as text (SQLite). */
    public boolean temporalsAsText() {
        return false;
    }

    /**
     * True where dates and timestamps hold {@code infinity} and {@code -infinity}, and numeric columns
     * NaN and the infinities (PostgreSQL): such values, which the readers give as text and Doubles, are
     * written as they are.
     */
    public boolean holdsInfinities() {
        return false;
    }

    /** True where a TIME holds {@code text}, a time outside 00:00:00 to 23:59:59.999999999 (24:00:00, -838:59:59). */
    public boolean holdsTime(String text) {
        return false;
    }

    /** True where a type holds a time of day with its offset; elsewhere it is stored as its canonical text. */
    public boolean holdsTimeWithZone() {
        return true;
    }

    /**
     * True where the server reads an untyped parameter as its column's type: JSON is bound as untyped text,
     * and so is a value that came as the database's own text (infinity, 24:00:00, a time with offset), which
     * a varchar parameter would not convert to the column's type.
     */
    public boolean untypedText() {
        return false;
    }

    /** True where the driver binds a {@link java.util.UUID} itself; elsewhere it is bound as its text. */
    public boolean bindsUuid() {
        return false;
    }

    /** True where the target can take rows through {@code COPY ... FROM STDIN}, the fast path when the driver has it. */
    public boolean copyFromStdin() {
        return false;
    }

    /**
     * The target's JDBC URL with what its driver needs to write batches fast (a flag that rewrites a batch
     * into few statements); {@code url} unchanged by default, and when it sets that flag itself.
     */
    public String writeUrl(String url) {
        return url;
    }

    protected static InvalidSpecException refuse(ColumnType t, String database, String why) {
        return new InvalidSpecException("column " + t.name() + " (" + t.source() + ") cannot be created on " + database
                + " without losing values: " + why + "; create the target table yourself, or leave the column out"
                + " with columns(...)");
    }

    protected static void maxFraction(ColumnType t, String database, int max) {
        if (t.precision() > max) {
            throw refuse(t, database, database + " keeps " + max + " fractional second digits, the column has "
                    + t.precision());
        }
    }

    // ---- the source side -------------------------------------------------------------------

    /** A source column's type; throws {@link InvalidSpecException} for a type a copy cannot keep exactly. */
    public ColumnType source(SourceColumn c) {
        String type = typeName(c);
        ColumnType base = ColumnType.of(c.name(), Kind.TEXT, c.nullable(), c.typeName());
        int fraction = Math.max(0, fraction(type, c));
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
                int p = decimalPrecision(c);
                return kind(base, Kind.DECIMAL).withPrecision(p, p == 0 ? 0 : c.scale());
            case "float4", "real", "float", "float unsigned":
                return kind(base, floatKind(type));
            case "float8", "double", "double precision", "double unsigned":
                return kind(base, Kind.DOUBLE);
            case "varchar", "character varying", "nvarchar", "varchar2":
                return kind(base, Kind.VARCHAR).withLength(c.size());
            case "bpchar", "char", "character", "nchar":
                Kind k = marked(Kind.CHAR, c);
                return k == Kind.CHAR ? kind(base, k).withLength(c.size()) : kind(base, k);
            case "text", "tinytext", "mediumtext", "longtext", "clob", "character large object", "nclob":
                return kind(base, marked(Kind.TEXT, c));
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
                return kind(base, marked(Kind.TIMESTAMP, c)).withPrecision(fraction, 0);
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

    /** The column's type name as {@link #source} switches on it: the metadata's, in lower case. */
    protected String typeName(SourceColumn c) {
        return lower(c.typeName());
    }

    /** The fractional second digits of a TIME, TIMETZ, TIMESTAMP or TIMESTAMPTZ column of type {@code type}. */
    protected int fraction(String type, SourceColumn c) {
        return c.digits() >= 0 ? c.digits() : c.scale();
    }

    /** The digits of a DECIMAL column; 0 for an unconstrained one. */
    protected int decimalPrecision(SourceColumn c) {
        return c.precision();
    }

    /** The kind of a {@code float4}, {@code real}, {@code float} or {@code float unsigned} column. */
    protected Kind floatKind(String type) {
        return Kind.REAL;
    }

    /**
     * The kind of a CHAR, text or TIMESTAMP column ({@code kind}) once what marks it is read: a comment that a
     * copy wrote, or the type the result reports. The kind itself by default.
     */
    protected Kind marked(Kind kind, SourceColumn c) {
        return kind;
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

    protected static ColumnType kind(ColumnType base, Kind kind) {
        return new ColumnType(base.name(), kind, 0, 0, 0, base.nullable(), base.source(), false);
    }

    protected static InvalidSpecException unknown(SourceColumn c) {
        return new InvalidSpecException("column " + c.name() + " has type " + (c.typeName().isEmpty() ? "(none)" : c.typeName())
                + ", which copy cannot map to another database faithfully (it maps integers, decimals, floating"
                + " point, booleans, text, dates, times, timestamps, binary, UUID, JSON, and the types read as their"
                + " text): leave it out with"
                + " columns(...), or create the target table yourself with a type that holds its values as text");
    }

    protected static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).trim();
    }

    /** For messages: a date out of this database's range. */
    public String yearRange() {
        return minYear() == Integer.MIN_VALUE ? "" : LocalDate.of(minYear(), 1, 1) + " to " + LocalDate.of(maxYear(), 12, 31);
    }
}
