package dev.rowstream.sink;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What a job tells its sink about the run, in {@link Sink#prepare}: where the rows come from, and whether the
 * run keeps checkpoints or resumes. Made by the job.
 */
public final class SinkContext {
    private final DataSource source;
    private final String table;
    private final List<String> columns;
    private final int batchSize;
    private final boolean checkpointed;
    private final boolean resume;
    private final Supplier<String> rowKey;
    private final String checkpoint;

    /**
     * @param source       the database the rows are read from
     * @param table        the table read, as the user named it, or null for a query
     * @param columns      the table's columns read, or null for all (or for a query)
     * @param batchSize    the read's batch size
     * @param checkpointed true when the job keeps checkpoints (a store was given)
     * @param resume       true when the job resumes from a checkpoint if there is one
     * @param rowKey       the key of the row being written, for messages ({@code id=41000})
     * @param checkpoint   the job's checkpoint store, for messages ({@code checkpoint orders.ckpt}), or null
     */
    public SinkContext(DataSource source, String table, List<String> columns, int batchSize, boolean checkpointed,
                       boolean resume, Supplier<String> rowKey, String checkpoint) {
        this.source = Objects.requireNonNull(source, "source");
        this.table = table;
        this.columns = columns == null ? null : List.copyOf(columns);
        this.batchSize = batchSize;
        this.checkpointed = checkpointed;
        this.resume = resume;
        this.rowKey = Objects.requireNonNull(rowKey, "rowKey");
        this.checkpoint = checkpoint == null ? "the checkpoint" : checkpoint;
    }

    public DataSource source() { return source; }

    /** The table read, or null when the read is a query. */
    public String table() { return table; }

    /** The columns read, or null for all of them. */
    public List<String> columns() { return columns; }

    public int batchSize() { return batchSize; }

    /** True when the job keeps checkpoints. */
    public boolean checkpointed() { return checkpointed; }

    /** True when the job was asked to resume. */
    public boolean resume() { return resume; }

    /** The key of the row being written, for a message about it ({@code id=41000}). */
    public String rowKey() { return rowKey.get(); }

    /** The job's checkpoint, for messages: {@code checkpoint /data/orders.ckpt}. */
    public String checkpoint() { return checkpoint; }
}
