package dev.rowstream.keyset;

import dev.rowstream.testing.DbTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * Every orderable column type each database has that a key may meet, with values at its edges (ties in the
 * database's comparison, trailing spaces, case, special values, NULL), and the types a key must refuse.
 * Used by {@link KeyTypesContractTest} (one table per type) and {@link KeyTypeProperties} (one wide table).
 */
final class KeyTypes {
    private KeyTypes() {
    }

    /**
     * One column type.
     *
     * @param family  what the type is about, for grouping and messages
     * @param type    the column's DDL type
     * @param values  SQL literals of values (NULL included where it matters); duplicates are ties
     * @param setup   statements to run before the table is created (a type, a collation, an extension)
     * @param refused a fragment of the one-line refusal the key must get before any row, or null when the
     *                key must read in the database's own order
     */
    record Type(String family, String type, List<String> values, List<String> setup, String refused) {
        boolean isRefused() {
            return refused != null;
        }

        @Override
        public String toString() {
            return type;
        }
    }

    /** The families, for the contract test's methods. */
    static final String ENUMS = "enums and sets";
    static final String BITS = "bits, booleans and small integers";
    static final String NUMBERS = "numbers at their edges";
    static final String TIMES = "dates and times";
    static final String TEXT = "text under collations";
    static final String BINARY = "binary, UUIDs and JSON";
    static final String OTHER = "networks, ranges, arrays and domains";
    static final String MIXED = "mixed storage classes";
    static final String REFUSED = "types a key cannot compare exactly";

    /** The types of {@code target}; {@code prefix} makes the names of created types and collations unique. */
    static List<Type> of(DbTarget target, String prefix) {
        List<Type> t = new ArrayList<>();
        switch (target) {
            case POSTGRES -> postgres(t, prefix);
            case MARIADB, MYSQL_CJ -> mariadb(t);
            case H2 -> h2(t);
            case SQLITE -> sqlite(t);
            default -> throw new IllegalArgumentException(target.name());
        }
        return t;
    }

    private static Type type(String family, String type, String... values) {
        return new Type(family, type, List.of(values), List.of(), null);
    }

    private static Type setup(String family, String type, List<String> setup, String... values) {
        return new Type(family, type, List.of(values), setup, null);
    }

    private static Type refused(String type, String fragment, String... values) {
        return new Type(REFUSED, type, List.of(values), List.of(), fragment);
    }

    private static void postgres(List<Type> t, String p) {
        t.add(setup(ENUMS, p + "_mood", List.of("CREATE TYPE " + p + "_mood AS ENUM ('zz', 'aa', 'mm')"),
                "'aa'", "'zz'", "'mm'", "'aa'", "NULL"));
        t.add(type(BITS, "BOOLEAN", "TRUE", "FALSE", "NULL", "TRUE"));
        t.add(type(BITS, "BIT(3)", "B'101'", "B'001'", "B'111'", "B'000'", "B'001'", "NULL"));
        t.add(type(BITS, "VARBIT", "B'1'", "B'10'", "B'01'", "B''", "B'1000'", "NULL"));
        t.add(type(BITS, "SMALLINT", "-32768", "32767", "0", "NULL"));
        t.add(type(NUMBERS, "NUMERIC", "'NaN'", "'Infinity'", "'-Infinity'", "1e400", "-1e400", "0.1", "0.10", "2",
                "NULL"));
        t.add(type(NUMBERS, "NUMERIC(12,4)", "-1.5", "0.0001", "1.0000", "1", "99999999.9999"));
        t.add(type(NUMBERS, "MONEY", "'1.00'", "'-2.50'", "'1000000.01'", "'0.00'", "'1.00'", "NULL"));
        t.add(type(NUMBERS, "DOUBLE PRECISION", "'NaN'", "'Infinity'", "'-Infinity'", "'-0'", "0", "1e-300", "0.1",
                "0.30000000000000004", "NULL"));
        t.add(type(NUMBERS, "REAL", "'NaN'", "0.1", "3.4e38", "'-0'", "1.1754944e-38"));
        t.add(type(NUMBERS, "BIGINT", "-9223372036854775808", "9223372036854775807", "0", "NULL"));
        t.add(type(TIMES, "DATE", "'infinity'", "'-infinity'", "'2024-02-29'", "'4713-01-01 BC'", "'0001-01-01'", "NULL"));
        t.add(type(TIMES, "TIMESTAMP", "'infinity'", "'-infinity'", "'2024-03-31 02:30:00'", "'2024-03-10 02:30:00'",
                "'2024-01-01 00:00:00.000001'", "'1999-12-31 23:59:59.999999'", "NULL"));
        t.add(type(TIMES, "TIMESTAMPTZ", "'infinity'", "'-infinity'", "'2024-01-01 00:00:00+00'",
                "'2024-01-01 01:00:00+02'", "'2023-12-31 23:00:00+00'", "'2024-10-27 01:30:00.5+00'", "NULL"));
        t.add(type(TIMES, "TIME", "'24:00:00'", "'00:00:00'", "'23:59:59.999999'", "'12:00'", "NULL"));
        t.add(type(TIMES, "TIMETZ", "'10:00:00+02'", "'08:00:00+00'", "'10:00:00+00'", "'00:00:00.000001-14'", "NULL"));
        t.add(type(TIMES, "INTERVAL", "'1 day'", "'24 hours'", "'25 hours'", "'-1 mon'", "'1 mon'", "'30 days'",
                "'00:00:00.000001'", "NULL"));
        t.add(type(TEXT, "TEXT COLLATE \"C\"", "'a'", "'B'", "'b'", "'A'", "'a '", "''", "NULL"));
        t.add(setup(TEXT, "TEXT COLLATE " + p + "_ci", List.of("CREATE COLLATION " + p
                        + "_ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)"),
                "'a'", "'A'", "'b'", "'B'", "'a '", "'é'", "'E'", "NULL"));
        t.add(setup(TEXT, "CITEXT", List.of("CREATE EXTENSION IF NOT EXISTS citext"),
                "'a'", "'A'", "'b'", "'B'", "'ä'", "'Ab'", "NULL"));
        t.add(type(TEXT, "VARCHAR(10)", "'a'", "'A'", "'a '", "'b'", "'é'", "''", "NULL"));
        t.add(type(TEXT, "CHAR(3)", "'a'", "'a  '", "'b'", "'A'", "NULL"));
        t.add(type(BINARY, "BYTEA", "'\\x00'", "'\\x0001'", "'\\xff'", "''", "'\\x7f'", "NULL"));
        t.add(type(BINARY, "UUID", "'00000000-0000-0000-0000-000000000001'", "'ffffffff-0000-0000-0000-000000000000'",
                "'7fffffff-0000-0000-0000-000000000000'", "NULL"));
        t.add(type(BINARY, "JSONB", "'{\"a\": 1}'", "'[1]'", "'1'", "'\"x\"'", "'null'", "'{}'", "NULL"));
        t.add(type(OTHER, "INET", "'::1'", "'10.0.0.2'", "'192.168.0.1/24'", "'10.0.0.1'", "'10.0.0.1/8'", "NULL"));
        t.add(type(OTHER, "CIDR", "'10.0.0.0/8'", "'10.0.0.0/16'", "'192.168.0.0/24'", "'::/0'", "NULL"));
        t.add(type(OTHER, "INT4RANGE", "'[1,3)'", "'[1,2)'", "'empty'", "'(,5)'", "'[2,)'", "NULL"));
        t.add(type(OTHER, "INT[]", "'{1,2}'", "'{1}'", "'{}'", "'{NULL}'", "'{1,NULL}'", "'{2}'", "NULL"));
        t.add(type(OTHER, "TEXT[]", "'{a,b}'", "'{A}'", "'{\"\"}'", "NULL"));
        t.add(setup(OTHER, p + "_posint", List.of("CREATE DOMAIN " + p + "_posint AS INT CHECK (VALUE > 0)"),
                "3", "1", "2", "NULL"));
        t.add(setup(OTHER, p + "_code", List.of("CREATE DOMAIN " + p + "_code AS TEXT COLLATE \"C\""),
                "'b'", "'B'", "'a'", "NULL"));
        t.add(refused("JSON", "which postgresql cannot order", "'{}'", "'[1]'"));
        t.add(refused("XML", "which postgresql cannot order", "'<a/>'"));
        t.add(refused("POINT", "which postgresql cannot order", "'(1,2)'"));
    }

    private static void mariadb(List<Type> t) {
        t.add(type(ENUMS, "ENUM('zz', 'aa', 'mm')", "'aa'", "'zz'", "'mm'", "'aa'", "NULL"));
        t.add(type(ENUMS, "SET('x', 'y', 'z')", "'x'", "'y'", "'x,y'", "'z'", "''", "'y'", "NULL"));
        StringBuilder members = new StringBuilder();
        for (int i = 1; i <= 64; i++) {
            members.append(i > 1 ? ", " : "").append("'m").append(i).append('\'');
        }
        t.add(type(ENUMS, "SET(" + members + ")", "'m64'", "'m63'", "'m1,m64'", "'m1'", "''", "NULL"));
        t.add(type(BITS, "BIT(1)", "b'0'", "b'1'", "NULL", "b'1'"));
        t.add(type(BITS, "BIT(8)", "b'00000001'", "b'00000011'", "b'10000000'", "b'00000010'", "b'11111111'", "NULL"));
        t.add(type(BITS, "BIT(64)", "b'1111111111111111111111111111111111111111111111111111111111111111'",
                "b'1000000000000000000000000000000000000000000000000000000000000000'",
                "b'0111111111111111111111111111111111111111111111111111111111111111'", "1", "0", "NULL"));
        t.add(type(BITS, "TINYINT(1)", "0", "1", "2", "-1", "127", "-128", "NULL"));
        t.add(type(BITS, "BOOLEAN", "TRUE", "FALSE", "NULL", "5"));
        t.add(type(NUMBERS, "FLOAT", "0.1", "1.2345678", "16777217", "-0.0", "3.4e38", "1e-38", "0.1", "NULL"));
        t.add(type(NUMBERS, "DOUBLE", "0.1", "0.30000000000000004", "1e300", "-1e-300", "4.9e-324",
                "1.7976931348623157e308", "-0.0", "NULL"));
        t.add(type(NUMBERS, "DECIMAL(30,10)", "0.1", "0.10", "12345678901234567890.0123456789", "-0.0000000001", "NULL"));
        t.add(type(NUMBERS, "INT UNSIGNED", "0", "4294967295", "2147483648", "2147483647", "NULL"));
        t.add(type(NUMBERS, "BIGINT UNSIGNED", "0", "1", "9223372036854775807", "9223372036854775808",
                "18446744073709551615", "18446744073709551614", "NULL"));
        t.add(type(NUMBERS, "BIGINT", "-9223372036854775808", "9223372036854775807", "0", "NULL"));
        t.add(type(NUMBERS, "YEAR", "2024", "1901", "2155", "0", "NULL"));
        t.add(type(TIMES, "TIME(6)", "'-838:59:59'", "'838:59:59'", "'25:00:00.5'", "'-00:00:01'", "'00:00:00'",
                "'23:59:59.999999'", "NULL"));
        t.add(type(TIMES, "DATETIME(6)", "'2024-03-31 02:30:00'", "'2024-10-27 02:30:00'", "'2024-03-10 02:30:00'",
                "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.999999'", "'2024-01-01 00:00:00.000001'", "NULL"));
        // Zero dates need a permissive sql_mode to be stored; comparing with them needs none.
        t.add(setup(TIMES, "DATE", List.of("SET SESSION sql_mode = ''"), "'0000-00-00'", "'2024-00-10'",
                "'2024-01-00'", "'2024-01-01'", "'9999-12-31'", "NULL"));
        t.add(setup(TIMES, "DATETIME", List.of("SET SESSION sql_mode = ''"), "'0000-00-00 00:00:00'",
                "'2024-01-00 10:00:00'", "'2024-03-31 02:30:00'", "NULL"));
        t.add(type(TIMES, "TIMESTAMP(6) NULL", "'2024-01-01 00:00:00.5'", "'1970-01-01 00:00:01'",
                "'2038-01-19 03:14:07'", "NULL"));
        t.add(type(TEXT, "VARCHAR(20) COLLATE utf8mb4_general_ci", "'a'", "'A'", "'b'", "'B'", "'é'", "'e'", "'a '",
                "''", "NULL"));
        t.add(type(TEXT, "VARCHAR(20) COLLATE utf8mb4_nopad_bin", "'a'", "'a '", "'a  '", "'b'", "'B'", "NULL"));
        t.add(type(TEXT, "VARCHAR(20) COLLATE utf8mb4_unicode_nopad_ci", "'a'", "'A'", "'a '", "'b'", "NULL"));
        t.add(type(TEXT, "CHAR(5) CHARACTER SET latin1 COLLATE latin1_swedish_ci", "'ä'", "'a'", "'b'", "'A'", "'z'",
                "NULL"));
        t.add(type(TEXT, "VARCHAR(256) COLLATE utf8mb4_bin", "'" + "😀".repeat(255) + "b'", "'" + "😀".repeat(255) + "a'",
                "'a'", "NULL"));
        t.add(type(BINARY, "BINARY(4)", "x'00'", "x'0001'", "x'FF'", "x'0000'", "NULL"));
        t.add(type(BINARY, "VARBINARY(16)", "x''", "x'00'", "x'0001'", "x'FF'", "x'7F'", "NULL"));
        t.add(type(BINARY, "UUID", "'00000000-0000-0000-0000-000000000001'", "'ffffffff-0000-0000-0000-000000000000'",
                "'00000001-0000-0000-0000-000000000000'", "'7fffffff-ffff-0000-0000-000000000000'", "NULL"));
        t.add(type(BINARY, "INET6", "'::1'", "'::ffff:10.0.0.1'", "'::'", "'ffff::'", "NULL"));
        t.add(refused("TEXT", "max_sort_length", "'a'", "'b'"));
        t.add(refused("VARCHAR(300) COLLATE utf8mb4_bin", "max_sort_length", "'a'"));
        t.add(refused("BLOB", "max_sort_length", "x'00'"));
        t.add(refused("JSON", "max_sort_length", "'[1]'"));
        t.add(refused("POINT", "no order", "POINT(1, 2)"));
    }

    private static void h2(List<Type> t) {
        t.add(type(ENUMS, "ENUM('zz', 'aa', 'mm')", "'aa'", "'zz'", "'mm'", "'aa'", "NULL"));
        t.add(type(BITS, "BOOLEAN", "TRUE", "FALSE", "NULL", "TRUE"));
        t.add(type(BITS, "TINYINT", "-128", "127", "0", "NULL"));
        t.add(type(NUMBERS, "DECFLOAT", "CAST('NaN' AS DECFLOAT)", "CAST('Infinity' AS DECFLOAT)",
                "CAST('-Infinity' AS DECFLOAT)", "CAST('1.5E+400' AS DECFLOAT)", "0.1", "0.10", "-2", "NULL"));
        t.add(type(NUMBERS, "NUMERIC(30,10)", "0.1", "0.10", "12345678901234567890.0123456789", "NULL"));
        t.add(type(NUMBERS, "REAL", "0.1", "-0.0", "3.4e38", "1.4e-45", "NULL"));
        t.add(type(NUMBERS, "DOUBLE PRECISION", "0.1", "0.30000000000000004", "-0.0", "1e300", "4.9e-324", "NULL"));
        t.add(type(NUMBERS, "BIGINT", "-9223372036854775808", "9223372036854775807", "0", "NULL"));
        t.add(type(TIMES, "TIME(9) WITH TIME ZONE", "TIME WITH TIME ZONE '10:00:00+02'",
                "TIME WITH TIME ZONE '08:00:00+00'", "TIME WITH TIME ZONE '09:00:00.123456789+00'",
                "TIME WITH TIME ZONE '23:59:59-18'", "NULL"));
        t.add(type(TIMES, "INTERVAL DAY TO SECOND", "INTERVAL '1 02:00:00' DAY TO SECOND",
                "INTERVAL '0 23:00:00' DAY TO SECOND", "INTERVAL '-1 00:00:00' DAY TO SECOND",
                "INTERVAL '0 00:00:00.000001' DAY TO SECOND", "NULL"));
        t.add(type(TIMES, "INTERVAL YEAR TO MONTH", "INTERVAL '1-2' YEAR TO MONTH", "INTERVAL '-0-1' YEAR TO MONTH",
                "INTERVAL '0-11' YEAR TO MONTH", "NULL"));
        t.add(type(TIMES, "TIMESTAMP(9)", "'2024-03-31 02:30:00'", "'2024-03-10 02:30:00'", "'2024-10-27 02:30:00'",
                "'2024-01-01 00:00:00.000000001'", "NULL"));
        t.add(type(TIMES, "TIMESTAMP(9) WITH TIME ZONE", "'2024-01-01 10:00:00+02'", "'2024-01-01 08:00:00Z'",
                "'2024-01-01 09:00:00.5+01'", "NULL"));
        t.add(type(TIMES, "DATE", "'2024-02-29'", "'-0044-03-15'", "'0001-01-01'", "'9999-12-31'", "NULL"));
        t.add(type(TIMES, "TIME(9)", "'23:59:59.999999999'", "'00:00:00'", "'12:00:00'", "NULL"));
        t.add(type(TEXT, "VARCHAR_IGNORECASE(10)", "'a'", "'A'", "'b'", "'B'", "'a '", "NULL"));
        t.add(type(TEXT, "CHAR(3)", "'a'", "'a  '", "'b'", "'A'", "NULL"));
        t.add(type(TEXT, "VARCHAR(10)", "'a'", "'A'", "'a '", "''", "'é'", "NULL"));
        t.add(type(BINARY, "BINARY(2)", "X'0001'", "X'FF00'", "X'0100'", "X'0000'", "NULL"));
        t.add(type(BINARY, "VARBINARY(4)", "X''", "X'00'", "X'0000'", "X'01'", "NULL"));
        t.add(type(BINARY, "UUID", "'00000000-0000-0000-0000-000000000001'", "'ffffffff-0000-0000-0000-000000000000'",
                "'7fffffff-0000-0000-0000-000000000000'", "NULL"));
        t.add(type(BINARY, "JSON", "JSON '{\"a\":1}'", "JSON '[1]'", "JSON '2'", "JSON '\"x\"'", "NULL"));
        t.add(refused("INT ARRAY", "which a key cannot hold", "ARRAY[1, 2]"));
        t.add(refused("CHARACTER LARGE OBJECT", "which a key cannot hold", "'a'"));
    }

    private static void sqlite(List<Type> t) {
        t.add(type(MIXED, "", "1", "1.5", "'1'", "'abc'", "x'00'", "2", "9223372036854775807", "-1.5e300", "'Abc'",
                "x''", "''", "NULL", "1.0"));
        t.add(type(MIXED, "INTEGER", "1", "'abc'", "x'01'", "2.5", "3", "-9223372036854775808", "NULL"));
        t.add(type(MIXED, "TEXT", "1", "'10'", "'2'", "'A'", "'a'", "x'00'", "NULL"));
        t.add(type(MIXED, "REAL", "1", "1.5", "'x'", "9.223372036854776e18", "-0.0", "NULL"));
        t.add(type(TEXT, "TEXT COLLATE NOCASE", "'a'", "'A'", "'b'", "'B'", "NULL"));
        t.add(type(TEXT, "TEXT COLLATE RTRIM", "'a'", "'a '", "'a  '", "'b'", "NULL"));
        t.add(type(TIMES, "TIMESTAMP", "'2024-03-31 02:30:00'", "'2024-01-01T10:00:00Z'", "'2024-01-01 10:00:00.5'",
                "NULL"));
        t.add(type(BINARY, "BLOB", "x'00'", "x'0001'", "x'FF'", "x''", "NULL"));
    }
}
