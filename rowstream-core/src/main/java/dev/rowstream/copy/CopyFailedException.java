package dev.rowstream.copy;

import dev.rowstream.RowStreamException;

/**
 * Writing into the target failed, or a value could not be written without changing it. The batch that
 * failed is rolled back; the checkpoint still says where the committed rows end, so the copy can resume.
 */
public class CopyFailedException extends RowStreamException {
    private static final long serialVersionUID = 1L;

    public CopyFailedException(String message, Throwable cause) { super(message, cause); }

    public CopyFailedException(String message) { super(message); }
}
