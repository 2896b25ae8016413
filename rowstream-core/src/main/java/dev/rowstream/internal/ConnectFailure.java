package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.RowStreamException;
import dev.rowstream.StreamFailedException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * What a failed {@code DataSource.getConnection()} means, told apart without knowing the pool or the
 * driver (the library depends on neither).
 *
 * <ul>
 *   <li>Rejected: a bad user or password (SQLState class 28, {@link SQLInvalidAuthorizationSpecException}),
 *       an unknown database (class 3D on PostgreSQL) or one the user may not use (class 42 on MariaDB and
 *       MySQL: a login runs no SQL of ours, so an access rule is all it can violate). Bad input:
 *       {@link InvalidSpecException}, exit 2. Also when a pool times out because every attempt to open a
 *       connection was rejected: a pool keeps the last failure as the cause.</li>
 *   <li>Timed out: a pool with every connection in use for its whole timeout, or a server that did not
 *       answer within the driver's connect timeout. A runtime failure: {@link StreamFailedException},
 *       exit 1; the same input may well work later. Pools say so in their exception's type or message:
 *       HikariCP throws {@link SQLTransientConnectionException} "Connection is not available, request timed
 *       out after 1000ms (total=2, active=2, idle=0, waiting=0)"; DBCP, Tomcat's pool, c3p0 and Agroal a
 *       plain SQLException whose message says "timeout" or "timed out". That message is kept whole: the
 *       pool's state in it is what the user needs to act.</li>
 *   <li>Anything else (connection refused, unknown host, a driver that is missing...): as before, a
 *       problem with the URL, user or password: {@link InvalidSpecException}.</li>
 * </ul>
 *
 * <p>Public for the other packages that connect by themselves (the doctor), not as API.
 */
public final class ConnectFailure {
    private static final String POOL_FIX = "each open CURSOR stream holds a connection until it is closed or"
            + " read to the end (HYBRID, KEYSET and OFFSET streams only while a segment or batch is read): close"
            + " the streams you no longer read, or raise the pool's maximum size or its connection timeout";

    private ConnectFailure() {
    }

    /**
     * The exception for a failed {@code getConnection()}: an SQLException, or an unchecked exception with
     * one among its causes (HikariCP's lazily started pool throws PoolInitializationException from
     * {@code getConnection()}). The cause and its SQLState are kept.
     */
    public static RowStreamException of(Exception e) {
        if (!rejected(e) && timedOut(e)) {
            return new StreamFailedException(pool(e)
                    ? "could not get a connection within the pool's timeout: " + text(e) + "; " + POOL_FIX
                    : "could not connect within the driver's timeout: " + text(e)
                            + "; check that the database is up and reachable at the URL's host and port", e);
        }
        return new InvalidSpecException("cannot connect: " + text(e) + ": check the URL, user and password", e);
    }

    /**
     * True when a failure while reading is a pool that had no connection for the next batch or segment:
     * the pool's own transient exception, not a driver's (a lost connection has SQLState class 08, and
     * the readers resume after it before a failure gets here).
     */
    static boolean poolTimeout(SQLException e) {
        return e instanceof SQLTransientConnectionException && !rejected(e)
                && (e.getSQLState() == null || !e.getSQLState().startsWith("08")) && mentionsTimeout(e.getMessage());
    }

    /** The message for {@link #poolTimeout}: the pool's text with its state, and what to do. */
    static String poolTimeoutText(SQLException e) {
        return "could not get a connection within the pool's timeout: " + text(e) + "; " + POOL_FIX;
    }

    /** A login or database name the server refused, anywhere in the cause chain. */
    static boolean rejected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLInvalidAuthorizationSpecException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("28") || s.getSQLState().startsWith("3D")
                            || s.getSQLState().startsWith("42"))) {
                return true;
            }
        }
        return false;
    }

    /** A timeout anywhere in the cause chain, by type or by the message's words. */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                    || mentionsTimeout(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** A pool's timeout rather than the driver's: the pool's transient exception, or a message naming a pool. */
    private static boolean pool(Throwable e) {
        return e instanceof SQLTransientConnectionException
                || (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("pool"));
    }

    private static boolean mentionsTimeout(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("timeout") || m.contains("timed out") || m.contains("time out");
    }

    /**
     * The first line of the message, plus the first line of its cause when that says more (a pool keeps
     * its last failure to open a connection there; a driver its socket error), and the SQLState.
     */
    private static String text(Throwable e) {
        String text = Sql.firstLine(e.getMessage());
        Throwable cause = e.getCause();
        if (cause == null && e instanceof SQLException s) {
            cause = s.getNextException();
        }
        if (cause != null && cause != e) {
            String more = Sql.firstLine(cause.getMessage());
            if (!more.isEmpty() && !text.contains(more)) {
                text += " (caused by: " + more + ")";
            }
        }
        String state = sqlState(e);
        return text + (state == null ? "" : " (SQLState " + state + ")");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    /** True when {@code e} is or wraps an SQLException: a failure of the connection, not a bug. */
    static boolean fromJdbc(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
