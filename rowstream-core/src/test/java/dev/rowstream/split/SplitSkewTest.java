package dev.rowstream.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.RowStreams;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.internal.ReadSpec;
import dev.rowstream.keyset.KeySpec;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Why splits are cut at quantiles (issue 10): on a key whose values come in dense runs with huge gaps between
 * them (run {@code j} of 1000 consecutive ids starts at {@code j^4 * 1000}), equal strides over [min, max], as
 * Spark's JDBC source cuts, put half the rows in the first of 16 ranges and leave most others empty, while the
 * exact quantiles hold the mean to within 10%. Both figures are printed side by side, with a sampled plan's.
 * On the two servers only: the data is generated server-side ({@code -Drowstream.skewRuns=1000} makes it 1M
 * rows, to time the methods).
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES", "MARIADB"})
@ExtendWith(LeakCheck.class)
class SplitSkewTest {
    private static final int SPLITS = 16;
    private static final int RUNS = Integer.getInteger("rowstream.skewRuns", 100);

    private final DbTarget target;
    private String table;

    SplitSkewTest(DbTarget target) {
        this.target = target;
    }

    @AfterEach
    void dropTable() {
        if (table != null) {
            target.dropTable(table);
        }
    }

    @Test
    void quantilesStayBalancedWhereEqualStridesDoNot() throws SQLException {
        table = target.table("skew");
        target.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, v INT)",
                target == DbTarget.POSTGRES
                        ? "INSERT INTO " + table + " SELECT r::bigint * r * r * r * 1000 + i, i FROM generate_series(0, "
                                + (RUNS - 1) + ") r, generate_series(0, 999) i"
                        : "INSERT INTO " + table + " SELECT r.seq * r.seq * r.seq * r.seq * 1000 + i.seq, i.seq FROM seq_0_to_"
                                + (RUNS - 1) + " r, seq_0_to_999 i",
                target == DbTarget.POSTGRES ? "ANALYZE " + table : "ANALYZE TABLE " + table);
        long rows = RUNS * 1000L;
        double mean = (double) rows / SPLITS;

        Splits exact = RowStreams.from(target.dataSource()).table(table).key("id").splits(SPLITS, SplitMethod.EXACT);
        assertThat(exact.method()).isEqualTo(SplitMethod.EXACT);
        long exactLargest = largest(counts(exact));

        ReadSpec spec = new ReadSpec(table, null, null, null, List.of(), KeySpec.parse("id"), Strategy.KEYSET, 1000,
                1000, 30, 0, StreamListener.NONE);
        Splits sampled = dev.rowstream.internal.SplitPlans.plan(target.dataSource(), spec, SPLITS, SplitMethod.SAMPLE, rows / 5);
        assertThat(sampled.method()).isEqualTo(SplitMethod.SAMPLE);
        long sampledLargest = largest(counts(sampled));

        List<Long> strides = strides();
        long strideLargest = largest(strides);
        System.out.printf(Locale.ROOT, "skew, %s, %d rows in %d splits: exact quantiles: largest %d (%.2fx the mean),"
                        + " %d ms; sample of %d rows: largest %d (%.2fx), %d ms; equal strides over [min, max]:"
                        + " largest %d (%.2fx), %d of %d empty%n", target.displayName(), rows, SPLITS, exactLargest,
                exactLargest / mean, exact.took().toMillis(), rows / 5, sampledLargest, sampledLargest / mean,
                sampled.took().toMillis(), strideLargest, strideLargest / mean,
                strides.stream().filter(c -> c == 0).count(), SPLITS);

        assertThat((double) exactLargest).as("largest exact split").isLessThanOrEqualTo(1.1 * mean);
        // 1250 sampled rows per split: about 2.5% variation (one standard deviation, less with the finite population).
        assertThat((double) sampledLargest).as("largest sampled split").isLessThanOrEqualTo(1.25 * mean);
        assertThat(strideLargest).as("largest equal stride against the largest exact split")
                .isGreaterThanOrEqualTo(5 * exactLargest);
    }

    private static long largest(List<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** Each split's rows, counted by the database from its bounds (not the planner's own figures). */
    private List<Long> counts(Splits splits) throws SQLException {
        List<Long> counts = new ArrayList<>();
        long sum = 0;
        for (Split s : splits.splits()) {
            long n = count((s.after() == null ? "1=1" : "id > " + s.after().get(0))
                    + (s.upTo() == null ? "" : " AND id <= " + s.upTo().get(0)));
            counts.add(n);
            sum += n;
        }
        assertThat(counts).hasSize(SPLITS);
        assertThat(sum).isEqualTo(RUNS * 1000L);
        return counts;
    }

    /** Spark's partitions: a stride of (max - min) / n from min, the last one open-ended, counted by SQL. */
    private List<Long> strides() throws SQLException {
        long min = count("1=1", "MIN(id)");
        long max = count("1=1", "MAX(id)");
        long stride = max / SPLITS - min / SPLITS;
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < SPLITS; i++) {
            long lower = min + i * stride;
            counts.add(count((i == 0 ? "1=1" : "id >= " + lower)
                    + (i == SPLITS - 1 ? "" : " AND id < " + (lower + stride))));
        }
        return counts;
    }

    private long count(String condition) throws SQLException {
        return count(condition, "COUNT(*)");
    }

    private long count(String condition, String what) throws SQLException {
        try (Connection c = target.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + what + " FROM " + table + " WHERE " + condition);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
