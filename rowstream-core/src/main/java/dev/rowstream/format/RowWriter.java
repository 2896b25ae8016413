package dev.rowstream.format;

import dev.rowstream.Columns;
import dev.rowstream.Row;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/**
 * Writes rows, one at a time, in one {@link Format}. Get one from {@link Format#writer}.
 *
 * <p>Call {@link #begin} once, then {@link #write} per row, then {@link #close}. A writer keeps
 * no rows: each is written through to the target {@link java.io.Writer} (at most that writer's
 * buffer is held), so memory stays constant however many rows pass. Not thread-safe.
 */
public interface RowWriter extends Flushable, Closeable {
    /** Starts the output for rows of this shape: CSV writes its header row here. */
    void begin(Columns columns) throws IOException;

    /** Writes one row; it must have as many values as the columns given to {@link #begin}. */
    void write(Row row) throws IOException;

    /** Pushes everything written so far to the target writer, and flushes it. */
    @Override
    void flush() throws IOException;

    /**
     * What the caller's summary line should add about this output, or "" (XLSX: the sheets it used when the rows
     * did not fit one). Meaningful after {@link #close()}.
     */
    default String summary() {
        return "";
    }

    /** Flushes; the target writer stays open (whoever opened it closes it). Idempotent. */
    @Override
    void close() throws IOException;
}
