package dev.rowstream;

/** The database or driver failed while rows were being read. */
public class StreamFailedException extends RowStreamException {
    private static final long serialVersionUID = 1L;

    public StreamFailedException(String message, Throwable cause) { super(message, cause); }

    public StreamFailedException(String message) { super(message); }
}
