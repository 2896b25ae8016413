package dev.rowstream.internal;

import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.keyset.KeySpec;
import java.util.List;

/**
 * What the user asked to read, before it is checked against the database.
 *
 * @param table      a table name, or null when {@code query} is given
 * @param columns    column names of the table to output, or null for all
 * @param where      a condition on the table, or null
 * @param query      a SELECT, or null when {@code table} is given
 * @param params     values bound to the ?s of {@code where} or {@code query}, in order
 * @param key        the key, or null
 * @param segmentRows    HYBRID: rows per segment at most
 * @param segmentSeconds HYBRID: seconds per segment at most
 * @param retries    how often a lost connection is reconnected before the read fails
 * @param listener   hears batches, segments and retries; never null
 * @param budgets    the statement timeout and the longest CURSOR transaction; segmentSeconds already keeps to it
 * @param fastPath   KEYSET and HYBRID pieces may be read through the dialect's {@link dev.rowstream.dialect.RowCopy}
 */
public record ReadSpec(String table, List<String> columns, String where, String query, List<Object> params,
                       KeySpec key, Strategy strategy, int batchSize, long segmentRows, long segmentSeconds,
                       int retries, StreamListener listener, Budgets budgets, boolean fastPath) {

    /** A read with the fast path where it applies. */
    public ReadSpec(String table, List<String> columns, String where, String query, List<Object> params,
                    KeySpec key, Strategy strategy, int batchSize, long segmentRows, long segmentSeconds,
                    int retries, StreamListener listener, Budgets budgets) {
        this(table, columns, where, query, params, key, strategy, batchSize, segmentRows, segmentSeconds, retries,
                listener, budgets, true);
    }

    /** A read without budgets. */
    public ReadSpec(String table, List<String> columns, String where, String query, List<Object> params,
                    KeySpec key, Strategy strategy, int batchSize, long segmentRows, long segmentSeconds,
                    int retries, StreamListener listener) {
        this(table, columns, where, query, params, key, strategy, batchSize, segmentRows, segmentSeconds, retries,
                listener, Budgets.NONE);
    }
}
