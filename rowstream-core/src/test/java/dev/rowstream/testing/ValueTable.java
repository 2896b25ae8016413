package dev.rowstream.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A table with a column of every value type each database has, in three rows: the largest values (id 1), the
 * smallest or empty ones (id 2), and NULLs (id 3). Shared by the format modules' round-trip contract tests.
 */
public final class ValueTable {
    private ValueTable() {
    }

    /**
     * A column: its DDL type, the type DuckDB reads from the Parquet field rowstream writes for it, and its values in
     * the max and min rows (SQL literals).
     */
    public record Col(String name, String ddl, String parquet, String max, String min) {
    }

    /*
     * Times with a time zone (PostgreSQL timetz, H2 TIME WITH TIME ZONE) are not here yet: VALUES.md reads them
     * as OffsetTime, which the writer maps to TIME(isAdjustedToUTC=true) (ParquetFormatTest), but today's
     * readers do not (pgjdbc refuses LocalTime for timetz; H2's comes as text). Add them with that reader.
     */
    public static List<Col> columns(DbTarget target) {
        List<Col> c = new ArrayList<>();
        switch (target) {
            case POSTGRES -> {
                c.add(new Col("sm", "SMALLINT", "SMALLINT", "32767", "-32768"));
                c.add(new Col("i", "INTEGER", "INTEGER", "2147483647", "-2147483648"));
                c.add(new Col("b", "BIGINT", "BIGINT", "9223372036854775807", "-9223372036854775808"));
                decimals(c);
                c.add(new Col("r", "REAL", "FLOAT", "3.4028235e38", "-1.4e-45"));
                c.add(new Col("f", "DOUBLE PRECISION", "DOUBLE", "1.7976931348623157e308", "'-0'"));
                c.add(new Col("nan", "DOUBLE PRECISION", "DOUBLE", "'NaN'", "'-Infinity'"));
                c.add(new Col("v", "VARCHAR(50)", "VARCHAR", "'a,b \"q\" é 😀'", "''"));
                c.add(new Col("t", "TEXT", "VARCHAR", "E'line\\nbreak'", "' '"));
                c.add(new Col("bo", "BOOLEAN", "BOOLEAN", "true", "false"));
                c.add(new Col("dt", "DATE", "DATE", "'9999-12-31'", "'0001-01-01'"));
                c.add(new Col("tm", "TIME(6)", "TIME", "'23:59:59.999999'", "'00:00:00'"));
                c.add(new Col("ts", "TIMESTAMP(6)", "TIMESTAMP", "'9999-12-31 23:59:59.999999'", "'0001-01-01 00:00:00'"));
                c.add(new Col("tz", "TIMESTAMPTZ(6)", "TIMESTAMP WITH TIME ZONE", "'2024-02-29 23:30:00.000001+05:30'",
                        "'1969-12-31 23:59:59.999999+00'"));
                c.add(new Col("bin", "BYTEA", "BLOB", "'\\x00ff0a'::bytea", "''::bytea"));
                c.add(new Col("u", "UUID", "UUID", "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
                        "'00000000-0000-0000-0000-000000000000'"));
                c.add(new Col("j", "JSON", "JSON", "'{\"a\": [1, 2]}'", "'null'"));
                c.add(new Col("jb", "JSONB", "JSON", "'{\"a\": [1, 2]}'", "'[]'"));
            }
            case MARIADB, MYSQL_CJ -> {
                c.add(new Col("ti", "TINYINT", "TINYINT", "127", "-128"));
                c.add(new Col("sm", "SMALLINT", "SMALLINT", "32767", "-32768"));
                c.add(new Col("mi", "MEDIUMINT", "INTEGER", "8388607", "-8388608"));
                c.add(new Col("i", "INT", "INTEGER", "2147483647", "-2147483648"));
                c.add(new Col("b", "BIGINT", "BIGINT", "9223372036854775807", "-9223372036854775808"));
                c.add(new Col("tu", "TINYINT UNSIGNED", "UTINYINT", "255", "0"));
                c.add(new Col("su", "SMALLINT UNSIGNED", "USMALLINT", "65535", "0"));
                c.add(new Col("iu", "INT UNSIGNED", "UINTEGER", "4294967295", "0"));
                c.add(new Col("bu", "BIGINT UNSIGNED", "UBIGINT", "18446744073709551615", "0"));
                decimals(c);
                c.add(new Col("r", "FLOAT", "FLOAT", "3.4028234e38", "-1.17549435e-38"));
                c.add(new Col("f", "DOUBLE", "DOUBLE", "1.7976931348623157e308", "-2.2250738585072014e-308"));
                c.add(new Col("v", "VARCHAR(50)", "VARCHAR", "'a,b \"q\" é 😀'", "''"));
                c.add(new Col("t", "TEXT", "VARCHAR", "'line\\nbreak'", "' '"));
                c.add(new Col("bo", "BOOLEAN", "BOOLEAN", "1", "0"));
                c.add(new Col("dt", "DATE", "DATE", "'9999-12-31'", "'1000-01-01'"));
                c.add(new Col("tm", "TIME(6)", "TIME", "'23:59:59.999999'", "'00:00:00'"));
                c.add(new Col("ts", "DATETIME(6)", "TIMESTAMP", "'9999-12-31 23:59:59.999999'", "'1000-01-01 00:00:00'"));
                c.add(new Col("bin", "VARBINARY(20)", "BLOB", "X'00FF0A'", "X''"));
            }
            case H2 -> {
                c.add(new Col("ti", "TINYINT", "TINYINT", "127", "-128"));
                c.add(new Col("sm", "SMALLINT", "SMALLINT", "32767", "-32768"));
                c.add(new Col("i", "INTEGER", "INTEGER", "2147483647", "-2147483648"));
                c.add(new Col("b", "BIGINT", "BIGINT", "9223372036854775807", "-9223372036854775808"));
                decimals(c);
                c.add(new Col("r", "REAL", "FLOAT", "3.4028235e38", "-1.4e-45"));
                c.add(new Col("f", "DOUBLE PRECISION", "DOUBLE", "1.7976931348623157e308", "-4.9e-324"));
                c.add(new Col("v", "VARCHAR(50)", "VARCHAR", "'a,b \"q\" é 😀'", "''"));
                c.add(new Col("bo", "BOOLEAN", "BOOLEAN", "true", "false"));
                c.add(new Col("dt", "DATE", "DATE", "DATE '9999-12-31'", "DATE '0001-01-01'"));
                c.add(new Col("tm", "TIME(6)", "TIME", "TIME '23:59:59.999999'", "TIME '00:00:00'"));
                c.add(new Col("ts", "TIMESTAMP(6)", "TIMESTAMP", "TIMESTAMP '9999-12-31 23:59:59.999999'",
                        "TIMESTAMP '0001-01-01 00:00:00'"));
                c.add(new Col("ns", "TIMESTAMP(9)", "TIMESTAMP_NS", "TIMESTAMP '2024-01-31 10:15:30.123456789'",
                        "TIMESTAMP '1970-01-01 00:00:00.000000001'"));
                c.add(new Col("tz", "TIMESTAMP(6) WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE",
                        "TIMESTAMP WITH TIME ZONE '2024-02-29 23:30:00.000001+05:30'",
                        "TIMESTAMP WITH TIME ZONE '1969-12-31 23:59:59.999999+00:00'"));
                c.add(new Col("bin", "VARBINARY(20)", "BLOB", "X'00ff0a'", "X''"));
                c.add(new Col("u", "UUID", "UUID", "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
                        "'00000000-0000-0000-0000-000000000000'"));
            }
            case SQLITE -> {
                // SQLite keeps five kinds of values: 64-bit integers, doubles, text, bytes (and NULL).
                c.add(new Col("i", "INTEGER", "BIGINT", "9223372036854775807", "-9223372036854775808"));
                c.add(new Col("small", "INT", "BIGINT", "1", "-1"));
                c.add(new Col("f", "REAL", "DOUBLE", "1.7976931348623157e308", "-4.9e-324"));
                c.add(new Col("v", "VARCHAR(50)", "VARCHAR", "'a,b \"q\" é 😀'", "''"));
                c.add(new Col("t", "TEXT", "VARCHAR", "'line' || char(10) || 'break'", "' '"));
                c.add(new Col("bin", "BLOB", "BLOB", "X'00ff0a'", "X''"));
                c.add(new Col("bo", "BOOLEAN", "BOOLEAN", "1", "0"));
            }
        }
        return c;
    }

    private static void decimals(List<Col> c) {
        c.add(new Col("d9", "DECIMAL(9,2)", "DECIMAL(9,2)", "9999999.99", "-9999999.99"));
        c.add(new Col("d18", "DECIMAL(18,4)", "DECIMAL(18,4)", "99999999999999.9999", "-0.0001"));
        c.add(new Col("d38", "DECIMAL(38,10)", "DECIMAL(38,10)", "9999999999999999999999999999.9999999999",
                "-9999999999999999999999999999.9999999999"));
        c.add(new Col("d0", "DECIMAL(10,0)", "DECIMAL(10,0)", "9999999999", "0"));
    }

    /** Creates the table of {@code cols} and fills its three rows (ids 1, 2, 3: max, min, NULLs); returns its name. */
    public static String fill(DbTarget target, List<Col> cols) {
        String t = target.table("vt");
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY");
        StringBuilder max = new StringBuilder("INSERT INTO " + t + " VALUES (1");
        StringBuilder min = new StringBuilder("INSERT INTO " + t + " VALUES (2");
        StringBuilder nulls = new StringBuilder("INSERT INTO " + t + " (id) VALUES (3");
        for (Col c : cols) {
            ddl.append(", ").append(c.name()).append(' ').append(c.ddl());
            max.append(", ").append(c.max());
            min.append(", ").append(c.min());
        }
        ddl.append(')');
        if (target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ) {
            ddl.append(" CHARACTER SET utf8mb4");
        }
        target.execute(ddl.toString(), max + ")", min + ")", nulls + ")");
        return t;
    }

}
