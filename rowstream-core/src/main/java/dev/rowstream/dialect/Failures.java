package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;

/** Which failures mean that the connection is gone, and which that the statement timeout stopped a query. */
public interface Failures {

    /**
     * True when {@code e} says that the statement timeout stopped the query: by default a
     * {@link java.sql.SQLTimeoutException} anywhere in the cause chain. Only asked when the read has one.
     */
    default boolean timedOut(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code e} means that the connection is gone (a killed session, a network reset, a
     * server restart), so that the same read on a new connection can succeed; never for an error in the
     * SQL or the data. {@code c} is the connection that failed, or null when it is already closed.
     *
     * <p>Standard signs: SQLState class 08 (connection exception), {@link SQLNonTransientConnectionException}
     * and {@link SQLRecoverableException}, anywhere in the cause chain; or a connection the driver has
     * closed after the failure.
     */
    default boolean connectionLost(SQLException e, Connection c) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        try {
            return c != null && c.isClosed();
        } catch (SQLException unknown) {
            return true;
        }
    }

    /** True when any SQLException in {@code e}'s cause chain has one of {@code states}. */
    static boolean hasState(SQLException e, String... states) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                for (String state : states) {
                    if (state.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
