package dev.rowstream.dialect;

import java.sql.SQLException;

/**
 * What {@link Dialect#beginBatch} began for one KEYSET or OFFSET batch (a read-only transaction, a session
 * setting), ended exactly once by the reader.
 */
public interface BatchScope {

    /**
     * False (the default) when the driver holds the whole batch once its query has returned, so the scope
     * ends right then and no transaction waits while the consumer takes the rows. True when the driver
     * still reads rows as they are handed out, so the scope lasts until the batch's result is closed.
     */
    default boolean untilClosed() {
        return false;
    }

    /** Ends the scope: commits ({@code complete}) or rolls back, and undoes what it changed on the session. */
    void end(boolean complete) throws SQLException;
}
