package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.NonUniqueKeyException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.ReadPlan;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.StreamListener;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HYBRID returns exactly CURSOR's rows whatever the segment size, on every database; segments end by
 * rows and by time; a key that is not unique stops the read at a segment boundary instead of losing rows.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class HybridContractTest {
    private final DbTarget target;

    HybridContractTest(DbTarget target) {
        this.target = target;
    }

    /** Counts what the stream reports. */
    private static final class Counts implements StreamListener {
        final List<Long> segments = new ArrayList<>();
        int retries;

        @Override
        public void onSegment(long rows) {
            segments.add(rows);
        }

        @Override
        public void onRetry(int attempt, Throwable cause) {
            retries++;
        }
    }

    private List<Row> read(UnaryOperator<ReadBuilder> spec, StreamListener listener) {
        try (RowStream<Row> rows = spec.apply(RowStreams.from(target.dataSource())).listener(listener).open()) {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            assertThat(rows.rowCount()).isEqualTo(all.size());
            return all;
        }
    }

    private List<Row> cursor(String table, String key) {
        return read(b -> b.table(table).key(key).strategy(Strategy.CURSOR).batchSize(1000), StreamListener.NONE);
    }

    private static List<Long> ids(List<Row> rows, String column) {
        return rows.stream().map(r -> ((Number) r.get(column)).longValue()).collect(Collectors.toList());
    }

    @Test
    void segmentEdgesGiveTheCursorsRows() {
        int n = 23;
        String t = Tables.orders(target, "hedges", n, 0);
        List<Row> reference = cursor(t, "id");
        assertThat(reference).hasSize(n);
        for (long segment : new long[] {1, 2, n - 1, n, n + 1, 1000}) {
            for (int batch : new int[] {1, 5, 1000}) {
                Counts counts = new Counts();
                List<Row> got = read(b -> b.table(t).key("id").strategy(Strategy.HYBRID).batchSize(batch)
                        .segmentRows(segment), counts);
                assertThat(got).as("segment %d, batch %d", segment, batch).isEqualTo(reference);
                // Full segments, then the one where the data ends: each segment's look-ahead row tells whether
                // more follow, so no empty segment is read when n is a multiple of the size.
                assertThat(counts.segments).as("segment %d, batch %d", segment, batch)
                        .hasSize((int) ((n + segment - 1) / segment));
                assertThat(counts.segments.stream().mapToLong(Long::longValue).sum()).isEqualTo(n);
            }
        }
    }

    @Test
    void compositeAndDescendingKeys() {
        String t = Tables.orders(target, "hcomposite", 50, 0);
        for (String key : new String[] {"grp, id", "grp DESC, id DESC", "grp, id DESC"}) {
            List<Row> reference = cursor(t, key);
            assertThat(reference).hasSize(50);
            for (long segment : new long[] {1, 7, 49, 50, 51}) {
                List<Row> got = read(b -> b.table(t).key(key).strategy(Strategy.HYBRID).batchSize(6)
                        .segmentRows(segment), StreamListener.NONE);
                assertThat(got).as("%s, segment %d", key, segment).isEqualTo(reference);
            }
        }
    }

    @Test
    void aQueryKeyIsCheckedWithALookAheadRowAndStillGivesEveryRow() {
        String t = Tables.orders(target, "hquery", 23, 0);
        String query = "SELECT id AS order_id, name, grp FROM " + t + " WHERE id > ?";
        List<Row> reference = read(b -> b.query(query, 3).key("grp DESC, order_id").strategy(Strategy.CURSOR),
                StreamListener.NONE);
        assertThat(reference).hasSize(20);
        for (long segment : new long[] {1, 2, 19, 20, 21}) {
            List<Row> got = read(b -> b.query(query, 3).key("grp DESC, order_id").strategy(Strategy.HYBRID)
                    .batchSize(3).segmentRows(segment), StreamListener.NONE);
            assertThat(got).as("segment %d", segment).isEqualTo(reference);
        }
    }

    @Test
    void aTiedQueryKeyStopsAtASegmentBoundary() {
        String t = Tables.orders(target, "htied", 50, 0);
        String query = "SELECT id, grp FROM " + t;
        assertThatThrownBy(() -> read(b -> b.query(query).key("grp").strategy(Strategy.HYBRID).segmentRows(3),
                StreamListener.NONE))
                .isInstanceOf(NonUniqueKeyException.class)
                .hasMessageContaining("segment boundary");
        // One segment holds every row: no boundary, nothing to check.
        assertThat(read(b -> b.query(query).key("grp").strategy(Strategy.HYBRID).segmentRows(1000),
                StreamListener.NONE)).hasSize(50);
    }

    @Test
    void aTieOnlyTheDatabaseSeesIsCaughtByTheNextSegment() {
        String t = target.table("hcase");
        target.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                "INSERT INTO " + t + " (id, name) VALUES (1, 'a'), (2, 'A'), (3, 'b')");
        UnaryOperator<ReadBuilder> spec = b -> b.query("SELECT name FROM " + t).key("name")
                .strategy(Strategy.HYBRID).segmentRows(1);
        if (target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ) {
            // utf8mb4_general_ci: 'a' = 'A', so the seek name > 'a' would skip 'A'.
            assertThatThrownBy(() -> read(spec, StreamListener.NONE))
                    .isInstanceOf(NonUniqueKeyException.class)
                    .hasMessageContaining("2 rows share the key");
        } else {
            assertThat(read(spec, StreamListener.NONE)).hasSize(3);
        }
    }

    @Test
    void segmentSecondsEndsSegmentsOfASlowConsumer() throws InterruptedException {
        String t = Tables.orders(target, "hslow", 24, 0);
        for (boolean query : new boolean[] {false, true}) {
            Counts counts = new Counts();
            List<Long> got = new ArrayList<>();
            ReadBuilder b = RowStreams.from(target.dataSource()).strategy(Strategy.HYBRID).batchSize(2)
                    .segmentSeconds(1).listener(counts);
            b = query ? b.query("SELECT id FROM " + t).key("id") : b.table(t);
            try (RowStream<Row> rows = b.open()) {
                for (Row r : rows) {
                    got.add(((Number) r.get("id")).longValue());
                    Thread.sleep(60);
                }
            }
            assertThat(got).as("query %s", query).hasSize(24).isSorted().doesNotHaveDuplicates();
            // 24 rows at 60 ms: about 1.5 s, so at least one segment ended by time, before the data did.
            assertThat(counts.segments).as("query %s", query).hasSizeGreaterThanOrEqualTo(2);
            assertThat(counts.segments.get(0)).isLessThan(24L);
            assertThat(counts.retries).isZero();
        }
    }

    @Test
    void closingMidSegmentOrAConsumerExceptionReleasesEverything() {
        String t = Tables.orders(target, "hhalf", 500, 0);
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(t).strategy(Strategy.HYBRID)
                .batchSize(50).segmentRows(200).open()) {
            Iterator<Row> it = rows.iterator();
            for (int i = 0; i < 275; i++) {
                it.next();
            }
        }
        assertThat(target.openConnections()).isZero();
        RowStream<Row> rows = RowStreams.from(target.dataSource()).table(t).strategy(Strategy.HYBRID)
                .segmentRows(100).open();
        assertThatThrownBy(() -> rows.forEach(r -> {
            if (((Number) r.get("id")).intValue() == 142) {
                throw new IllegalStateException("consumer failed");
            }
        })).hasMessage("consumer failed");
        assertThat(target.openConnections()).isZero();
        assertThat(target.openStatements()).isZero();
    }

    @Test
    void autoPicksHybridWhenAKeyIsKnownAndCursorOtherwise() {
        String withKey = Tables.orders(target, "hauto", 5, 0);
        String noKey = target.table("hnokey");
        target.execute("CREATE TABLE " + noKey + " (a INT, b INT)", "INSERT INTO " + noKey + " (a, b) VALUES (1, 2)");
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(withKey).open()) {
            assertThat(rows.strategy()).isEqualTo(Strategy.HYBRID);
            assertThat(ids(rows.stream().collect(Collectors.toList()), "id")).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(noKey).open()) {
            assertThat(rows.strategy()).isEqualTo(Strategy.CURSOR);
            assertThat(rows.stream().count()).isEqualTo(1);
        }
        assertThatThrownBy(() -> RowStreams.from(target.dataSource()).table(noKey).strategy(Strategy.HYBRID).open())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("strategy hybrid needs a key");
        assertThatThrownBy(() -> RowStreams.from(target.dataSource()).query("SELECT a FROM " + noKey)
                .strategy(Strategy.HYBRID).open())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("strategy hybrid needs a key");
    }

    @Test
    void thePlanShowsTheSegmentsSql() {
        String t = Tables.orders(target, "hplan", 5, 0);
        ReadPlan plan = RowStreams.from(target.dataSource()).table(t).strategy(Strategy.HYBRID).segmentRows(500).plan();
        assertThat(plan.strategy()).isEqualTo(Strategy.HYBRID);
        // Every segment reads one look-ahead row more, which the next must start with.
        assertThat(plan.firstSql()).contains("ORDER BY").contains("501");
        assertThat(plan.nextSql()).contains("?").contains("501");
        ReadPlan query = RowStreams.from(target.dataSource()).query("SELECT id FROM " + t).key("id")
                .strategy(Strategy.HYBRID).segmentRows(500).plan();
        assertThat(query.firstSql()).contains("501");
    }

    @Test
    void badSegmentOptionsAreRejected() {
        String t = Tables.orders(target, "hbad", 1, 0);
        assertThatThrownBy(() -> RowStreams.from(target.dataSource()).table(t).segmentRows(0).open())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("segment rows 0");
        assertThatThrownBy(() -> RowStreams.from(target.dataSource()).table(t).segmentSeconds(0).open())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("segment seconds 0");
        assertThatThrownBy(() -> RowStreams.from(target.dataSource()).table(t).retries(-1).open())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("retries -1");
    }
}
