package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How to make a driver stream one query's result through a server-side cursor, and how to stop it early.
 * The defaults are JDBC's: a read-only transaction, a forward-only statement, the fetch size.
 */
public interface Cursors {

    /** True when {@link #prepareCursor} makes this driver stream rather than buffer the whole result. */
    default boolean cursorStreams() {
        return true;
    }

    /**
     * Readies a connection for one streamed read: a read-only transaction. The caller has saved the
     * connection's auto-commit and read-only flags and restores them afterwards.
     */
    default void beginCursor(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setReadOnly(true);
    }

    /** Prepares a statement whose result the driver streams, {@code fetchSize} rows per round trip. */
    default PreparedStatement prepareCursor(Connection c, String sql, int fetchSize) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(fetchSize);
        return ps;
    }

    /**
     * Called when a streamed result is closed before its end. Most drivers close a cursor at once and
     * need nothing here. A driver that would instead read and discard every remaining row must stop
     * that here, and returns true when it had to discard the connection to do so.
     */
    default boolean abandonCursor(Connection connection, Statement statement) throws SQLException {
        return false;
    }

    /** Undoes session settings made by {@link #beginCursor}, after the transaction has ended. */
    default void endCursor(Connection c) throws SQLException {
    }
}
