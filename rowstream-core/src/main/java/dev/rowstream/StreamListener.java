package dev.rowstream;

/**
 * Hears what a stream does besides handing out rows: its start and end, batches, segments and reconnections
 * (for metrics: see the rowstream-micrometer module). Set with
 * {@link ReadBuilder#listener}. Every method defaults to doing nothing.
 *
 * <p>The methods run on the thread that reads the rows, between two rows: keep them quick. An exception
 * thrown from one ends the stream, as one thrown from a {@link RowMapper} does.
 */
public interface StreamListener {
    /** Hears nothing. */
    StreamListener NONE = new StreamListener() {
    };

    /**
     * The read is planned and about to run its first query, with {@code strategy} ({@link Strategy#AUTO}
     * resolved). Every stream that gets this far also gets {@link #onEnd}.
     */
    default void onStart(Strategy strategy) {
    }

    /**
     * The stream is over: {@code rows} rows were read from the database; {@code complete} is true when it
     * reached the end of the rows, false when it was closed before (or failed). Called once, by whoever
     * ends the stream: the reading thread at the end of the rows, else the thread that closes it. An
     * exception thrown here at the end of the rows ends the stream as a failure; on close it is logged.
     */
    default void onEnd(long rows, boolean complete) {
    }

    /** A KEYSET or OFFSET batch of {@code rows} rows was read, and its connection given back. */
    default void onBatch(int rows) {
    }

    /**
     * A HYBRID segment ended after handing out {@code rows} rows (by its row or time limit, or at the end
     * of the data): its transaction has ended and its connection has been given back.
     */
    default void onSegment(long rows) {
    }

    /**
     * The connection was lost, and the read resumes after a pause: {@code attempt} counts from 1 up to
     * the {@link ReadBuilder#retries} budget, and starts again at 1 once rows flow again.
     */
    default void onRetry(int attempt, Throwable cause) {
    }
}
