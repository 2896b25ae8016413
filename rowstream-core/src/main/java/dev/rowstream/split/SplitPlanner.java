package dev.rowstream.split;

import dev.rowstream.dialect.SplitSampling;
import dev.rowstream.internal.KeyQuantiles;

/**
 * How a keyed read is cut into key ranges of about equal row counts (what {@code ReadBuilder.splits(n)} does),
 * and its limits. The planning itself is internal ({@code dev.rowstream.internal.SplitPlans}): it works on the
 * library's plan of the read, which is not API.
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

}
