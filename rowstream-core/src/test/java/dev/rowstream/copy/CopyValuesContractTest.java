package dev.rowstream.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.job.ExportResult;
import dev.rowstream.sink.Sinks;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code copy} from each database to each other one keeps every value: the target, read back, holds what the
 * source holds, as the type mapping documents it (a timestamp with time zone as its UTC time where the
 * target has none, booleans as 0/1 and decimals and times as text in SQLite, the database's text of types
 * the target lacks). In SQLite, dates and times are one fixed-width text per column, so its ORDER BY sorts
 * them as the source does. Values a target cannot hold stop the copy, naming the column and the row's key.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class CopyValuesContractTest {
    private final DbTarget source;

    CopyValuesContractTest(DbTarget source) {
        this.source = source;
    }

    /** The source table: the columns, then rows of literals (the last all NULLs). */
    private String ddl(String t) {
        String common = "id INTEGER PRIMARY KEY, i INTEGER, b BIGINT, d DECIMAL(12,4), f DOUBLE PRECISION, v VARCHAR(40), ";
        return "CREATE TABLE " + t + " (" + common + switch (source) {
            case POSTGRES -> "r REAL, bo BOOLEAN, dt DATE, tm TIME(6), ts TIMESTAMP(6), tz TIMESTAMPTZ(6), bin BYTEA,"
                    + " u UUID, ttz TIMETZ(6), iv INTERVAL, ad INET, m MONEY, bits BIT(4))";
            case MARIADB, MYSQL_CJ -> "r FLOAT, bo BOOLEAN, dt DATE, tm TIME(6), ts DATETIME(6), bin VARBINARY(10),"
                    + " iu INT UNSIGNED, bu BIGINT UNSIGNED, bits BIT(8), y YEAR, e ENUM('b','a')) CHARACTER SET utf8mb4";
            case H2 -> "r REAL, bo BOOLEAN, dt DATE, tm TIME(6), ts TIMESTAMP(6), tz TIMESTAMP(6) WITH TIME ZONE,"
                    + " bin VARBINARY(10), u UUID, ttz TIME(6) WITH TIME ZONE, iv INTERVAL DAY TO SECOND)";
            case SQLITE -> "bo BOOLEAN, dt DATE, tm TIME, ts TIMESTAMP, bin BLOB)";
        };
    }

    private List<String> rows() {
        String common1 = "1, -2147483648, 9223372036854775807, -12345678.1234, 1.5e20, 'emoji \ud83d\ude00 \"q\", x', ";
        String common2 = "2, 7, -1, 0.1000, 0.1, '', ";
        String common3 = "3, 0, 0, 0, -2.5, 'plain', ";
        return switch (source) {
            case POSTGRES -> List.of(
                    common1 + "1.2345678, true, '1969-12-31', '23:59:59.999999', '2024-03-31 02:30:00',"
                            + " '2024-01-01 10:00:00+00', '\\x00ff', '123e4567-e89b-12d3-a456-426614174000',"
                            + " '10:15:30.5+02:30', '1 day 02:00:00', '10.0.0.1/8', 1234.56, B'1010'",
                    common2 + "0.1, false, '2038-01-19', '00:00:00', '2024-01-01 10:00:00.5', '2024-01-01 10:00:00.5+00',"
                            + " '\\x', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '00:00:00+00', '-3 mons', '::1', -0.01, B'0000'",
                    common3 + "-1, true, '2000-02-29', '12:00:00', '2023-12-31 23:59:59.999999', '2024-01-01 09:59:59.999999+00',"
                            + " '\\x0a', '00000000-0000-0000-0000-000000000000', '23:59:59-08', '0', '192.168.0.1', 0, B'1111'");
            case MARIADB, MYSQL_CJ -> List.of(
                    common1 + "1.2345678, true, '1969-12-31', '23:59:59.999999', '2024-03-31 02:30:00', x'00ff',"
                            + " 4294967295, 18446744073709551615, b'10100101', 2024, 'a'",
                    common2 + "0.1, false, '2038-01-19', '00:00:00', '2024-01-01 10:00:00.5', x'', 2147483648,"
                            + " 9223372036854775808, b'0', 1901, 'b'",
                    common3 + "-1, true, '2000-02-29', '12:00:00', '2023-12-31 23:59:59.999999', x'0a', 0, 0, b'11111111', 2155, 'a'");
            case H2 -> List.of(
                    common1 + "1.2345678, true, DATE '1969-12-31', TIME '23:59:59.999999', TIMESTAMP '2024-03-31 02:30:00',"
                            + " TIMESTAMP WITH TIME ZONE '2024-01-01 10:00:00+00', X'00ff', '123e4567-e89b-12d3-a456-426614174000',"
                            + " TIME WITH TIME ZONE '10:15:30.5+02:30', INTERVAL '1 02:00:00' DAY TO SECOND",
                    common2 + "0.1, false, DATE '2038-01-19', TIME '00:00:00', TIMESTAMP '2024-01-01 10:00:00.5',"
                            + " TIMESTAMP WITH TIME ZONE '2024-01-01 10:00:00.5+00', X'', 'ffffffff-ffff-ffff-ffff-ffffffffffff',"
                            + " TIME WITH TIME ZONE '00:00:00+00', INTERVAL '-0 00:00:01' DAY TO SECOND",
                    common3 + "-1, true, DATE '2000-02-29', TIME '12:00:00', TIMESTAMP '2023-12-31 23:59:59.999999',"
                            + " TIMESTAMP WITH TIME ZONE '2024-01-01 09:59:59.999999+00', X'0a', '00000000-0000-0000-0000-000000000000',"
                            + " TIME WITH TIME ZONE '23:59:59-08:00', INTERVAL '0 00:00:00' DAY TO SECOND");
            case SQLITE -> List.of(
                    common1 + "1, '1969-12-31', '23:59:59.999999', '2024-03-31T02:30:00.000000', x'00ff'",
                    common2 + "0, '2038-01-19', '00:00:00.000000', '2024-01-01T10:00:00.500000', x''",
                    common3 + "1, '2000-02-29', '12:00:00.000000', '2023-12-31T23:59:59.999999', x'0a'");
        };
    }

    @Test
    void everyValueArrivesInEachOtherDatabase() throws Exception {
        String t = source.table("copysrc");
        List<String> sql = new ArrayList<>(List.of(ddl(t)));
        for (String row : rows()) {
            sql.add("INSERT INTO " + t + " VALUES (" + row + ")");
        }
        sql.add("INSERT INTO " + t + " (id) VALUES (4)");
        (source == DbTarget.MYSQL_CJ ? DbTarget.MARIADB : source).execute(sql.toArray(String[]::new));
        List<Row> expected = readAll(source, t);
        assertThat(expected).hasSize(4);
        int width = expected.get(0).size();
        for (DbTarget to : DbTarget.values()) {
            if (to == source) {
                continue;
            }
            String dst = to.table("copydst");
            ExportResult result = RowStreams.from(source.dataSource()).table(t).batchSize(2)
                    .exportTo(Sinks.table(to.dataSource(), dst).createTable(true)).run();
            assertThat(result.rows()).as("to %s", to).isEqualTo(4);
            List<Row> got = readAll(to, dst);
            for (int r = 0; r < expected.size(); r++) {
                for (int c = 0; c < width; c++) {
                    Object want = expected.get(r).get(c);
                    Object have = got.get(r).get(c);
                    assertThat(same(want, have)).as("%s to %s, row %d, column %s: %s (%s) arrived as %s (%s)", source, to,
                            r + 1, expected.get(r).columns().label(c), want, type(want), have, type(have)).isTrue();
                }
            }
            if (to == DbTarget.SQLITE) {
                canonicalTextSorts(dst);
            }
            to.dropTable(dst);
            to.dropTable("rowstream_checkpoints");
        }
        source.dropTable(t);
    }

    /** SQLite holds the timestamps as one fixed-width text each, so its ORDER BY is time order. */
    private static void canonicalTextSorts(String table) throws Exception {
        List<Long> order = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (Connection c = DbTarget.SQLITE.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, ts FROM " + table + " WHERE ts IS NOT NULL ORDER BY ts")) {
            while (rs.next()) {
                order.add(rs.getLong(1));
                texts.add(rs.getString(2));
            }
        }
        assertThat(order).containsExactly(3L, 2L, 1L); // 2023-12-31 23:59:59.999999, 2024-01-01 10:00:00.5, 2024-03-31
        assertThat(texts).allMatch(x -> x.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"), "yyyy-MM-ddTHH:mm:ss.ffffff");
    }

    /** Values the target cannot hold stop the copy, naming the column and the row's key; PostgreSQL keeps them. */
    @Test
    void specialValuesStopTheCopyWhereTheTargetHasNone() throws Exception {
        if (source != DbTarget.POSTGRES) {
            return; // the special values are PostgreSQL's; MariaDB's zero dates go the same way (Coerce's tests)
        }
        String t = source.table("special");
        source.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, ts TIMESTAMP, n NUMERIC, tm TIME)",
                "INSERT INTO " + t + " VALUES (1, '2024-01-01', 1, '10:00'), (2, 'infinity', 'NaN', '24:00:00'),"
                        + " (3, '-infinity', '-Infinity', '00:00')");
        String back = source.table("special");
        RowStreams.from(source.dataSource()).table(t).exportTo(Sinks.table(source.dataSource(), back).createTable(true)).run();
        assertThat(text(source, "SELECT string_agg(ts::text || ' ' || n::text || ' ' || tm::text, ';' ORDER BY id) FROM " + back))
                .isEqualTo("2024-01-01 00:00:00 1 10:00:00;infinity NaN 24:00:00;-infinity -Infinity 00:00:00");
        for (DbTarget to : List.of(DbTarget.MARIADB, DbTarget.H2, DbTarget.SQLITE)) {
            String dst = to.table("special");
            assertThatThrownBy(() -> RowStreams.from(source.dataSource()).table(t).columns(List.of("id", "ts"))
                    .exportTo(Sinks.table(to.dataSource(), dst).createTable(true)).run())
                    .as("to %s", to).satisfies(e -> assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT))
                            .contains("column ts of the row at id=2").contains("'infinity'"));
            to.dropTable(dst);
            to.dropTable("rowstream_checkpoints");
        }
        source.dropTable(back);
        source.dropTable(t);
        source.dropTable("rowstream_checkpoints");
    }

    private static String text(DbTarget target, String sql) throws Exception {
        try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<Row> readAll(DbTarget target, String table) {
        List<Row> rows = new ArrayList<>();
        try (RowStream<Row> stream = RowStreams.from(target.dataSource()).table(table).key("id").open()) {
            stream.forEach(rows::add);
        }
        return rows;
    }

    private static String type(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }

    /** The same value, as the type mapping carries it from one database to another. */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof byte[] x) {
            return b instanceof byte[] y && Arrays.equals(x, y);
        }
        if (a.equals(b) || a.toString().equals(b.toString())) {
            return true;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (a instanceof Float || b instanceof Float) {
                return x.floatValue() == y.floatValue();
            }
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Boolean x) {
            return b.equals(x ? 1 : 0) || b.equals(x ? 1L : 0L) || b.toString().equals(x ? "1" : "0");
        }
        if (b instanceof Boolean) {
            return same(b, a);
        }
        if (b instanceof String s) {
            return sameAsText(a, s);
        }
        if (a instanceof String s) {
            return sameAsText(b, s);
        }
        if (a instanceof OffsetDateTime o) {
            return b instanceof LocalDateTime l && o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().equals(l)
                    || b instanceof OffsetDateTime p && o.isEqual(p);
        }
        if (b instanceof OffsetDateTime) {
            return same(b, a);
        }
        return false;
    }

    /** {@code v} arrived as text: the canonical text of a temporal (SQLite), a decimal's digits, a UUID's text... */
    private static boolean sameAsText(Object v, String s) {
        try {
            if (v instanceof BigDecimal d) {
                return new BigDecimal(s).compareTo(d) == 0;
            }
            if (v instanceof BigInteger i) {
                return new BigInteger(s).equals(i);
            }
            if (v instanceof LocalDate d) {
                return LocalDate.parse(s).equals(d);
            }
            if (v instanceof LocalTime t) {
                return LocalTime.parse(s).equals(t);
            }
            if (v instanceof LocalDateTime t) {
                return LocalDateTime.parse(s.replace(' ', 'T')).equals(t);
            }
            if (v instanceof OffsetDateTime t) {
                return OffsetDateTime.parse(s).isEqual(t);
            }
            if (v instanceof OffsetTime t) {
                OffsetTime p = OffsetTime.parse(s);
                return p.isEqual(t) && p.getOffset().equals(t.getOffset());
            }
            if (v instanceof UUID u) {
                return UUID.fromString(s).equals(u);
            }
            return v instanceof byte[] b && new String(b, StandardCharsets.UTF_8).equals(s);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
