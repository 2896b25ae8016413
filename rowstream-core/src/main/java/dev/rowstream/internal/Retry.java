package dev.rowstream.internal;

import dev.rowstream.StreamFailedException;
import dev.rowstream.StreamListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a read fails: resume after a lost connection, within a budget of attempts and with
 * growing pauses (0.5 s, 1 s, 2 s ... at most 30 s); say so when the statement timeout stopped the query;
 * rethrow anything else. The budget starts again
 * once a row has been read after the reconnection.
 */
final class Retry {
    private static final Logger LOG = LoggerFactory.getLogger(Retry.class);
    static final long FIRST_PAUSE_MILLIS = 500;
    static final long MAX_PAUSE_MILLIS = 30_000;

    private final Plan plan;
    private final int retries;
    private final boolean resumable;
    private final StreamListener listener;
    private int attempt;
    private long rows;
    /** Told of a lost connection before the read resumes, so that the connection is not used again. */
    private Runnable lostConnection = () -> { };

    private Retry(Plan plan, int retries, boolean resumable, StreamListener listener) {
        this.plan = plan;
        this.retries = retries;
        this.resumable = resumable;
        this.listener = listener;
    }

    /** For a read that resumes after the last row it handed out (KEYSET, OFFSET, HYBRID). */
    static Retry resuming(Plan plan, int retries, StreamListener listener) {
        return new Retry(plan, retries, true, listener);
    }

    /** For a read that cannot resume (CURSOR): a lost connection fails it at once, saying what would resume. */
    static Retry never(Plan plan) {
        return new Retry(plan, 0, false, StreamListener.NONE);
    }

    /** Runs {@code r} whenever a failure is taken for a lost connection (see {@link StreamConnection#lost()}). */
    Retry whenLost(Runnable r) {
        this.lostConnection = r;
        return this;
    }

    /** A row was read: the connection works, so the budget starts again. */
    void delivered() {
        rows++;
        attempt = 0;
    }

    /**
     * Returns, after the pause, when the read should resume on a new connection; otherwise throws:
     * {@code e} itself when it is not a lost connection, or a {@link StreamFailedException} when the read
     * cannot resume or the budget is spent.
     *
     * @param connection the connection that failed, if still open; null when unknown
     * @param sql        the SQL that failed, for the message
     */
    void failed(SQLException e, Connection connection, String sql) throws SQLException {
        failed(e, plan.dialect().connectionLost(e, connection), sql);
    }

    /** As above, for a caller that asked the dialect itself whether the connection was {@code lost}. */
    void failed(SQLException e, boolean lost, String sql) throws SQLException {
        // A query stopped by the statement timeout would only run into it again: never retried.
        if (plan.budgets().statementTimeout() != null && plan.dialect().timedOut(e)) {
            throw plan.budgets().timedOut(plan, e, rows, sql);
        }
        if (!lost) {
            throw e;
        }
        lostConnection.run();
        String cause = Sql.firstLine(e.getMessage())
                + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
        if (!resumable) {
            throw new StreamFailedException("reading from " + plan.dialect().name() + " failed: the connection was lost"
                    + " after " + rows + " rows, and strategy cursor cannot resume: " + cause + ". Use strategy hybrid"
                    + (plan.hasKey() ? "" : " or keyset with a key (key(...), or a table with a primary key)")
                    + " to resume after the last row read; SQL: " + shorten(sql), e);
        }
        if (++attempt > retries) {
            throw new StreamFailedException("reading from " + plan.dialect().name() + " failed: the connection was lost"
                    + " after " + rows + " rows, and " + (retries == 0 ? "resuming is off (retries(0))"
                    : "reconnecting did not help: " + attempt + " attempts in a row failed (retries(" + retries
                    + ") allows " + retries + " after the first)") + "; the last with: " + cause + "; SQL: "
                    + shorten(sql), e);
        }
        long pause = pause(attempt);
        LOG.warn("the connection to {} was lost after {} rows: {}; retry {} of {} in {} ms, resuming the {} read"
                + " after the last row read", plan.dialect().name(), rows, cause, attempt, retries, pause, strategy());
        listener.onRetry(attempt, e);
        try {
            Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            StreamFailedException f = new StreamFailedException("interrupted while waiting to reconnect to "
                    + plan.dialect().name() + " after a lost connection: " + cause, e);
            f.addSuppressed(interrupted);
            throw f;
        }
    }

    /** 0.5 s, 1 s, 2 s, ... for attempts 1, 2, 3, ..., at most {@link #MAX_PAUSE_MILLIS}. */
    static long pause(int attempt) {
        return attempt > 16 ? MAX_PAUSE_MILLIS : Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << (attempt - 1));
    }

    private String strategy() {
        return plan.strategy().name().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String sql) {
        return sql == null ? "?" : Sql.shorten(sql);
    }
}
