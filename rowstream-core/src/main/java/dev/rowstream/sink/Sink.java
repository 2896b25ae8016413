package dev.rowstream.sink;

import dev.rowstream.Columns;
import dev.rowstream.Row;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.CheckpointStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Where an export's rows go, with commit points: a file in any {@link dev.rowstream.format.Format}, a stream
 * (stdout, an HTTP response), a database table. See {@link Sinks} for the ones rowstream has.
 *
 * <p>A job ({@link dev.rowstream.job.ExportJob}) drives a sink through one run: {@link #prepare} before the
 * read opens, {@link #open} with the read's columns, {@link #write} per row, {@link #commit} at the
 * boundaries the job chooses (and when the sink asks for one, {@link #wantsCommit}), {@link #finish} after
 * the last row, and {@link #close} always. At a commit point the sink makes every row so far durable and
 * {@linkplain Commit#record records} where that leaves its output, a small map of strings (a file's byte
 * length and the CRC-32C of those bytes, a rolled-over file's number, the target table of a copy); the job
 * saves its checkpoint with that position, and a later run {@linkplain #open opens} the sink from it. A sink
 * that keeps no position (a stream) never records one, and its job cannot be resumed.
 *
 * <p>A sink is used for one run: make a new one for the next. Not thread-safe.
 */
public interface Sink {

    /**
     * Called first, before the read opens: checks what the sink can check on its own, without changing
     * anything (a folder that does not exist, a format that cannot go to a terminal, a target database
     * rowstream cannot write), and throws {@link dev.rowstream.InvalidSpecException} naming the problem.
     *
     * @return the store this sink's checkpoints must be kept in when it keeps them itself (a table sink saves
     *         each checkpoint in the transaction of its rows, so the two commit together), else null: the
     *         job's own store, if any
     */
    CheckpointStore prepare(SinkContext context);

    /**
     * Starts the output, for rows of {@code columns}. {@code from} is the checkpoint the job resumes from (its
     * {@link Checkpoint#sink()} is a position this kind of sink recorded), or null for a fresh start. The sink
     * first checks that position against its output (that it is its own, that every field is in range, that
     * the bytes it counts are there and have their checksum) and throws a
     * {@link dev.rowstream.checkpoint.CheckpointException} before it changes anything; then it records its
     * starting point (a crash from there on always finds a checkpoint), then creates or cuts its output.
     */
    void open(Columns columns, Checkpoint from, Commit commit) throws IOException;

    /** Writes one row; its values are in the order of the columns given to {@link #open}. */
    void write(Row row) throws IOException;

    /** True when the sink needs a commit point now (say, a file that rolls over is full); asked after each row. */
    default boolean wantsCommit() {
        return false;
    }

    /**
     * The least time between two commit points that the job chooses itself (it offers one after each batch of
     * the read, at most this often): a file's checkpoint costs a rename (0.3 to 0.9 ms), so a file sink asks
     * for 50 ms; a table sink, whose transaction is the batch, for none.
     */
    default Duration commitInterval() {
        return Duration.ofMillis(50);
    }

    /**
     * A commit point: makes every row written so far as durable as {@link Commit#durable()} asks, then
     * records where that leaves the output ({@link Commit#record}; a transactional sink records inside the
     * transaction that holds the rows, then commits it). Returns false, recording nothing, when its output
     * cannot be cut here (a file format that cannot be appended to, between two roll-overs).
     */
    boolean commit(Commit commit) throws IOException;

    /**
     * Every row is written: completes the output durably, records its final position, and then makes it the
     * output (renames {@code FILE.part} to {@code FILE}, commits the last transaction). A crash between the
     * record and the end is finished by {@link #publish} on the next run.
     */
    void finish(Commit commit) throws IOException;

    /**
     * The last run recorded its final position ({@link #finish}) and stopped before it was done: does what
     * was left (renames the part), after checking {@code position} against the output as {@link #open} does.
     */
    default void publish(Map<String, String> position) throws IOException {
    }

    /**
     * What a summary line should add about the output once it is finished, or "": the formats' own notes
     * ({@link dev.rowstream.format.RowWriter#summary()}, say the sheets of a workbook).
     */
    default String summary() {
        return "";
    }

    /** What a run of this sink is, for messages: {@code an export}, {@code a copy into orders}. */
    default String describeJob() {
        return "an export";
    }

    /**
     * True when the job keeps the final checkpoint (marked done) once the output is complete, rather than
     * deleting it: for a sink whose output cannot simply be made again (a table that a copy fills once), so
     * that a run killed after it completed, and resumed, finds "done" and reports the output complete instead of
     * refusing a full target that no checkpoint explains. A new run that does not resume is not stopped by a
     * done checkpoint: it replaces it (the sink itself refuses an output that is not empty).
     */
    default boolean keepsFinalCheckpoint() {
        return false;
    }

    /**
     * True when a new run may start over while a checkpoint of a stopped one exists (the job's
     * {@code force(true)}); false for a sink that only fills an empty target (a table).
     */
    default boolean canStartOver() {
        return true;
    }

    /**
     * Ends the run, however it ended: after {@link #finish}, releases what is left; before it, gives up (a
     * part that no checkpoint counts is deleted, an open transaction rolled back). Never throws.
     */
    void close();

    /** What a job gives its sink at a commit point. */
    interface Commit {
        /** Records nothing: a job without a checkpoint. */
        Commit NONE = new Commit() {
            @Override
            public boolean durable() {
                return false;
            }

            @Override
            public void record(Map<String, String> position) {
            }
        };

        /**
         * True when this commit point must survive a power loss (sync the data), false when it is enough that
         * it survives a killed process (the bytes are with the OS). A job asks for a durable one once a second.
         */
        boolean durable();

        /**
         * The rows so far are in the output, and {@code position} says where: the job saves its checkpoint
         * with it. Call it once that position holds as {@link #durable()} asks.
         */
        void record(Map<String, String> position);
    }
}
