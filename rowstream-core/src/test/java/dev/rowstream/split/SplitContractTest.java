package dev.rowstream.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.internal.ReadSpec;
import dev.rowstream.keyset.KeySpec;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import dev.rowstream.testing.Pools;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code splits(n)} and {@code range(split)}: read one after the other, the splits of a read hold exactly the
 * rows of the whole read, in its order, each once, by every strategy that seeks (KEYSET, HYBRID, CURSOR), for
 * tables around n rows (0, 1, n-1, n, n+1) and of 1000 rows, with a single key and with a composite key with
 * NULLs and DESC; exact splits are balanced (the largest at most 1.1x the mean, plus one row) and their
 * estimates are their counts.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class SplitContractTest {
    private static final int[] NS = {1, 2, 3, 7};
    private static final Strategy[] SEEKING = {Strategy.KEYSET, Strategy.HYBRID, Strategy.CURSOR};

    private final DbTarget target;
    /** Dozens of short reads: a pool spares a physical connection per batch. */
    private HikariDataSource pool;
    private final List<String> tables = new ArrayList<>();

    SplitContractTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void openPool() {
        pool = Pools.of(target, 2);
    }

    @AfterEach
    void cleanUp() {
        pool.close();
        tables.forEach(target::dropTable);
    }

    @Test
    void splitsHoldEveryRowOnceInKeyOrder() {
        int strategy = 0;
        for (int size : new int[] {0, 1, 2, 3, 4, 6, 7, 8, 1000}) {
            String t = table(size);
            List<Long> all = target.longs("SELECT id FROM " + t + " ORDER BY id");
            assertThat(all).hasSize(size);
            for (int n : NS) {
                if (size > n + 1 && size != 1000 || size < n - 1 && size > 1) {
                    continue; // only 0, 1, n-1, n, n+1 and 1000 rows
                }
                Splits splits = read(t, "id").splits(n, SplitMethod.EXACT);
                assertThat(splits.splits()).as("%d rows, %d splits", size, n).hasSize(Math.min(n, Math.max(size, 1)));
                checkExact(splits, size);
                assertThat(readAll(t, "id", splits, SEEKING[strategy++ % SEEKING.length]))
                        .as("%d rows, %d splits", size, n).isEqualTo(all);
            }
        }
    }

    @Test
    void compositeKeyWithNullsAndDescendingColumns() {
        String t = table(1000);
        String key = "a DESC NULLS LAST, b NULLS FIRST, id";
        List<Long> all = ids(read(t, key).strategy(Strategy.KEYSET));
        assertThat(all).hasSize(1000);
        for (int n : NS) {
            Splits splits = read(t, key).splits(n);
            assertThat(splits.method()).isEqualTo(SplitMethod.EXACT); // a small table: AUTO counts
            assertThat(splits.splits()).hasSize(n);
            checkExact(splits, 1000);
            for (Strategy s : SEEKING) {
                assertThat(readAll(t, key, splits, s)).as("%d splits, %s", n, s).isEqualTo(all);
            }
        }
    }

    @Test
    void sampledSplitsHoldEveryRowOnce() {
        String t = table(1000);
        String key = "a NULLS FIRST, id DESC";
        List<Long> all = ids(read(t, key).strategy(Strategy.KEYSET));
        ReadSpec spec = new ReadSpec(t, null, null, null, List.of(), KeySpec.parse(key), Strategy.KEYSET, 100, 100, 30,
                0, StreamListener.NONE);
        // A sample of about half the rows: the sampling SQL runs, and still cuts near the quantiles.
        Splits splits = dev.rowstream.internal.SplitPlans.plan(pool, spec, 7, SplitMethod.SAMPLE, 500);
        assertThat(splits.method()).isEqualTo(SplitMethod.SAMPLE);
        assertThat(splits.how()).startsWith("the sample method (a random ");
        assertThat(splits.splits()).hasSize(7);
        List<Long> got = new ArrayList<>();
        int largest = 0;
        for (Split split : splits.splits()) {
            List<Long> ids = ids(read(t, key).strategy(Strategy.KEYSET).range(split));
            largest = Math.max(largest, ids.size());
            got.addAll(ids);
        }
        assertThat(got).isEqualTo(all);
        // About 70 sampled rows per split: each split's size varies by about 8% (one standard deviation).
        assertThat(largest).as("largest of 7 sampled splits of 1000 rows").isLessThanOrEqualTo(1000 / 7 * 3 / 2);
    }

    @Test
    void badInputIsRefusedBeforeAnyWork() {
        String t = table(10);
        assertThatThrownBy(() -> read(t, "id").splits(0)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("splits(0) is out of range: use 1 to 1024");
        assertThatThrownBy(() -> read(t, "id").splits(1025)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("splits(1025) is out of range: use 1 to 1024");
        String noKey = target.table("nokey");
        tables.add(noKey);
        target.execute("CREATE TABLE " + noKey + " (v INT)");
        assertThatThrownBy(() -> RowStreams.from(pool).table(noKey).splits(2)).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("splits(2) needs a key: give key(...)");
        Split first = read(t, "id").splits(2).splits().get(0);
        assertThatThrownBy(() -> read(t, "a, id").range(first).open()).isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase( // H2 names columns in capitals
                        "the split was planned for the key (id ASC), but this read's key is (a ASC, id ASC)"));
        assertThatThrownBy(() -> read(t, "id").strategy(Strategy.OFFSET).range(first).open())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("strategy OFFSET");
    }

    /** The exact method's figures: counts that add up, cuts that chain, sizes within one row of each other. */
    private static void checkExact(Splits splits, int rows) {
        List<Split> list = splits.splits();
        assertThat(splits.method()).isEqualTo(SplitMethod.EXACT);
        assertThat(splits.rows()).isEqualTo(rows);
        assertThat(list.get(0).after()).isNull();
        assertThat(list.get(list.size() - 1).upTo()).isNull();
        long sum = 0;
        long largest = 0;
        for (int i = 0; i < list.size(); i++) {
            assertThat(list.get(i).number()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(list.get(i).after()).isEqualTo(list.get(i - 1).upTo()).isNotNull();
            }
            sum += list.get(i).estimatedRows();
            largest = Math.max(largest, list.get(i).estimatedRows());
        }
        assertThat(sum).isEqualTo(rows);
        assertThat((double) largest).as("largest split").isLessThanOrEqualTo(1.1 * rows / list.size() + 1);
    }

    /** Every split read in order, each checked against its count, as one list of ids. */
    private List<Long> readAll(String t, String key, Splits splits, Strategy strategy) {
        List<Long> got = new ArrayList<>();
        for (Split split : splits.splits()) {
            List<Long> ids = ids(read(t, key).strategy(strategy).range(split));
            assertThat((long) ids.size()).as("split %d by %s", split.number(), strategy).isEqualTo(split.estimatedRows());
            got.addAll(ids);
        }
        return got;
    }

    private ReadBuilder read(String t, String key) {
        return RowStreams.from(pool).table(t).key(key).batchSize(40).segmentRows(70);
    }

    private static List<Long> ids(ReadBuilder read) {
        List<Long> ids = new ArrayList<>();
        try (RowStream<Row> rows = read.open()) {
            for (Row row : rows) {
                ids.add(((Number) row.get(0)).longValue());
                assertThat(ids).as("a split that does not end").hasSizeLessThanOrEqualTo(1000);
            }
        }
        return ids;
    }

    /** ids 3, 6, 9, ...; {@code a} with NULLs and repeats, {@code b} with NULLs: a composite key needs id. */
    private String table(int rows) {
        String t = target.table("splits");
        tables.add(t);
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, a INT, b VARCHAR(5))");
        if (rows > 0) {
            target.execute("INSERT INTO " + t + " (id, a, b) VALUES " + IntStream.rangeClosed(1, rows)
                    .mapToObj(i -> "(" + 3 * i + ", " + (i % 7 == 0 ? "NULL" : String.valueOf(i % 13)) + ", "
                            + (i % 5 == 0 ? "NULL" : "'" + (char) ('a' + i % 3) + "'") + ")")
                    .collect(Collectors.joining(", ")));
        }
        return t;
    }
}
