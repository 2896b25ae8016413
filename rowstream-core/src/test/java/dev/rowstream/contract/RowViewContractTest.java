package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rowstream.NonUniqueKeyException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.RowValues;
import dev.rowstream.RowView;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.ValueAccessException;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code openMapped}: a mapper that reads the result in place gets, with every strategy and batch size, the same
 * rows in the same order as one that maps {@link Row}s, with the same exact values; the key of each row is still
 * read, so look-ahead checks, checkpoints and retries work as they do for {@code open()}.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class RowViewContractTest {
    private static final Strategy[] ALL = {Strategy.CURSOR, Strategy.KEYSET, Strategy.OFFSET, Strategy.HYBRID,
        Strategy.AUTO};
    private static final int[] BATCHES = {1, 2, 3, 7};

    private final DbTarget target;

    RowViewContractTest(DbTarget target) {
        this.target = target;
    }

    /**
     * A user's record, made by the same code from a Row and from a view. The amount stays an Object: SQLite
     * keeps {@code g * 1.25} as a REAL, a Double, in its DECIMAL column.
     */
    record Order(long id, int grp, String name, Object amount) {
        static Order of(RowValues v) {
            return new Order(v.getLong("id"), v.getInt("grp"), v.getString("name"), v.get("amount"));
        }
    }

    private List<Order> mapped(UnaryOperator<ReadBuilder> spec) {
        try (RowStream<Order> rows = spec.apply(RowStreams.from(target.dataSource())).openMapped(Order::of)) {
            List<Order> all = new ArrayList<>();
            rows.forEach(all::add);
            assertThat(rows.rowCount()).isEqualTo(all.size());
            return all;
        }
    }

    private List<Order> viaRows(UnaryOperator<ReadBuilder> spec) {
        try (RowStream<Order> rows = spec.apply(RowStreams.from(target.dataSource())).open(Order::of)) {
            List<Order> all = new ArrayList<>();
            rows.forEach(all::add);
            return all;
        }
    }

    @Test
    void everyStrategyAndBatchSizeGivesTheRowsOfOpen() {
        String t = Tables.orders(target, "vall", 23, 0);
        for (String key : new String[] {"id", "grp DESC, id"}) {
            List<Order> reference = viaRows(b -> b.table(t).key(key).strategy(Strategy.CURSOR));
            assertThat(reference).hasSize(23);
            for (Strategy s : ALL) {
                for (int batch : BATCHES) {
                    // HYBRID segments as short as the batches: a look-ahead row and a seek at every boundary.
                    assertThat(mapped(b -> b.table(t).key(key).strategy(s).batchSize(batch).segmentRows(batch)))
                            .as("%s, %s, batch %d", key, s, batch).isEqualTo(reference);
                }
            }
        }
        target.dropTable(t);
    }

    @Test
    void aQueryWithoutKeyAndAQueryWithAKeyOnlyForTheSeek() {
        String t = Tables.orders(target, "vquery", 20, 0);
        // No key: a plain cursor, nothing read but what the mapper asks for.
        String query = "SELECT id, grp, name, amount FROM " + t + " WHERE id > ? ORDER BY id";
        assertThat(mapped(b -> b.query(query, 5))).isEqualTo(viaRows(b -> b.query(query, 5)))
                .extracting(Order::id).first().isEqualTo(6L);
        // A key on a column the output leaves out: read after the output columns, for the seek only.
        List<Order> reference = viaRows(b -> b.table(t).columns("id", "grp", "name", "amount").key("amount DESC, id")
                .strategy(Strategy.CURSOR));
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.HYBRID}) {
            for (int batch : BATCHES) {
                assertThat(mapped(b -> b.query("SELECT id, grp, name, amount FROM " + t).key("amount DESC, id")
                        .strategy(s).batchSize(batch).segmentRows(batch))).as("%s batch %d", s, batch)
                        .isEqualTo(reference);
            }
        }
        target.dropTable(t);
    }

    @Test
    void aTiedQueryKeyIsStillCaughtByTheLookAheadRow() {
        String t = Tables.orders(target, "vtied", 50, 0);
        String query = "SELECT id, grp, name, amount FROM " + t;
        assertThatThrownBy(() -> mapped(b -> b.query(query).key("grp").strategy(Strategy.HYBRID).segmentRows(3)))
                .isInstanceOf(NonUniqueKeyException.class).hasMessageContaining("segment boundary");
        assertThatThrownBy(() -> mapped(b -> b.query(query).key("grp").strategy(Strategy.KEYSET).batchSize(3)))
                .isInstanceOf(NonUniqueKeyException.class);
        target.dropTable(t);
    }

    @Test
    void aCheckpointOfAMappedStreamResumesAfterItsLastRow() {
        String t = Tables.orders(target, "vresume", 23, 0);
        List<Order> reference = viaRows(b -> b.table(t).key("grp, id").strategy(Strategy.CURSOR));
        for (Strategy s : new Strategy[] {Strategy.CURSOR, Strategy.KEYSET, Strategy.HYBRID}) {
            for (int batch : BATCHES) {
                List<Order> got = new ArrayList<>();
                Checkpoint at;
                try (RowStream<Order> rows = RowStreams.from(target.dataSource()).table(t).key("grp, id").strategy(s)
                        .batchSize(batch).segmentRows(batch).openMapped(Order::of)) {
                    var it = rows.iterator();
                    for (int i = 0; i < 10; i++) {
                        got.add(it.next());
                    }
                    at = rows.checkpoint();
                }
                got.addAll(mapped(b -> b.table(t).key("grp, id").strategy(s).batchSize(batch).segmentRows(batch)
                        .resumeFrom(at)));
                assertThat(got).as("%s batch %d", s, batch).isEqualTo(reference);
            }
        }
        target.dropTable(t);
    }

    /** Every value of every type, special values included, is the one a Row holds: the mapper sees the exact read. */
    @Test
    void everyValueIsTheOneARowHolds() throws SQLException {
        ValueFidelityContractTest fidelity = new ValueFidelityContractTest(target);
        var cases = fidelity.cases();
        String t = target.table("vvalues");
        fidelity.fill(t, cases);
        for (Strategy s : new Strategy[] {Strategy.CURSOR, Strategy.KEYSET, Strategy.OFFSET, Strategy.HYBRID}) {
            List<List<Object>> rows = new ArrayList<>();
            try (RowStream<Row> stream = RowStreams.from(target.dataSource()).table(t).key("id").strategy(s).batchSize(2)
                    .open()) {
                stream.forEach(r -> rows.add(r.values()));
            }
            try (RowStream<List<Object>> stream = RowStreams.from(target.dataSource()).table(t).key("id").strategy(s)
                    .batchSize(2).openMapped(RowViewContractTest::all)) {
                List<List<Object>> views = new ArrayList<>();
                stream.forEach(views::add);
                assertThat(views).hasSameSizeAs(rows);
                for (int i = 0; i < rows.size(); i++) {
                    assertThat(Arrays.deepEquals(views.get(i).toArray(), rows.get(i).toArray()))
                            .as("%s row %d: %s vs %s", s, i + 1, views.get(i), rows.get(i)).isTrue();
                }
            }
        }
        target.dropTable(t);
    }

    private static List<Object> all(RowView v) {
        List<Object> values = new ArrayList<>();
        for (int c = 1; c <= v.columns().size(); c++) {
            values.add(v.getObject(c));
        }
        return values;
    }

    @Test
    void misuseFailsNamingWhatWentWrongAndClosesTheStream() {
        String t = Tables.orders(target, "vmisuse", 10, 0);
        // Row 5 has a NULL name; grp is an integer: each mistake names the column and the types.
        assertThatThrownBy(() -> mapped(b -> b.table(t).key("id").strategy(Strategy.KEYSET).batchSize(2)
                .columns("id", "grp", "name"), v -> v.getLocalDate("grp")))
                .isInstanceOf(ValueAccessException.class)
                .extracting(e -> e.getMessage().toLowerCase(java.util.Locale.ROOT)).asString()
                .contains("'grp' (column 2) holds a value of type integer, not localdate");
        assertThatThrownBy(() -> mapped(b -> b.table(t).key("id").strategy(Strategy.HYBRID), v -> v.getBoolean("name")))
                .isInstanceOf(ValueAccessException.class).hasMessageContaining("(column 3) holds a value of type String");
        assertThatThrownBy(() -> mapped(b -> b.query("SELECT id, name FROM " + t + " WHERE id = 5"),
                v -> v.getLong("name")))
                .isInstanceOf(ValueAccessException.class).hasMessageContaining("(column 2) is NULL");
        assertThatThrownBy(() -> mapped(b -> b.table(t).strategy(Strategy.CURSOR), v -> v.get("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .extracting(e -> e.getMessage().toLowerCase(java.util.Locale.ROOT)).asString()
                .contains("no column 'nope' in [").contains("grp");
        // A column after the output ones exists in the result (a key read for the seek only), not for the mapper.
        assertThatThrownBy(() -> mapped(b -> b.table(t).columns("name").key("id").strategy(Strategy.CURSOR),
                v -> v.getObject(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numbered from 1 to 1");
        RowView[] kept = new RowView[1];
        List<Object> first = mapped(b -> b.table(t).key("id").strategy(Strategy.KEYSET).batchSize(3), v -> {
            kept[0] = v;
            return v.get("id");
        });
        assertThat(first).hasSize(10);
        assertThatThrownBy(() -> kept[0].get("id")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only inside RowViewMapper.map");
        assertThatThrownBy(() -> mapped(b -> b.table(t), v -> null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("RowViewMapper returned null");
        target.dropTable(t);
    }

    private <T> List<T> mapped(UnaryOperator<ReadBuilder> spec, dev.rowstream.RowViewMapper<T> mapper) {
        try (RowStream<T> rows = spec.apply(RowStreams.from(target.dataSource())).openMapped(mapper)) {
            List<T> all = new ArrayList<>();
            rows.forEach(all::add);
            return all;
        }
    }

    @Test
    void hybridResumesAfterKilledSessions() throws SQLException {
        assumeThat(target.isServer()).as("sessions are killed on a server").isTrue();
        String t = Tables.orders(target, "vkill", 6_000, 0);
        List<Order> reference = viaRows(b -> b.table(t).strategy(Strategy.CURSOR));
        List<Integer> retries = new ArrayList<>();
        StreamListener listener = new StreamListener() {
            @Override
            public void onRetry(int attempt, Throwable cause) {
                retries.add(attempt);
            }
        };
        List<Order> got = new ArrayList<>();
        try (Killer killer = new Killer(target);
             RowStream<Order> rows = RowStreams.from(target.dataSource()).table(t).strategy(Strategy.HYBRID)
                     .batchSize(500).segmentRows(2_000).listener(listener).openMapped(Order::of)) {
            for (Order o : rows) {
                got.add(o);
                if (o.id() == 1_000 || o.id() == 3_500) { // mid-segment
                    killer.killOthers();
                }
            }
        }
        assertThat(got).isEqualTo(reference);
        assertThat(retries).containsExactly(1, 1);
        target.dropTable(t);
    }
}
