package dev.rowstream.format;

import dev.rowstream.RowStreamException;

/**
 * A value met while writing that the format cannot hold exactly in its column's type (a date column's
 * {@code infinity}, a number out of the column's range): the write stops rather than change it. The message
 * names the column, the row and the value's type, and what to do (cast it in the query, or write such
 * columns as text).
 */
public class UnwritableValueException extends RowStreamException {
    private static final long serialVersionUID = 1L;

    public UnwritableValueException(String message) {
        super(message);
    }

    public UnwritableValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
