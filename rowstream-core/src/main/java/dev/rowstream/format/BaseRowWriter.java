package dev.rowstream.format;

import dev.rowstream.Columns;
import dev.rowstream.Row;

import java.io.IOException;

/**
 * The call-order checks every format shares, so a misuse fails the same way in each: a format module's writer
 * extends it too.
 */
public abstract class BaseRowWriter implements RowWriter {
    private int width = -1;
    private boolean closed;

    @Override
    public final void begin(Columns columns) throws IOException {
        checkOpen();
        if (width >= 0) {
            throw new IllegalStateException("begin(columns) was already called on this writer");
        }
        width = columns.size();
        writeHeader(columns);
    }

    @Override
    public final void write(Row row) throws IOException {
        checkOpen();
        if (width < 0) {
            throw new IllegalStateException("call begin(columns) before write(row)");
        }
        // A row of another width would shift every later field: refuse it rather than write it.
        if (row.size() != width) {
            throw new IllegalArgumentException("row has " + row.size() + " values, but begin(columns) gave " + width + " columns");
        }
        writeRow(row);
    }

    @Override
    public final void close() throws IOException {
        if (!closed) {
            closed = true;
            finish();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this row writer is closed");
        }
    }

    protected abstract void writeHeader(Columns columns) throws IOException;

    protected abstract void writeRow(Row row) throws IOException;

    /** Flushes what is buffered, without closing the target. */
    protected abstract void finish() throws IOException;
}
