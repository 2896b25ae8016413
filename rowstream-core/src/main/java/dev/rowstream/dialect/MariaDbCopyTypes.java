package dev.rowstream.dialect;

import dev.rowstream.dialect.ColumnType.Kind;

/**
 * How copy states types on MariaDB (through either driver). Where MariaDB lacks a type, the mapping keeps the
 * values exactly and says so in the column:
 * <ul>
 *   <li>No timestamp with time zone: such a column becomes {@code DATETIME(p)} holding the UTC instant, with a
 *       comment that says so, which a copy back reads as a timestamp with time zone again. MariaDB's own
 *       TIMESTAMP (stored as UTC, shown in the session's zone) is read as the session shows it.</li>
 *   <li>No NaN nor infinities: a DOUBLE or FLOAT value that is one stops the copy, naming the column and the
 *       row, rather than turning into NULL or an error later. DECIMAL holds at most 65 digits, 38 after the
 *       point; an unconstrained PostgreSQL {@code numeric} (any scale per value) is refused.</li>
 *   <li>MariaDB's UUID type refuses some values PostgreSQL's accepts: a UUID becomes {@code CHAR(36)} with a
 *       comment, read back as a UUID.</li>
 *   <li>Tables are created with {@code utf8mb4} and the binary, no-pad collation, so text keeps every
 *       character (emoji included) and keys that differ in case or trailing spaces stay distinct.</li>
 * </ul>
 */
class MariaDbCopyTypes extends CopyTypes {
    /** The comment that marks a MariaDB DATETIME as a UTC instant (a timestamp with time zone). */
    static final String UTC_COMMENT = "rowstream: timestamp with time zone, as UTC";
    /** The comment that marks a MariaDB CHAR(36) as a UUID. */
    static final String UUID_COMMENT = "rowstream: uuid";
    /** A MariaDB TIME: -838:59:59.999999 to 838:59:59.999999. */
    private static final java.util.regex.Pattern MARIA_TIME =
            java.util.regex.Pattern.compile("-?([0-7]?\\d{1,2}|8[0-3]\\d):[0-5]\\d:[0-5]\\d(\\.\\d{1,6})?");

    /** MySQL Connector/J names MariaDB's own types (UUID, INET6) UNKNOWN; the result says CHAR. */
    @Override
    protected String typeName(SourceColumn c) {
        String type = super.typeName(c);
        return type.equals("unknown") ? lower(c.resultType()) : type;
    }

    /**
     * MySQL Connector/J reports a scale of 0 whatever the fractional second digits are, and neither driver
     * gives DECIMAL_DIGITS; both give the display width as the result's precision: 19 characters for a
     * DATETIME, 10 for a TIME, plus the point and digits.
     */
    @Override
    protected int fraction(String type, SourceColumn c) {
        int whole = type.equals("time") ? 10 : 19;
        return Math.max(c.scale(), c.precision() > whole ? c.precision() - whole - 1 : 0);
    }

    /** What a copy to MariaDB marked in a comment (see {@link #columnSuffix}), and JSON, which is a LONGTEXT. */
    @Override
    protected Kind marked(Kind kind, SourceColumn c) {
        String remarks = c.remarks() == null ? "" : c.remarks();
        return switch (kind) {
            case CHAR -> remarks.contains(UUID_COMMENT) ? Kind.UUID : kind;
            case TEXT -> lower(c.resultType()).equals("json") ? Kind.JSON : kind;
            case TIMESTAMP -> remarks.contains("timestamp with time zone") ? Kind.TIMESTAMPTZ : kind;
            default -> kind;
        };
    }

    @Override
    public String database() { return "mariadb"; }

    @Override
    public String ddl(ColumnType t) {
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
    public String keyDdl(ColumnType t) {
        String ddl = ddl(t);
        if (ddl.equals("LONGTEXT") || ddl.equals("JSON")) {
            return "VARCHAR(768)";
        }
        return ddl.equals("LONGBLOB") ? "VARBINARY(3072)" : ddl;
    }

    @Override
    public String columnSuffix(ColumnType t) {
        return t.kind() == Kind.TIMESTAMPTZ ? " COMMENT '" + UTC_COMMENT + "'"
                : t.kind() == Kind.UUID ? " COMMENT '" + UUID_COMMENT + "'" : "";
    }

    @Override
    public String tableSuffix() {
        return " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin";
    }

    @Override
    public boolean holdsNaN() { return false; }

    @Override
    public boolean holdsInfinity() { return false; }

    @Override
    public int minYear() { return 1; }

    @Override
    public int maxYear() { return 9999; }

    @Override
    public boolean zonesAsUtc() { return true; }

    @Override
    public boolean holdsTime(String text) { return MARIA_TIME.matcher(text).matches(); }

    @Override
    public boolean holdsTimeWithZone() { return false; }
}
