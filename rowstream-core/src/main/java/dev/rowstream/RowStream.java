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
 */
public interface RowStream<T> extends Iterable<T>, AutoCloseable {

    /** The output columns, known once the stream is open. */
    Columns columns();

    /** The strategy in use (never {@link Strategy#AUTO}). */
    Strategy strategy();

    /** Rows handed out so far. */
    long rowCount();

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
