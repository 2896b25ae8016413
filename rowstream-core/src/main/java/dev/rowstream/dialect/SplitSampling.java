package dev.rowstream.dialect;

import java.util.Locale;

/**
 * How each database draws a random sample of a read's rows, for the split planner's cheap method: a
 * condition that keeps each row with probability {@code fraction}, on its own (a Bernoulli sample, as
 * PostgreSQL's {@code TABLESAMPLE BERNOULLI} draws). A row-wise draw rather than PostgreSQL's cheaper
 * {@code TABLESAMPLE SYSTEM}: that one keeps whole pages, and on a table filled in key order a page is a
 * run of neighbouring keys, so its quantiles are off by far more than the sample's size suggests. A
 * condition also applies to a query's rows and under a where condition, which TABLESAMPLE does not.
 */
public final class SplitSampling {
    private SplitSampling() {
    }

    /** The condition, such as {@code random() < 0.0125}; null where this dialect knows no random function. */
    public static String condition(Dialect dialect, double fraction) {
        String p = String.format(Locale.ROOT, "%.9f", fraction);
        if (dialect instanceof PostgresDialect) {
            return "random() < " + p;
        }
        if (dialect instanceof MariaDbDialect || dialect instanceof H2Dialect) {
            return "RAND() < " + p;
        }
        if (dialect instanceof SqliteDialect) {
            // random() is a signed 64-bit integer: its remainder by 10^9, made positive, is uniform enough.
            return "abs(random() % 1000000000) < " + Math.round(fraction * 1e9);
        }
        return null;
    }
}
