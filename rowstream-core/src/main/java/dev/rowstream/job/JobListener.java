package dev.rowstream.job;

import dev.rowstream.Strategy;

/**
 * Hears what an {@link ExportJob} does, on the job's thread: its start, each row written, each commit point,
 * and notes a person should see. Every method defaults to doing nothing; an exception thrown from one stops
 * the job (rows after the last commit point are then not counted as done). For the read's own events
 * (batches, segments, reconnections) see {@link dev.rowstream.StreamListener}.
 */
public interface JobListener {
    /** Hears nothing. */
    JobListener NONE = new JobListener() {
    };

    /** The rows start flowing: {@code resumedAfter} rows were written by earlier runs (0 for a fresh start). */
    default void onStart(Strategy strategy, long resumedAfter) {
    }

    /**
     * Something the person running the job should know, that is neither an error nor progress: for example
     * that there was no checkpoint to resume from, so the job starts from the beginning. Also logged at INFO.
     */
    default void onNotice(String message) {
    }

    /** One more row handed to the sink (not committed yet). Called once per row: keep it cheap. */
    default void onRow() {
    }

    /** A commit point: {@code rows} written by this run are durable in the sink, {@code total} with earlier runs. */
    default void onCommit(long rows, long total) {
    }
}
