package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code export --fast-path auto} (PostgreSQL's COPY, decoded) writes the same bytes as {@code --fast-path off},
 * in CSV and JSON Lines, with keyset batches and hybrid segments; the summary line and {@code explain} say
 * which was used; a column type the fast path cannot decode turns it off. The kill-and-resume case is in
 * {@link ExportKillTest} (its fast-path run is checked against an ordinary file). Only PostgreSQL has one.
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES"})
@ExtendWith(LeakCheck.class)
class FastPathExportTest {
    private final DbTarget target;
    private String table;

    @TempDir
    Path dir;

    FastPathExportTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void fill() {
        table = target.table("fastexp");
        target.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, sm SMALLINT, b BIGINT, n NUMERIC(20,5),"
                        + " nn NUMERIC, r REAL, f DOUBLE PRECISION, bo BOOLEAN, t TEXT, c CHAR(4), d DATE, tm TIME,"
                        + " ts TIMESTAMP, tz TIMESTAMPTZ, by BYTEA, u UUID)",
                "INSERT INTO " + table + " (id) VALUES (1)",
                "INSERT INTO " + table + " VALUES (2, -1, -9223372036854775808, 0.00000, 'NaN', '-0', '-0', false,"
                        + " '', '', '-infinity', '24:00:00', 'infinity', '-infinity', ''::bytea,"
                        + " '00000000-0000-0000-0000-000000000001')",
                "INSERT INTO " + table + " VALUES (3, 7, 1, -12.5, 'Infinity', 'NaN', 'NaN', true,"
                        + " E'a,\"b\"\\n\\r\\'c é😀', 'x', '0044-03-15 BC', '10:15:30.5', '2024-01-31 10:15:30.000001',"
                        + " '2024-02-29 23:30:00+05:45', '\\x00ff000a'::bytea, NULL)",
                "INSERT INTO " + table + " (id, t, nn, f, r) VALUES (4, repeat('é,\"', 350000), '-Infinity', 1.5e20,"
                        + " 1.2345678)",
                "INSERT INTO " + table + " SELECT g, g % 300, g * 100000000000, g / 7.0, g * 1.25, g / 3.0, g / 7.0,"
                        + " g % 2 = 0, 'row ' || g || E'\\n', 'c' || (g % 10), DATE '2024-01-01' + g,"
                        + " TIME '10:00' + g * INTERVAL '1.5 second', TIMESTAMP '1969-12-31 23:00' + g * INTERVAL '1.000001 second',"
                        + " TIMESTAMPTZ '2024-01-01 00:00+02' + g * INTERVAL '1 minute', int4send(g), md5(g::text)::uuid"
                        + " FROM generate_series(5, 3000) g");
    }

    @AfterEach
    void drop() {
        target.dropTable(table);
    }

    private Cli.Result export(Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("export", "--url", target.jdbcUrl(), "--table", table,
                "--output", file.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void csvAndJsonLinesAreTheSameBytesWithAndWithoutTheFastPath() throws Exception {
        String[][] reads = {{"--strategy", "keyset", "--batch-size", "7"}, {"--strategy", "keyset"},
            {"--strategy", "hybrid", "--segment-rows", "333"}, {}};
        for (String format : new String[] {"csv", "jsonl"}) {
            for (String[] read : reads) {
                Path fast = dir.resolve("fast." + format);
                Path ordinary = dir.resolve("ordinary." + format);
                List<String> on = new ArrayList<>(List.of(read));
                on.addAll(List.of("--format", format, "--fast-path", "auto"));
                List<String> off = new ArrayList<>(List.of(read));
                off.addAll(List.of("--format", format, "--fast-path", "off"));
                Cli.Result r = export(fast, on.toArray(String[]::new));
                assertThat(r.code()).as("%s", r).isZero();
                assertThat(r.err()).contains("(fast path: COPY binary)");
                Cli.Result o = export(ordinary, off.toArray(String[]::new));
                assertThat(o.code()).as("%s", o).isZero();
                assertThat(o.err()).doesNotContain("fast path");
                assertThat(Files.size(fast)).isGreaterThan(1_000_000);
                assertThat(Files.readAllBytes(fast)).as("%s %s", format, on).isEqualTo(Files.readAllBytes(ordinary));
                Files.delete(fast);
                Files.delete(ordinary);
            }
        }
    }

    @Test
    void aColumnItCannotDecodeTurnsItOffAndExplainSaysSo() {
        target.execute("ALTER TABLE " + table + " ADD COLUMN iv INTERVAL");
        Cli.Result r = export(dir.resolve("x.csv"), "--strategy", "keyset");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).doesNotContain("fast path");
        Cli.Result explained = Cli.run("explain", "--url", target.jdbcUrl(), "--table", table, "--strategy", "keyset");
        assertThat(explained.code()).as("%s", explained).isZero();
        assertThat(explained.out()).contains("fast path: off: column iv has type interval");
        Cli.Result columns = Cli.run("explain", "--url", target.jdbcUrl(), "--table", table, "--columns", "id,t");
        assertThat(columns.out()).contains("fast path: on: each ");
        Cli.Result off = Cli.run("explain", "--url", target.jdbcUrl(), "--table", table, "--columns", "id,t",
                "--fast-path", "off");
        assertThat(off.out()).contains("fast path: off: turned off by --fast-path off");
        Cli.Result bad = Cli.run("export", "--url", target.jdbcUrl(), "--table", table, "--fast-path", "on");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--fast-path on is not a choice: use auto or off");
    }
}
