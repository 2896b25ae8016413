package dev.rowstream.dialect;

import dev.rowstream.dialect.ColumnType.Kind;

/** How copy states types on H2. */
final class H2CopyTypes extends CopyTypes {
    /** H2 reports an unconstrained NUMERIC as its largest precision. */
    @Override
    protected int decimalPrecision(SourceColumn c) {
        return c.precision() >= 100_000 ? 0 : c.precision();
    }

    /** H2's FLOAT is a double precision one. */
    @Override
    protected Kind floatKind(String type) {
        return type.equals("float") ? Kind.DOUBLE : Kind.REAL;
    }

    @Override
    public String database() { return "h2"; }

    @Override
    public String ddl(ColumnType t) {
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
    public String marker(ColumnType t) {
        return t.kind() == Kind.JSON ? "? FORMAT JSON" : "?";
    }

    @Override
    public boolean bindsUuid() { return true; }
}
