package dev.rowstream.checkpoint;

import dev.rowstream.InvalidSpecException;

/**
 * A checkpoint cannot be used: it was made for another read, by a version of rowstream this one does not
 * know, or it is unreadable. Thrown before any row is read, never silently worked around.
 */
public class CheckpointException extends InvalidSpecException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) { super(message); }

    public CheckpointException(String message, Throwable cause) { super(message, cause); }
}
