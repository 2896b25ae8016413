package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Data fidelity: a table with every type copy maps, and the edge values of each, goes PostgreSQL → MariaDB
 * → PostgreSQL (both tables created by {@code --create-table}) and comes back equal, column types included:
 * maximum and minimum integers, decimals with their scale ({@code 0.10}), the largest and smallest floats,
 * dates before 1970 and after 2038, microseconds, instants in other zones, emoji, tabs, backslashes, empty
 * strings next to NULLs, every byte value, UUIDs MariaDB's own type would refuse, JSON text as written.
 *
 * <p>NaN: MariaDB's floating-point columns have no NaN nor infinities, so copying one there stops with an
 * error naming the column and the row (exit 1, the rows before it committed) rather than storing something
 * else; through H2, which has them, NaN and the infinities come back.
 */
@ExtendWith(LeakCheck.class)
class CopyRoundTripTest {
    private static final String COLUMNS = "id bigint PRIMARY KEY, i2 smallint, i4 integer, i8 bigint,"
            + " d numeric(38,10), d2 numeric(12,2), r real, f double precision, b boolean, c char(5), v varchar(40),"
            + " t text, dt date, tm time(6), ts timestamp(6), tz timestamptz(6), bin bytea, u uuid, j json, jb jsonb";
    private static final String[] ROWS = {
        "(1, 32767, 2147483647, 9223372036854775807, 9999999999999999999999999999.9999999999, 0.10, 3.4028235e38,"
                + " 1.7976931348623157e308, true, 'ab', 'plain', 'x', '9999-12-31', '23:59:59.999999',"
                + " '2038-01-19 03:14:08.123456', '2100-12-31 23:59:59.999999+05:30', '\\x00ff',"
                + " 'eccbc87e-4b5c-e2fe-2830-8fd9f2a7baf3', '{\"k\": [1, 2.50, \"😀\"]}', '{\"b\": 1, \"a\": [true, null]}')",
        "(2, -32768, -2147483648, -9223372036854775808, -9999999999999999999999999999.9999999999, -9999999999.99,"
                + " 1.4e-45, 4.9e-324, false, '', '', '', '1000-01-01', '00:00:00', '1969-12-31 23:59:59.999999',"
                + " '1901-12-13 20:45:52.000001+00', '\\x', '00000000-0000-0000-0000-000000000000', '[]', '{}')",
        "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL)",
        "(4, 0, 0, 0, 0.0000000001, 0.01, 0.1, 0.1, true, 'ü😀', 'emoji 😀🎉 ü 日本語 \\ \"q\" ''s''',"
                + " E'tab\\there\\nnew line\\r\\\\back\\\\slash', '1969-07-20', '12:00:00.5',"
                + " '2040-02-29 00:00:00', '1970-01-01 00:00:00+00', '\\x000102030405060708090a0b0c0d0e0f1011',"
                + " 'ffffffff-ffff-ffff-ffff-ffffffffffff', '\"just a string\"', '123.450')",
    };

    @Test
    void postgresToMariaDbAndBackKeepsEveryValueAndType() throws Exception {
        DbTarget pg = DbTarget.POSTGRES;
        DbTarget maria = DbTarget.MARIADB;
        String orig = pg.table("fidelity");
        String mid = maria.table("fidelity");
        String back = pg.table("fidelity");
        pg.execute("CREATE TABLE " + orig + " (" + COLUMNS + ")");
        StringBuilder values = new StringBuilder(String.join(", ", ROWS));
        // Every byte value once, and 2,000 more ordinary rows so that batches and a resume boundary take part.
        values.append(", (5, 1, 1, 1, 1, 1, 1, 1, true, 'a', 'a', 'a', '2000-01-01', '01:02:03', '2000-01-01 00:00:00',"
                + " '2000-01-01 00:00:00+00', (SELECT string_agg(lpad(to_hex(b), 2, '0'), '') FROM generate_series(0,"
                + " 255) b)::text, gen_random_uuid(), '1', '1')");
        pg.execute("INSERT INTO " + orig + " VALUES " + values.toString().replace("(SELECT string_agg", "decode((SELECT string_agg")
                .replace("b)::text, gen_random_uuid()", "b), 'hex'), gen_random_uuid()"));
        pg.execute("INSERT INTO " + orig + " SELECT g, g % 100, g, g * 1000, g / 7.0, g / 100.0, g / 3.0, g / 3.0,"
                + " g % 2 = 0, 'c' || g % 10, 'v' || g, repeat('t', g % 50), DATE '1960-01-01' + g,"
                + " TIME '00:00:00' + g * INTERVAL '1.000001 s', TIMESTAMP '1960-01-01' + g * INTERVAL '1 day 1.000001 s',"
                + " TIMESTAMPTZ '2030-01-01 00:00:00+00' + g * INTERVAL '1 hour 0.000001 s', int4send(g), gen_random_uuid(),"
                + " ('{\"g\": ' || g || '}')::json, ('{\"g\": ' || g || '}')::jsonb FROM generate_series(10, 2009) g");

        Cli.Result there = Cli.run("copy", "--from-url", pg.jdbcUrl(), "--to-url", maria.jdbcUrl(), "--table", orig,
                "--target-table", mid, "--create-table", "--batch-size", "700");
        assertThat(there.code()).as("%s", there).isZero();
        assertThat(there.err()).contains("copied 2005 rows from postgresql to mariadb").contains("created the table");
        // On MariaDB itself: the decimal's scale, the emoji's four bytes, the instant as UTC, microseconds.
        assertThat(one(maria, "SELECT CAST(d2 AS CHAR) FROM " + mid + " WHERE id = 1")).isEqualTo("0.10");
        assertThat(one(maria, "SELECT HEX(v) FROM " + mid + " WHERE id = 4")).contains("F09F9880");
        assertThat(one(maria, "SELECT CAST(tz AS CHAR) FROM " + mid + " WHERE id = 1")).isEqualTo("2100-12-31 18:29:59.999999");
        assertThat(one(maria, "SELECT CAST(ts AS CHAR) FROM " + mid + " WHERE id = 2")).isEqualTo("1969-12-31 23:59:59.999999");
        assertThat(one(maria, "SELECT COUNT(*) FROM " + mid + " WHERE v = '' AND t = ''")).isEqualTo("1");
        assertThat(one(maria, "SELECT COUNT(*) FROM " + mid + " WHERE v IS NULL AND t IS NULL")).isEqualTo("1");

        Cli.Result home = Cli.run("copy", "--from-url", maria.jdbcUrl(), "--to-url", pg.jdbcUrl(), "--table", mid,
                "--target-table", back, "--create-table", "--batch-size", "1000");
        assertThat(home.code()).as("%s", home).isZero();
        assertThat(home.err()).contains("copied 2005 rows from mariadb to postgresql").contains("with strategy hybrid and COPY");

        // The same types (jsonb comes back as json: MariaDB has one JSON type, which keeps the text)...
        assertThat(types(pg, back)).isEqualTo(types(pg, orig).replace("jb jsonb", "jb json"));
        // ...and the same values, compared as PostgreSQL's text of each row (which shows every digit and scale).
        String select = "SELECT id, i2, i4, i8, d, d2, r, f, b, c, v, t, dt, tm, ts, tz, bin, u, j::text, jb::jsonb FROM ";
        List<String> want = rows(pg, select + orig);
        List<String> got = rows(pg, select + back);
        assertThat(got).hasSize(2005);
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i)).isEqualTo(want.get(i));
        }
        assertThat(one(pg, "SELECT count(*) FROM (" + select + orig + " EXCEPT " + select + back + ") x")).isEqualTo("0");
        maria.dropTable(mid);
        pg.dropTable(orig);
        pg.dropTable(back);
    }

    @Test
    void nanStopsACopyToMariaDbButComesBackThroughH2() throws Exception {
        DbTarget pg = DbTarget.POSTGRES;
        String orig = pg.table("nans");
        pg.execute("CREATE TABLE " + orig + " (id int PRIMARY KEY, f double precision, r real)",
                "INSERT INTO " + orig + " SELECT g, g, g FROM generate_series(1, 10) g",
                "INSERT INTO " + orig + " VALUES (11, 'NaN', 'NaN'), (12, 'Infinity', '-Infinity'), (13, '-Infinity', 1)");
        String mid = DbTarget.MARIADB.table("nans");
        Cli.Result refused = Cli.run("copy", "--from-url", pg.jdbcUrl(), "--to-url", DbTarget.MARIADB.jdbcUrl(),
                "--table", orig, "--target-table", mid, "--create-table", "--batch-size", "5");
        assertThat(refused.code()).as("%s", refused).isEqualTo(1);
        assertThat(refused.err()).contains("column f of the row at id=11 cannot be written to mariadb: NaN cannot be"
                + " stored in mariadb");
        assertThat(one(DbTarget.MARIADB, "SELECT COUNT(*) FROM " + mid)).as("the batches before it").isEqualTo("10");

        String h2 = DbTarget.H2.table("nans");
        String back = pg.table("nans");
        assertThat(Cli.run("copy", "--from-url", pg.jdbcUrl(), "--to-url", DbTarget.H2.jdbcUrl(), "--table", orig,
                "--target-table", h2, "--create-table").code()).isZero();
        assertThat(Cli.run("copy", "--from-url", DbTarget.H2.jdbcUrl(), "--to-url", pg.jdbcUrl(), "--table", h2,
                "--target-table", back, "--create-table").code()).isZero();
        assertThat(rows(pg, "SELECT * FROM " + back)).isEqualTo(rows(pg, "SELECT * FROM " + orig))
                .contains("(11,NaN,NaN)", "(12,Infinity,-Infinity)");
        DbTarget.MARIADB.dropTable(mid);
        DbTarget.MARIADB.execute("DELETE FROM rowstream_checkpoint WHERE job LIKE '%" + mid + "'");
        DbTarget.H2.dropTable(h2);
        pg.dropTable(orig);
        pg.dropTable(back);
    }

    private static String one(DbTarget db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** PostgreSQL's text of each row, in key order. */
    private static List<String> rows(DbTarget pg, String select) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT whole::text FROM (" + select + ") whole ORDER BY whole.id")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static String types(DbTarget pg, String table) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                     + " || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END FROM pg_attribute a WHERE a.attrelid = '"
                     + table + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            while (rs.next()) {
                types.add(rs.getString(1));
            }
        }
        return String.join(", ", types);
    }
}
