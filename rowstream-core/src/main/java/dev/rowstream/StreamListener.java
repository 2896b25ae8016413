package dev.rowstream;

/**
 * Hears what a stream does besides handing out rows: batches, segments and reconnections. Set with
 * {@link ReadBuilder#listener}. Every method defaults to doing nothing.
 *
 * <p>The methods run on the thread that reads the rows, between two rows: keep them quick. An exception
 * thrown from one ends the stream, as one thrown from a {@link RowMapper} does.
 */
public interface StreamListener {
    /** Hears nothing. */
    StreamListener NONE = new StreamListener() {
    };

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
