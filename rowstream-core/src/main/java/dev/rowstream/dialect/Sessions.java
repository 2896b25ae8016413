package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a read sets on its session and undoes afterwards: the read-only transaction of a batch, the
 * session's name, and the statement timeout.
 */
public interface Sessions {

    /**
     * Names the session for the server's session list, inside the read-only transaction that
     * {@link Cursors#beginCursor} began. The name must end with the transaction, so that a pooled connection
     * goes back as it came. Most databases have no such name: nothing to do.
     */
    default void tagSession(Connection c) throws SQLException {
    }

    /**
     * Sets, inside the read-only transaction that {@link Cursors#beginCursor} or {@link #beginBatch} began, what
     * must end with that transaction: the session's name ({@link #tagSession}) and, where the server has
     * one of its own, a statement timeout ({@code statementTimeout} may be null). By default only the name:
     * {@link #applyStatementTimeout} puts the timeout on each statement.
     */
    default void localSettings(Connection c, java.time.Duration statementTimeout) throws SQLException {
        tagSession(c);
    }

    /** Puts the read's statement timeout on one statement: JDBC's {@code setQueryTimeout}, in whole seconds. */
    default void applyStatementTimeout(Statement statement, int seconds) throws SQLException {
        statement.setQueryTimeout(seconds);
    }

    /**
     * Undoes, after a statement of the read, what {@link #applyStatementTimeout} changed beyond the statement
     * (a driver that makes it a session setting). Nothing by default.
     */
    default void clearStatementTimeout(Connection c) throws SQLException {
    }

    /**
     * True when the statement timeout counts a streamed query's whole life, the time the consumer takes
     * included (the server measures it until the last row is sent), rather than the time until rows come.
     */
    default boolean statementTimeoutSpansStream() {
        return false;
    }

    /**
     * Readies a connection for one KEYSET or OFFSET batch, which runs read only like every read: by default
     * a read-only transaction (auto-commit off, read only, then {@link #localSettings}), ended by the
     * returned scope, which puts both flags back as they were. Returns null when the batch runs in plain
     * auto-commit (a database that cannot make a session read only). {@code statementTimeout} may be null.
     */
    default BatchScope beginBatch(Connection c, java.time.Duration statementTimeout) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        boolean readOnly = c.isReadOnly();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        boolean whole = readsBatchWhole();
        BatchScope scope = new BatchScope() {
                    public boolean untilClosed() {
                return !whole;
            }

                    public void end(boolean complete) throws SQLException {
                try {
                    if (complete) {
                        c.commit();
                    } else {
                        c.rollback();
                    }
                } finally {
                    if (c.isReadOnly() != readOnly) {
                        c.setReadOnly(readOnly);
                    }
                    c.setAutoCommit(autoCommit);
                }
            }
        };
        try {
            localSettings(c, statementTimeout);
        } catch (SQLException | RuntimeException e) {
            try {
                scope.end(false);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        return scope;
    }

    /**
     * True when, with fetch size 0 on a forward-only statement, the driver has read a batch's whole result
     * once {@code executeQuery} returns, also inside a transaction: then a batch's transaction ends before
     * its rows are handed out. False for a driver not known to (it might stream and lose its cursor at the
     * commit): the transaction then lasts until the batch is closed.
     */
    default boolean readsBatchWhole() {
        return false;
    }
}
