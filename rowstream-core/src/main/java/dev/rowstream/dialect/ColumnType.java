package dev.rowstream.dialect;

import java.util.Locale;

/**
 * A column's type in terms every supported database can state: what a copy maps from the source's
 * metadata and to the target's DDL (see {@link CopyTypes}).
 *
 * @param name      the column's name
 * @param kind      the kind of values
 * @param length    CHAR, VARCHAR, BINARY, VARBINARY: the length; 0 otherwise
 * @param precision DECIMAL: the digits (0: unconstrained, as PostgreSQL's plain {@code numeric});
 *                  TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ: the fractional second digits
 * @param scale     DECIMAL: the digits after the point
 * @param nullable  whether the column accepts NULL
 * @param source    the type as the source database names it, for messages
 * @param jsonb     PostgreSQL's binary JSON (kept as jsonb from PostgreSQL to PostgreSQL)
 */
public record ColumnType(String name, Kind kind, int length, int precision, int scale, boolean nullable,
                         String source, boolean jsonb) {

    /** The kinds of values a copy keeps exactly. */
    public enum Kind {
        BOOLEAN, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, CHAR, VARCHAR, TEXT, DATE, TIME, TIMETZ, TIMESTAMP,
        TIMESTAMPTZ, BINARY, VARBINARY, BLOB, UUID, JSON;

        public boolean isText() {
            return this == CHAR || this == VARCHAR || this == TEXT || this == JSON;
        }
    }

    public static ColumnType of(String name, Kind kind, boolean nullable, String source) {
        return new ColumnType(name, kind, 0, 0, 0, nullable, source, false);
    }

    public ColumnType withLength(int length) {
        return new ColumnType(name, kind, length, precision, scale, nullable, source, jsonb);
    }

    public ColumnType withPrecision(int precision, int scale) {
        return new ColumnType(name, kind, length, precision, scale, nullable, source, jsonb);
    }

    public ColumnType asJsonb() {
        return new ColumnType(name, kind, length, precision, scale, nullable, source, true);
    }

    @Override
    public String toString() {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case CHAR, VARCHAR, BINARY, VARBINARY -> k + "(" + length + ")";
            case DECIMAL -> precision == 0 ? k : k + "(" + precision + "," + scale + ")";
            case TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ -> k + "(" + precision + ")";
            default -> k;
        };
    }
}
