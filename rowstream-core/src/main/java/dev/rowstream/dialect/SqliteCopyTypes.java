package dev.rowstream.dialect;

import dev.rowstream.dialect.ColumnType.Kind;

/**
 * How copy states types on SQLite, which has types only as names: decimals are stored as exact text
 * ({@code DECIMAL_TEXT(p,s)}, TEXT affinity, so {@code 0.10} keeps its scale), JSON as {@code JSON_TEXT},
 * booleans as 0 and 1, and dates, times and timestamps as one fixed-width ISO-8601 text per column
 * ({@code TIMESTAMPTZ(6)}: {@code 2024-01-01T10:00:00.000000Z}, always that many fraction digits, UTC), so
 * that text order is time order; years outside 0000 to 9999 stop the copy.
 */
final class SqliteCopyTypes extends CopyTypes {
    /** The declared type's name, by SQLite's own affinity rules plus the names this mapping writes. */
    @Override
    public ColumnType source(SourceColumn c) {
        String declared = lower(c.typeName());
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

    @Override
    public String database() { return "sqlite"; }

    @Override
    public String ddl(ColumnType t) {
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
    public boolean holdsNaN() { return false; }

    @Override
    public boolean temporalsAsText() { return true; }

    @Override
    public boolean holdsTimeWithZone() { return false; }

    /** Years 0 to 9999: four digits, so that the canonical text sorts as the dates do. */
    @Override
    public int minYear() { return 0; }

    @Override
    public int maxYear() { return 9999; }
}
