package dev.rowstream.split;

/** How {@link SplitPlanner} finds the keys that cut a read into splits. */
public enum SplitMethod {
    /**
     * EXACT up to {@link SplitPlanner#EXACT_MAX_ROWS} rows (by the statistics' estimate; a read whose rows the
     * statistics cannot estimate, such as a query, one with a where condition, or an H2 or SQLite table, is
     * cut exactly), SAMPLE above.
     */
    AUTO,
    /**
     * Every row numbered in key order by the database ({@code ROW_NUMBER()} over the key): the splits' row
     * counts differ by one at most. Reads the whole key range once.
     */
    EXACT,
    /**
     * A random sample of about {@link SplitPlanner#sampleRows(int)} rows numbered the same way: the splits'
     * row counts are within about 10% of the mean (see {@link SplitPlanner}), for a scan without the sort
     * of every row.
     */
    SAMPLE
}
