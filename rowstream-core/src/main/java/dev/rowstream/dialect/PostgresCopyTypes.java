package dev.rowstream.dialect;

/**
 * How copy states types on PostgreSQL: every kind has a type of its own; numeric, dates and timestamps also
 * hold NaN, the infinities and {@code 24:00:00}, which are written as they came.
 */
final class PostgresCopyTypes extends CopyTypes {
    /** PostgreSQL's time '24:00:00' (the only time past 23:59:59.999999 it holds). */
    private static final java.util.regex.Pattern PG_24 = java.util.regex.Pattern.compile("24:00:00(\\.0*)?");

    @Override
    public String database() { return "postgresql"; }

    @Override
    public String ddl(ColumnType t) {
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
    public boolean holdsInfinities() { return true; }

    @Override
    public boolean holdsTime(String text) { return PG_24.matcher(text).matches(); }

    /** json and jsonb take text only as an untyped parameter; so do infinity, 24:00:00 and a timetz. */
    @Override
    public boolean untypedText() { return true; }

    @Override
    public boolean bindsUuid() { return true; }

    @Override
    public boolean copyFromStdin() { return true; }
}

