package dev.rowstream;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stream of rows read in bounded memory. Reaching the end, {@link #close()}, or an exception
 * thrown from {@link #forEach} releases the result set, statement, transaction and connection.
 * Use it in try-with-resources; it can be iterated once.
 *
 * <p>What an open stream holds, and for how long, depends on its {@link #strategy()}:
 * <ul>
 *   <li>{@link Strategy#CURSOR CURSOR}: one connection and one read-only transaction, from
 *       {@code open()} until the last row is read or the stream is closed, however slowly the rows are
 *       consumed. A pool of N connections serves at most N open CURSOR streams; one more waits for the
 *       pool's timeout, then fails with a {@link StreamFailedException} that quotes the pool's state.</li>
 *   <li>{@link Strategy#HYBRID HYBRID}: one connection and one read-only transaction per segment, for
 *       {@link ReadBuilder#segmentSeconds(long) segmentSeconds} (or {@link ReadBuilder#segmentRows(long)
 *       segmentRows}) at most; none between segments. The limit is checked when the next row is asked
 *       for, so a consumer that stalls on one row holds the segment that long.</li>
 *   <li>{@link Strategy#KEYSET KEYSET} and {@link Strategy#OFFSET OFFSET}: one connection per batch, while
 *       the consumer takes that batch's rows (autocommit: no transaction stays open); none between
 *       batches.</li>
 * </ul>
 * No stream ever holds two connections at once, so HYBRID, KEYSET and OFFSET streams share a pool of any
 * size without deadlock, even more streams than connections (each batch or segment may then wait for
 * the pool). A {@link StreamListener} is called between batches and segments, when the stream holds
 * none.
 *
 * <p>A stream that is neither closed nor read to its end, and that the program drops, is closed when the
 * garbage collector finds it, with a WARN that shows where it was opened. That may be much later, or
 * never, and a CURSOR stream holds its connection and transaction until then: it is a safety net, not a
 * way to close streams. A listener that refers to the stream keeps it from being collected.
 */
public interface RowStream<T> extends Iterable<T>, AutoCloseable {

    /** The output columns, known once the stream is open. */
    Columns columns();

    /** The strategy in use (never {@link Strategy#AUTO}). */
    Strategy strategy();

    /**
     * True when the read's batches or segments come through the database's bulk protocol (PostgreSQL:
     * {@code COPY ... TO STDOUT (FORMAT binary)}); see {@link ReadBuilder#fastPath(boolean)}.
     */
    default boolean fastPath() {
        return false;
    }

    /** Rows handed out so far. */
    long rowCount();

    /**
     * Where the stream stands: the key of the last row handed out and the rows handed out so far (counting
     * those of the run it resumed from), for {@link ReadBuilder#resumeFrom} to go on after that row. Call it
     * at a boundary of the consumer's own, once what it did with the rows so far is done (written, flushed,
     * committed). Cheap: no database access. Needs a key, and a strategy that seeks after one: KEYSET, HYBRID,
     * or CURSOR with a key; else it throws {@link InvalidSpecException}.
     */
    default dev.rowstream.checkpoint.Checkpoint checkpoint() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no checkpoints");
    }

    @Override
    Iterator<T> iterator();

    /** Feeds every row to {@code action}, then closes the stream, also when the action throws. */
    @Override
    default void forEach(Consumer<? super T> action) {
        try (this) {
            Iterator<T> it = iterator();
            while (it.hasNext()) {
                action.accept(it.next());
            }
        }
    }

    /** A sequential {@link Stream}; closing it closes this row stream. */
    default Stream<T> stream() {
        Spliterator<T> split = Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(split, false).onClose(this::close);
    }

    /** Releases everything the stream holds. Quick even in the middle of a huge result. Idempotent. */
    @Override
    void close();
}
