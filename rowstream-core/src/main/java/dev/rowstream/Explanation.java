package dev.rowstream;

/**
 * What {@link ReadBuilder#explain()} found: the plan of the read, and how the database runs a
 * following batch (the query that repeats, so the one whose cost matters).
 *
 * @param plan          strategy, final key and SQL
 * @param followingSql  the SQL of a batch after the first row's key, or null without a key
 * @param databasePlan  the database's own EXPLAIN of that SQL, or null when not available
 * @param indexRange    true when that batch reads an index range, false when it scans or sorts the
 *                      table (each batch would then cost a full scan), null when unknown
 * @param fastPath      whether the read goes through the database's bulk protocol ("on: ...") or not ("off: why");
 *                      see {@link ReadBuilder#fastPath(boolean)}
 */
public record Explanation(ReadPlan plan, String followingSql, String databasePlan, Boolean indexRange,
                          String fastPath) {

    /** An explanation without a word on the fast path. */
    public Explanation(ReadPlan plan, String followingSql, String databasePlan, Boolean indexRange) {
        this(plan, followingSql, databasePlan, indexRange, null);
    }
}
