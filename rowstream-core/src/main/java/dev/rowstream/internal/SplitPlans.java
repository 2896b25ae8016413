package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.StreamFailedException;
import dev.rowstream.dialect.SplitSampling;
import dev.rowstream.split.Split;
import dev.rowstream.split.SplitMethod;
import dev.rowstream.split.SplitPlanner;
import dev.rowstream.split.Splits;
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
 * Plans the splits of a read, as {@link SplitPlanner} describes. Here rather than in {@code dev.rowstream.split}
 * because it takes and gives internal types ({@link ReadSpec}, {@link KeyRange}), which the module does not
 * export: an exported signature must not name them (ModuleDescriptorTest).
 */
public final class SplitPlans {
    private static final Logger LOG = LoggerFactory.getLogger(SplitPlanner.class);

    private SplitPlans() {
    }

    /** Plans {@code n} splits of the read {@code spec}, by {@code method}. */
    public static Splits plan(DataSource dataSource, ReadSpec spec, int n, SplitMethod method) {
        return plan(dataSource, spec, n, method, SplitPlanner.sampleRows(Math.max(1, n)));
    }

    /** As {@link #plan(DataSource, ReadSpec, int, SplitMethod)}, with a sample of {@code sampleRows} rows. */
    public static Splits plan(DataSource dataSource, ReadSpec spec, int n, SplitMethod method, long sampleRows) {
        if (n < 1 || n > SplitPlanner.MAX_SPLITS) {
            throw new InvalidSpecException("splits(" + n + ") is out of range: use 1 to " + SplitPlanner.MAX_SPLITS);
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
        } else if (estimate.isPresent() && estimate.getAsLong() > SplitPlanner.EXACT_MAX_ROWS) {
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
