package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The PostgreSQL fast path (COPY ... TO STDOUT (FORMAT binary), decoded) gives exactly the Rows of the ordinary
 * path, for every type it decodes and their edge values, with KEYSET and HYBRID at batch and segment sizes that
 * put every row at a boundary; a type it does not decode turns it off for the read; a resumed read stays exact.
 * Only PostgreSQL has a fast path (the other targets are the ordinary path, which every other test covers).
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES"})
@ExtendWith(LeakCheck.class)
class FastPathContractTest {
    private static final int[] SIZES = {1, 2, 3, 7, 1000};

    private final DbTarget target;

    FastPathContractTest(DbTarget target) {
        this.target = target;
    }

    private String everyType() {
        String t = target.table("fast");
        target.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, sm SMALLINT, i INTEGER, b BIGINT, n NUMERIC(20,5),"
                        + " nn NUMERIC, r REAL, f DOUBLE PRECISION, bo BOOLEAN, t TEXT, v VARCHAR(20), c CHAR(5), nm NAME,"
                        + " d DATE, tm TIME, ts TIMESTAMP, tz TIMESTAMPTZ, by BYTEA, u UUID)",
                "INSERT INTO " + t + " (id) VALUES (1)",
                "INSERT INTO " + t + " VALUES (2, 0, 0, 0, 0, 0.00, 0, 0, false, '', '', '', '', '2000-01-01', '00:00:00',"
                        + " '2000-01-01 00:00:00', '2000-01-01 00:00:00+00', ''::bytea, '00000000-0000-0000-0000-000000000000')",
                "INSERT INTO " + t + " VALUES (3, -32768, -2147483648, -9223372036854775808, -99999999999999.99999,"
                        + " -0.000000001, '-0', '-0', true, E'a,\"b\"\\n\\r''c\\\\', 'é😀,\"x\"', 'ab', 'x y',"
                        + " '0044-03-15 BC', '23:59:59.999999', '0044-03-15 12:30:00.5 BC', '1895-03-01 00:00:00+01:53:28',"
                        + " '\\x000001ff00'::bytea, 'ffffffff-ffff-ffff-ffff-ffffffffffff')",
                "INSERT INTO " + t + " (id, sm, i, b, n, nn, r, f, t, d, tm, ts, tz) VALUES (4, 32767, 2147483647,"
                        + " 9223372036854775807, 99999999999999.99999, 'NaN', 'NaN', 'NaN', repeat('x', 1048576) || 'é',"
                        + " 'infinity', '24:00:00', 'infinity', 'infinity')",
                "INSERT INTO " + t + " (id, nn, r, f, d, ts, tz, tm) VALUES (5, 'Infinity', 'Infinity', '-Infinity',"
                        + " '-infinity', '-infinity', '-infinity', '10:15:30.5')",
                "INSERT INTO " + t + " (id, nn, r, f, tz, ts) VALUES (6, '-Infinity', 1.2345678, 1.5e20,"
                        + " '2024-02-29 23:30:00.000001+05:45', '1969-12-31 23:59:59.999999')",
                "INSERT INTO " + t + " (id, nn, n, tz) VALUES (7, 123456789012345678901234567890.123456789000, 0.10,"
                        + " '2024-01-01 12:00:00-09:30')",
                "INSERT INTO " + t + " (id, nn, n, f) VALUES (8, 1e40, 10000, 4.9e-324)",
                // The rest: ordinary values, so that the batches run on past the edge rows.
                "INSERT INTO " + t + " SELECT g, g % 100, g * 1000, g * 100000000000, g / 7.0, g * 1.25, g / 3.0, g / 7.0,"
                        + " g % 2 = 0, 'row ' || g, 'v' || g, 'c' || (g % 10), 'n' || g, DATE '2024-01-01' + g,"
                        + " TIME '10:00' + g * INTERVAL '1 second', TIMESTAMP '2024-01-01' + g * INTERVAL '1 hour',"
                        + " TIMESTAMPTZ '2024-01-01 00:00+02' + g * INTERVAL '1 minute', int4send(g), gen_random_uuid()"
                        + " FROM generate_series(9, 40) g");
        return t;
    }

    private static RowStream<Row> open(DbTarget target, String t, Strategy strategy, int size, boolean fast) {
        return RowStreams.from(target.dataSource()).table(t).key("id").strategy(strategy).batchSize(size)
                .segmentRows(size).fastPath(fast).open();
    }

    private static List<Row> read(RowStream<Row> stream) {
        List<Row> rows = new ArrayList<>();
        try (stream) {
            stream.forEach(rows::add);
        }
        return rows;
    }

    @Test
    void everyTypeReadsTheSameRowsAsTheOrdinaryPath() {
        String t = everyType();
        RowStream<Row> ordinary = open(target, t, Strategy.KEYSET, 1000, false);
        assertThat(ordinary.fastPath()).isFalse();
        List<Row> expected = read(ordinary);
        assertThat(expected).hasSize(40);
        // The edge values are what README's value table says, so that equal Rows mean the right Rows.
        assertThat(expected.get(2).get("f")).isEqualTo(-0.0d);
        assertThat(expected.get(2).get("nn")).isEqualTo(new BigDecimal("-0.000000001"));
        assertThat(expected.get(2).get("c")).isEqualTo("ab   ");
        assertThat(expected.get(2).get("d")).isEqualTo(LocalDate.of(-43, 3, 15));
        assertThat(expected.get(2).get("tz")).isEqualTo(OffsetDateTime.of(1895, 2, 28, 22, 6, 32, 0, ZoneOffset.UTC));
        assertThat(expected.get(2).get("by")).isEqualTo(new byte[] {0, 0, 1, (byte) 0xff, 0});
        assertThat(expected.get(3).get("tm")).isEqualTo("24:00:00");
        assertThat(expected.get(3).get("d")).isEqualTo("infinity");
        assertThat(expected.get(3).get("nn")).isEqualTo(Double.NaN);
        assertThat(expected.get(3).get("r")).isEqualTo(Float.NaN);
        assertThat((String) expected.get(3).get("t")).hasSize(1_048_577);
        assertThat(expected.get(4).get("ts")).isEqualTo("-infinity");
        assertThat(expected.get(4).get("tm")).isEqualTo(LocalTime.of(10, 15, 30, 500_000_000));
        assertThat(expected.get(6).get("n")).isEqualTo(new BigDecimal("0.10000"));
        assertThat(expected.get(6).get("tz")).isEqualTo(OffsetDateTime.of(2024, 1, 1, 21, 30, 0, 0, ZoneOffset.UTC));
        assertThat(expected.get(5).get("ts")).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(expected.get(39).get("u")).isInstanceOf(UUID.class);
        for (Strategy strategy : new Strategy[] {Strategy.KEYSET, Strategy.HYBRID}) {
            for (int size : SIZES) {
                RowStream<Row> fast = open(target, t, strategy, size, true);
                assertThat(fast.fastPath()).as("%s %d", strategy, size).isTrue();
                assertThat(read(fast)).as("%s, batch and segment size %d", strategy, size).isEqualTo(expected);
                RowStream<Row> off = open(target, t, strategy, size, false);
                assertThat(off.fastPath()).isFalse();
                assertThat(read(off)).as("%s %d, fast path off", strategy, size).isEqualTo(expected);
            }
        }
        target.dropTable(t);
    }

    @Test
    void aTypeItDoesNotDecodeTurnsItOffForTheRead() {
        String t = target.table("fastoff");
        target.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, iv INTERVAL, tt TIMETZ)",
                "INSERT INTO " + t + " VALUES (1, '1 year 2 mons -3 days', '10:00:00+02:30'), (2, NULL, NULL),"
                        + " (3, '04:05:06.5', '24:00:00+01')");
        for (Strategy strategy : new Strategy[] {Strategy.KEYSET, Strategy.HYBRID}) {
            RowStream<Row> fast = open(target, t, strategy, 2, true);
            assertThat(fast.fastPath()).isFalse();
            assertThat(read(fast)).isEqualTo(read(open(target, t, strategy, 2, false)));
        }
        // Without the interval, the timetz alone (read through its exact-read expression) turns it off too.
        RowStream<Row> timetz = RowStreams.from(target.dataSource()).table(t).columns("id", "tt").key("id")
                .strategy(Strategy.KEYSET).open();
        assertThat(timetz.fastPath()).isFalse();
        read(timetz);
        target.dropTable(t);
    }

    @Test
    void keysOfOtherTypesAndBoundParametersSeekAsTheOrdinaryPath() {
        String t = everyType();
        // A text key (bound untyped), a timestamptz key (read as its text), a bytea key, a composite key with a
        // NULLable first column (the NULL tail), and a where condition with a bound string and number.
        String[] keys = {"t, id", "tz, id", "by, id", "nn, id", "u, id"};
        for (String key : keys) {
            for (Strategy strategy : new Strategy[] {Strategy.KEYSET, Strategy.HYBRID}) {
                for (int size : new int[] {1, 3}) {
                    List<Row> rows = new ArrayList<>();
                    List<Row> ordinary = new ArrayList<>();
                    for (boolean fast : new boolean[] {true, false}) {
                        try (RowStream<Row> s = RowStreams.from(target.dataSource()).table(t)
                                .where("id <> ? AND v IS DISTINCT FROM ?", 4, "v10").key(key).strategy(strategy)
                                .batchSize(size).segmentRows(size).fastPath(fast).open()) {
                            assertThat(s.fastPath()).as(key).isEqualTo(fast);
                            s.forEach((fast ? rows : ordinary)::add);
                        }
                    }
                    assertThat(rows).as("key %s, %s %d", key, strategy, size).hasSize(38).isEqualTo(ordinary);
                }
            }
        }
        target.dropTable(t);
    }

    @Test
    void aReadResumedFromACheckpointGoesOnExactly() {
        String t = everyType();
        List<Row> expected = read(open(target, t, Strategy.KEYSET, 1000, false));
        for (Strategy strategy : new Strategy[] {Strategy.KEYSET, Strategy.HYBRID}) {
            List<Row> rows = new ArrayList<>();
            Checkpoint at;
            try (RowStream<Row> first = open(target, t, strategy, 3, true)) {
                java.util.Iterator<Row> it = first.iterator();
                for (int i = 0; i < 17; i++) {
                    rows.add(it.next());
                }
                at = first.checkpoint();
            }
            try (RowStream<Row> rest = RowStreams.from(target.dataSource()).table(t).key("id").strategy(strategy)
                    .batchSize(3).segmentRows(3).resumeFrom(at).open()) {
                assertThat(rest.fastPath()).isTrue();
                rest.forEach(rows::add);
            }
            assertThat(rows).as(strategy.name()).isEqualTo(expected);
        }
        target.dropTable(t);
    }
}
