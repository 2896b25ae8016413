package dev.rowstream.split;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.StreamFailedException;
import dev.rowstream.dialect.SplitSampling;
import dev.rowstream.internal.Estimates;
import dev.rowstream.internal.KeyQuantiles;
import dev.rowstream.internal.KeyRange;
import dev.rowstream.internal.Plan;
import dev.rowstream.internal.ReadSpec;
import dev.rowstream.internal.Streams;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a keyed read into key ranges of about equal row counts (what {@code ReadBuilder.splits(n)} does).
 * Both methods let the database number rows in key order and send back only the last row of each split
 * (see {@link KeyQuantiles}), so memory does not grow with the table:
 * <ul>
 *   <li>EXACT numbers every row: splits differ by one row at most. Its cost is one ordered read of the
 *       whole key range (an index scan where the key has an index) and a window over it: measured on this
 *       project's 2-core machine (SplitSkewTest, 16 splits of 1M rows), 2.0 s on PostgreSQL, 6.3 s on MariaDB.</li>
 *   <li>SAMPLE numbers a random sample of {@link #sampleRows(int)} rows (each row kept on its own, see
 *       {@link SplitSampling}): a split between two sampled cuts holds {@code k = sample / n} sampled rows,
 *       and the rows it really holds vary by about {@code 1 / sqrt(k)} of its size (one standard deviation):
 *       2.2% at most with 2,000 sampled rows per split, so 10% is more than four standard deviations.</li>
 * </ul>
 */
public final class SplitPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(SplitPlanner.class);

    /** The most splits of one read: each is a connection's worth of work, and more only add cuts to find. */
    public static final int MAX_SPLITS = 1024;
    /**
     * AUTO cuts reads estimated up to this many rows exactly, and samples larger ones. At this size exact
     * cuts took 2.0 s on PostgreSQL and 6.3 s on MariaDB, a sample of 200,000 rows 0.8 s and 0.7 s (16 splits,
     * SplitSkewTest with -Drowstream.skewRuns=1000): seconds that a read worth splitting spends anyway, and
     * above it the exact method's cost grows with the table while the sample's scan costs a fraction of it.
     */
    public static final long EXACT_MAX_ROWS = 1_000_000;
    /** The sample's rows per split (see the class comment for the tolerance it gives). */
    public static final int SAMPLE_ROWS_PER_SPLIT = 2_000;
    /** The smallest sample. */
    public static final long MIN_SAMPLE_ROWS = 100_000;

    private SplitPlanner() {
    }

    /** The rows SAMPLE numbers for {@code splits} splits. */
    public static long sampleRows(int splits) {
        return Math.max(MIN_SAMPLE_ROWS, (long) SAMPLE_ROWS_PER_SPLIT * splits);
    }

    /** Plans {@code n} splits of the read {@code spec}, by {@code method}. */
    public static Splits plan(DataSource dataSource, ReadSpec spec, int n, SplitMethod method) {
        return plan(dataSource, spec, n, method, sampleRows(Math.max(1, n)));
    }

    /** As {@link #plan(DataSource, ReadSpec, int, SplitMethod)}, with a sample of {@code sampleRows} rows. */
    public static Splits plan(DataSource dataSource, ReadSpec spec, int n, SplitMethod method, long sampleRows) {
        if (n < 1 || n > MAX_SPLITS) {
            throw new InvalidSpecException("splits(" + n + ") is out of range: use 1 to " + MAX_SPLITS);
        }
        if (method == null) {
            throw new InvalidSpecException("no split method: use AUTO, EXACT or SAMPLE");
        }
        long started = System.nanoTime();
        Plan plan = Streams.plan(dataSource, spec);
        if (!plan.hasKey()) {
            throw new InvalidSpecException("splits(" + n + ") needs a key: give key(...), columns that order the rows"
                    + " uniquely, or read a table with a primary key");
        }
        try {
            double fraction = fraction(dataSource, spec, plan, method, sampleRows);
            String sample = fraction < 1 ? SplitSampling.condition(plan.dialect(), fraction) : null;
            KeyQuantiles.Cuts cuts = KeyQuantiles.cut(dataSource, plan, n, sample);
            double scale = sample == null ? 1 : 1 / fraction;
            List<Split> splits = splits(plan, cuts, scale);
            long rows = Math.round(cuts.rows() * scale);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String how = sample == null
                    ? "the exact method (ROW_NUMBER over the key, " + rows + " rows counted)"
                    : String.format(Locale.ROOT, "the sample method (a random %d rows, %.3f%%, of about %d:"
                            + " splits within about 10%% of the mean)", cuts.rows(), fraction * 100, rows);
            LOG.info("{} splits of {} by {} in {} ms", splits.size(), spec.table() != null ? spec.table() : "the query",
                    how, took.toMillis());
            return new Splits(splits, sample == null ? SplitMethod.EXACT : SplitMethod.SAMPLE, how, rows, took);
        } catch (SQLException e) {
            String first = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new StreamFailedException("planning splits failed: " + first, e);
        }
    }

    /** The share of rows to sample: 1 for the exact method. */
    private static double fraction(DataSource dataSource, ReadSpec spec, Plan plan, SplitMethod method,
                                   long sampleRows) throws SQLException {
        if (method == SplitMethod.EXACT || SplitSampling.condition(plan.dialect(), 0.5) == null) {
            if (method == SplitMethod.SAMPLE) {
                throw new InvalidSpecException("the " + plan.dialect().name() + " dialect cannot sample rows:"
                        + " use SplitMethod.EXACT or AUTO");
            }
            return 1;
        }
        OptionalLong estimate = Estimates.rows(dataSource, spec);
        long rows;
        if (method == SplitMethod.SAMPLE) {
            rows = estimate.isPresent() ? estimate.getAsLong() : KeyQuantiles.count(dataSource, plan);
        } else if (estimate.isPresent() && estimate.getAsLong() > EXACT_MAX_ROWS) {
            rows = estimate.getAsLong();
        } else {
            return 1;
        }
        return rows <= sampleRows ? 1 : (double) sampleRows / rows;
    }

    /** The splits between the cuts; {@code scale}: rows per numbered row (1, or 1 / the sampled share). */
    private static List<Split> splits(Plan plan, KeyQuantiles.Cuts cuts, double scale) {
        String key = plan.key().toString();
        List<Split> splits = new ArrayList<>();
        List<Object> after = null;
        long afterRank = 0;
        for (KeyQuantiles.Cut cut : cuts.cuts()) {
            List<Object> upTo = values(cut.key());
            splits.add(new Split(splits.size() + 1, after, upTo, Math.round((cut.rank() - afterRank) * scale), key));
            after = upTo;
            afterRank = cut.rank();
        }
        splits.add(new Split(splits.size() + 1, after, null, Math.round((cuts.rows() - afterRank) * scale), key));
        return Collections.unmodifiableList(splits);
    }

    private static List<Object> values(Object[] key) {
        return Collections.unmodifiableList(Arrays.asList(key.clone()));
    }

    /** The range a split reads, for {@code Streams.open}; null for none. */
    public static KeyRange range(Split split) {
        if (split == null) {
            return null;
        }
        return new KeyRange(split.after() == null ? null : split.after().toArray(),
                split.upTo() == null ? null : split.upTo().toArray(), split.key());
    }
}
