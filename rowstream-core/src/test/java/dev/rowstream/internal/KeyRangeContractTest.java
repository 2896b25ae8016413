package dev.rowstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.keyset.KeySpec;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import dev.rowstream.testing.Pools;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seek engine reads key ranges ("after key A, exclusive, up to key B, inclusive"), the shape a split
 * read takes (issue 10): cut at any keys, the ranges read with KEYSET batches or HYBRID segments hold every
 * row once, in order, with NULLs in every position of the key and keys of one or several columns.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class KeyRangeContractTest {
    private final DbTarget target;
    /** Dozens of short reads: a pool spares a physical connection per batch. */
    private HikariDataSource pool;

    KeyRangeContractTest(DbTarget target) {
        this.target = target;
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    private record Read(List<Long> ids, List<Object[]> keys) {
    }

    @Test
    void rangesCutAtAnyKeysHoldEveryRowOnceInOrder() throws SQLException {
        String t = target.table("ranges");
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, a INT, b VARCHAR(5))");
        StringJoiner rows = new StringJoiner(", ");
        String[] bs = {"'x'", "'y'", "NULL", "'x'"};
        for (int id = 1; id <= 23; id++) {
            rows.add("(" + id + ", " + (id % 5 == 0 ? "NULL" : String.valueOf(id % 4)) + ", " + bs[id % bs.length] + ")");
        }
        target.execute("INSERT INTO " + t + " (id, a, b) VALUES " + rows);
        pool = Pools.of(target, 2);
        for (String key : new String[] {"id", "id DESC", "a NULLS LAST, id", "a DESC NULLS FIRST, id",
            "a NULLS FIRST, b DESC NULLS LAST, id", "b NULLS LAST, a DESC NULLS LAST, id DESC"}) {
            Plan plan = plan(t, key);
            Read all = read(plan, null, null, false);
            assertThat(all.ids).as("key %s", key).hasSize(23);
            for (int step : new int[] {1, 7, 22}) {
                for (boolean hybrid : new boolean[] {false, true}) {
                    List<Long> got = new ArrayList<>();
                    Object[] after = null;
                    for (int end = step - 1; ; end += step) {
                        Object[] upTo = end < all.keys.size() - 1 ? all.keys.get(end) : null;
                        got.addAll(read(plan, after, upTo, hybrid).ids);
                        if (upTo == null) {
                            break;
                        }
                        after = upTo;
                    }
                    assertThat(got).as("key %s, ranges of %d, %s", key, step, hybrid ? "hybrid" : "keyset")
                            .isEqualTo(all.ids);
                }
            }
        }
    }

    private Plan plan(String table, String key) {
        ReadSpec spec = new ReadSpec(table, null, null, null, List.of(), KeySpec.parse(key), Strategy.KEYSET, 2, 2, 30,
                0, StreamListener.NONE);
        return Streams.plan(pool, spec);
    }

    private Read read(Plan plan, Object[] after, Object[] upTo, boolean hybrid) throws SQLException {
        RowSource source;
        if (hybrid) {
            ReadSpec spec = new ReadSpec("x", null, null, null, List.of(), plan.key(), Strategy.HYBRID, 2, 2, 30, 0,
                    StreamListener.NONE);
            HybridSource h = new HybridSource(pool, plan, spec, Retry.never(plan), null);
            h.range(after, upTo);
            source = h;
        } else {
            PagedSource p = new PagedSource(pool, plan, StreamListener.NONE);
            p.range(after, upTo);
            source = p;
        }
        List<Long> ids = new ArrayList<>();
        List<Object[]> keys = new ArrayList<>();
        try (source) {
            source.open();
            for (Object[] row = source.next(); row != null; row = source.next()) {
                ids.add(((Number) row[0]).longValue());
                keys.add(Seeker.key(plan, row));
                assertThat(ids).as("a range that does not end").hasSizeLessThan(50);
            }
        }
        return new Read(ids, keys);
    }
}
