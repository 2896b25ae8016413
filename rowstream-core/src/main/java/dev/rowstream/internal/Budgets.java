package dev.rowstream.internal;

import dev.rowstream.StreamFailedException;
import dev.rowstream.dialect.Dialect;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The limits a read keeps to, checked by {@link dev.rowstream.ReadBuilder} before any work.
 *
 * @param statementTimeout      how long any one query of the read may run, or null for no limit
 * @param maxTransactionSeconds how long a CURSOR read's transaction may stay open, or 0 for no limit
 */
public record Budgets(Duration statementTimeout, long maxTransactionSeconds) {
    /** No limits. */
    public static final Budgets NONE = new Budgets(null, 0);

    /** The statement timeout in whole seconds, as JDBC counts it: a part of a second counts as one. */
    int timeoutSeconds() {
        long millis = statementTimeout.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
    }

    /** Puts the statement timeout on a statement of the read, the dialect's way; nothing without one. */
    void limit(Dialect dialect, Statement statement) throws SQLException {
        if (statementTimeout != null) {
            dialect.applyStatementTimeout(statement, timeoutSeconds());
        }
    }

    long maxTransactionNanos() {
        return maxTransactionSeconds == 0 ? 0 : TimeUnit.SECONDS.toNanos(maxTransactionSeconds);
    }

    /** {@code 5 s}, or {@code 1.5 s} for a duration with a fraction of a second. */
    public static String seconds(Duration d) {
        long millis = d.toMillis();
        return (millis % 1000 == 0 ? String.valueOf(millis / 1000)
                : String.format(Locale.ROOT, "%.3f", millis / 1000.0).replaceAll("0+$", "")) + " s";
    }

    /** The query ran into the statement timeout: names the option, its value, and what helps. */
    StreamFailedException timedOut(Plan plan, SQLException e, long rows, String sql) {
        String value = seconds(statementTimeout);
        String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
        boolean streamed = plan.strategy() == dev.rowstream.Strategy.CURSOR
                || plan.strategy() == dev.rowstream.Strategy.HYBRID;
        String scope = streamed && plan.dialect().statementTimeoutSpansStream()
                ? " (on " + plan.dialect().name() + " it counts a streamed query's whole life, the time the consumer"
                        + " takes included)" : "";
        return new StreamFailedException("reading from " + plan.dialect().name() + " failed: the query ran longer than"
                + " the statement timeout of " + value + " (statementTimeout, --statement-timeout "
                + value.substring(0, value.length() - 2) + ")" + scope + " and was stopped after " + rows + " rows: "
                + Sql.firstLine(e.getMessage()) + state + ". Give a larger timeout, or use strategy keyset or hybrid"
                + " with a key, whose batches and segments are short queries of their own; SQL: "
                + (sql == null ? "?" : Sql.shorten(sql)), e);
    }

    /** A CURSOR's transaction outlived maxTransactionSeconds. */
    StreamFailedException transactionTooLong(Plan plan, long openNanos, long rows) {
        String open = String.format(Locale.ROOT, "%.1f", openNanos / 1e9);
        return new StreamFailedException("reading from " + plan.dialect().name() + " stopped after " + rows
                + " rows: the cursor's transaction has been open for " + open + " s, over its limit of "
                + maxTransactionSeconds + " s (maxTransactionSeconds, --max-transaction-seconds "
                + maxTransactionSeconds + "): use strategy(hybrid) with a key, which ends its transaction every"
                + " segmentSeconds(...)");
    }
}
