package dev.rowstream;

/**
 * What to read was described wrongly (an unknown table or column, a missing key, a bad option).
 * Always thrown before any row is read; the message names the problem and the fix.
 */
public class InvalidSpecException extends RowStreamException {
    private static final long serialVersionUID = 1L;

    public InvalidSpecException(String message) { super(message); }

    public InvalidSpecException(String message, Throwable cause) { super(message, cause); }
}
