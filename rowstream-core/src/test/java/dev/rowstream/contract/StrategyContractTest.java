package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every strategy returns every row exactly once, in key order, on every database. */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class StrategyContractTest {
    private static final Strategy[] ALL = {Strategy.CURSOR, Strategy.KEYSET, Strategy.OFFSET, Strategy.AUTO};
    private final DbTarget target;

    StrategyContractTest(DbTarget target) {
        this.target = target;
    }

    private List<Row> read(String table, String key, Strategy strategy, int batchSize) {
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(table).key(key)
                .strategy(strategy).batchSize(batchSize).open()) {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            assertThat(rows.rowCount()).isEqualTo(all.size());
            return all;
        }
    }

    private static List<Long> ids(List<Row> rows) {
        return rows.stream().map(r -> ((Number) r.get("id")).longValue()).collect(Collectors.toList());
    }

    @Test
    void batchEdgesGiveEveryRowOnceInOrder() {
        int n = 23;
        String t = Tables.orders(target, "edges", n, 0);
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            expected.add(i);
        }
        List<Row> reference = read(t, "id", Strategy.CURSOR, 1000);
        assertThat(ids(reference)).isEqualTo(expected);
        for (int batch : new int[] {1, 2, n - 1, n, n + 1, 1000}) {
            for (Strategy s : ALL) {
                assertThat(read(t, "id", s, batch)).as("%s, batch %d", s, batch).isEqualTo(reference);
            }
        }
    }

    @Test
    void emptyTableAndSingleRow() {
        String empty = Tables.orders(target, "empty", 0, 0);
        String one = Tables.orders(target, "one", 1, 0);
        for (Strategy s : ALL) {
            for (int batch : new int[] {1, 2}) {
                assertThat(read(empty, "id", s, batch)).as("%s", s).isEmpty();
                assertThat(ids(read(one, "id", s, batch))).as("%s", s).containsExactly(1L);
            }
        }
    }

    @Test
    void compositeAndDescendingKeysAgreeAcrossStrategies() {
        String t = Tables.orders(target, "composite", 50, 0);
        for (String key : new String[] {"grp, id", "grp DESC, id DESC", "grp, id DESC"}) {
            List<Row> reference = read(t, key, Strategy.CURSOR, 7);
            assertThat(reference).hasSize(50);
            for (Strategy s : ALL) {
                for (int batch : new int[] {1, 6, 7, 8, 49, 50, 51}) {
                    assertThat(read(t, key, s, batch)).as("%s %s batch %d", key, s, batch).isEqualTo(reference);
                }
            }
            // grp ascending (or descending), ties broken by id
            for (int i = 1; i < reference.size(); i++) {
                int prev = ((Number) reference.get(i - 1).get("grp")).intValue();
                int cur = ((Number) reference.get(i).get("grp")).intValue();
                assertThat(key.startsWith("grp DESC") ? prev >= cur : prev <= cur).isTrue();
            }
        }
    }

    @Test
    void columnsAndWhereAreApplied() {
        String t = Tables.orders(target, "subset", 40, 0);
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(t).columns("name", "amount")
                .where("grp = ? AND amount > ?", 3, new BigDecimal("5")).key("id")
                .strategy(Strategy.KEYSET).batchSize(2).open()) {
            assertThat(rows.columns().labels()).map(String::toLowerCase).containsExactly("name", "amount");
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            // grp = 3: ids 10, 17, 24, 31, 38 (id 3 has amount 3.75); id 10 has a NULL name
            assertThat(all).extracting(r -> new BigDecimal(r.get(1).toString()).doubleValue())
                    .containsExactly(12.5, 21.25, 30.0, 38.75, 47.5);
            assertThat(all.get(0).get(0)).isNull();
            assertThat(all.get(1).get(0)).isEqualTo("name-17");
        }
    }

    @Test
    void queryWithParametersStreamsByItsOutputColumns() {
        String t = Tables.orders(target, "query", 30, 0);
        for (Strategy s : ALL) {
            try (RowStream<Row> rows = RowStreams.from(target.dataSource())
                    .query("SELECT id AS order_id, name FROM " + t + " WHERE id > ?", 10)
                    .key("order_id DESC").strategy(s).batchSize(4).open()) {
                List<Long> got = new ArrayList<>();
                rows.forEach(r -> got.add(((Number) r.get("order_id")).longValue()));
                assertThat(got).as("%s", s).hasSize(20).startsWith(30L, 29L).endsWith(11L);
            }
        }
    }

    @Test
    void rowsStayValidAfterTheCursorMovesOn() {
        String t = Tables.orders(target, "valid", 12, 0);
        List<Row> kept = new ArrayList<>();
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(t).strategy(Strategy.CURSOR)
                .batchSize(2).open()) {
            rows.forEach(kept::add);
        }
        assertThat(kept.get(0).get("name")).isEqualTo("name-1");
        assertThat(kept.get(11).get("name")).isEqualTo("name-12");
    }

    @Test
    void rowMapperMapsToTheCallersType() {
        String t = Tables.orders(target, "mapped", 5, 0);
        record Order(long id, String name) {
        }
        try (RowStream<Order> orders = RowStreams.from(target.dataSource()).table(t).key("id")
                .open(r -> new Order(((Number) r.get("id")).longValue(), (String) r.get("name")))) {
            assertThat(orders.stream().map(Order::id)).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aConsumerExceptionReleasesEverything() {
        String t = Tables.orders(target, "boom", 100, 0);
        for (Strategy s : new Strategy[] {Strategy.CURSOR, Strategy.KEYSET, Strategy.OFFSET}) {
            RowStream<Row> rows = RowStreams.from(target.dataSource()).table(t).key("id").strategy(s).batchSize(10).open();
            assertThatThrownBy(() -> rows.forEach(r -> {
                if (((Number) r.get("id")).intValue() == 42) {
                    throw new IllegalStateException("consumer failed");
                }
            })).hasMessage("consumer failed");
            assertThat(target.openConnections()).as("%s", s).isZero();
            assertThat(target.openStatements()).as("%s", s).isZero();
        }
    }

    @Test
    void closingHalfwayReleasesEverythingAndTheDatabaseStaysUsable() {
        String t = Tables.orders(target, "half", 500, 0);
        for (Strategy s : new Strategy[] {Strategy.CURSOR, Strategy.KEYSET, Strategy.OFFSET}) {
            try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(t).strategy(s).batchSize(50).open()) {
                Iterator<Row> it = rows.iterator();
                for (int i = 0; i < 75; i++) {
                    it.next();
                }
            }
            assertThat(target.openConnections()).as("%s", s).isZero();
            assertThat(read(t, "id", s, 50)).as("%s", s).hasSize(500);
        }
    }

    @Test
    void missingKeyForKeysetIsRejectedBeforeReading() {
        String t = target.table("nokey");
        target.execute("CREATE TABLE " + t + " (a INT, b INT)");
        assertThatThrownBy(() -> RowStreams.from(target.dataSource()).table(t).strategy(Strategy.KEYSET).open())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("needs a key");
        assertThatThrownBy(() -> RowStreams.from(target.dataSource()).table(t + "_missing").open())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("unknown table '" + t + "_missing'");
        assertThatThrownBy(() -> RowStreams.from(target.dataSource()).table(t).columns("a", "nope").open())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("unknown column 'nope'");
        assertThat(target.openConnections()).isZero();
    }
}
