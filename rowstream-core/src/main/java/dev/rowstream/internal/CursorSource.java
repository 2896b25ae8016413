package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.RowCopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One query streamed by the driver through a server-side cursor. Holds one connection and one
 * read-only transaction from open to close; the dialect makes the driver really stream.
 */
final class CursorSource implements RowSource {
    private static final Logger LOG = LoggerFactory.getLogger(CursorSource.class);

    private final Connection connection;
    private final Plan plan;
    private final Dialect dialect;
    private final String sql;
    private final List<Object> params;
    private boolean savedAutoCommit;
    private boolean savedReadOnly;
    private boolean began;
    private PreparedStatement statement;
    private ResultSet result;
    private final RowReader.Mode mode;
    private RowReader reader;
    private ResultRowView view;
    /** The fast path, or null; {@link #copy}: the segment's running copy when it took it. */
    private final FastRead fast;
    private RowCopy.Out copy;
    private boolean done;
    /** Checks that the rows really arrive a fetch at a time; null when done checking (or unable to). */
    private StreamingProbe probe;
    /** The longest the transaction may stay open (maxTransactionSeconds), or 0: a CURSOR read's budget. */
    private final long maxTransactionNanos;
    private long begunAt;
    private long rows;

    /** A CURSOR read. Takes ownership of {@code connection}: it is closed with this source. */
    CursorSource(Connection connection, Plan plan, RowReader.Mode mode) {
        this(connection, plan, new Plan.Sql(plan.fullQuery(), plan.params()), plan.budgets().maxTransactionNanos(),
                mode, null);
    }

    /**
     * Streams {@code query} rather than the plan's full query (a HYBRID segment, which HybridSource ends in
     * time by itself), through {@code fast} when not null and the segment's parameters allow.
     */
    CursorSource(Connection connection, Plan plan, Plan.Sql query, RowReader.Mode mode, FastRead fast) {
        this(connection, plan, query, 0, mode, fast);
    }

    private CursorSource(Connection connection, Plan plan, Plan.Sql query, long maxTransactionNanos,
                         RowReader.Mode mode, FastRead fast) {
        this.mode = mode;
        this.fast = fast;
        this.connection = connection;
        this.plan = plan;
        this.dialect = plan.dialect();
        this.sql = query.text();
        this.params = query.params();
        this.maxTransactionNanos = maxTransactionNanos;
    }

    @Override
    public void open() throws SQLException {
        savedAutoCommit = connection.getAutoCommit();
        savedReadOnly = connection.isReadOnly();
        began = true;
        begunAt = System.nanoTime();
        dialect.beginCursor(connection);
        dialect.localSettings(connection, plan.budgets().statementTimeout());
        String query = fast == null ? null : fast.query(new Plan.Sql(sql, params));
        copy = query == null ? null : fast.start(connection, query);
        if (copy != null) {
            // The copy streams as the cursor does: pgjdbc reads one row's message at a time off the socket.
            reader = fast.reader();
            return;
        }
        statement = dialect.prepareCursor(connection, sql, plan.batchSize());
        plan.budgets().limit(dialect, statement);
        Jdbc.bind(dialect, statement, params);
        probe = StreamingProbe.start(dialect, connection, plan.batchSize());
        result = statement.executeQuery();
        if (probe != null) {
            probe.executed();
        }
        reader = RowReader.of(plan, result.getMetaData(), mode);
        view = reader.view(result);
    }

    @Override
    public ResultRowView current() { return view; }

    @Override
    public Columns columns() { return reader.columns(); }

    @Override
    public String lastSql() { return sql; }

    @Override
    public Object[] next() throws SQLException {
        if (done) {
            return null;
        }
        // One subtraction and compare per row: cheap next to reading the row.
        if (maxTransactionNanos > 0 && System.nanoTime() - begunAt > maxTransactionNanos) {
            throw plan.budgets().transactionTooLong(plan, System.nanoTime() - begunAt, rows);
        }
        if (probe != null) {
            long before = probe.beforeRow();
            Object[] row = read();
            probe = probe.read(before, row == null, statement);
            return row;
        }
        return read();
    }

    private Object[] read() throws SQLException {
        if (copy != null) {
            byte[] raw = copy.next();
            if (raw != null) {
                rows++;
                return copy.decode(raw);
            }
        } else if (result.next()) {
            rows++;
            return reader.read(result);
        }
        finish(true);
        return null;
    }

    @Override
    public void close() {
        if (!done) {
            try {
                finish(false);
            } catch (SQLException e) {
                LOG.debug("closing an abandoned cursor: {}", e.toString());
            }
        }
    }

    /** Ends the read: commits after a complete read, else stops the query and rolls back. */
    private void finish(boolean complete) throws SQLException {
        done = true;
        Throwable failure = null;
        boolean discarded = false;
        if (!complete && copy != null) {
            copy.cancel();
        }
        if (!complete && statement != null && result != null) {
            try {
                discarded = dialect.abandonCursor(connection, statement);
            } catch (SQLException e) {
                LOG.debug("stopping the query: {}", e.toString());
            }
        }
        failure = quietly(result, failure, complete);
        failure = quietly(statement, failure, complete);
        if (began && !discarded) {
            failure = endTransaction(complete, failure);
        }
        failure = Jdbc.close(connection, failure);
        if (failure != null && complete) {
            throw failure instanceof SQLException ? (SQLException) failure : new SQLException(failure);
        }
    }

    private Throwable endTransaction(boolean commit, Throwable failure) {
        try {
            if (!connection.getAutoCommit()) {
                if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            }
            dialect.endCursor(connection);
            if (plan.budgets().statementTimeout() != null) {
                dialect.clearStatementTimeout(connection);
            }
            if (connection.isReadOnly() != savedReadOnly) {
                connection.setReadOnly(savedReadOnly);
            }
            connection.setAutoCommit(savedAutoCommit);
        } catch (SQLException e) {
            return add(failure, e);
        }
        return failure;
    }

    /** Closes; when the read was abandoned, errors from the cancelled query are expected and ignored. */
    private static Throwable quietly(AutoCloseable resource, Throwable failure, boolean complete) {
        Throwable after = Jdbc.close(resource, null);
        if (after == null) {
            return failure;
        }
        if (!complete) {
            LOG.debug("closing an abandoned cursor: {}", after.toString());
            return failure;
        }
        return add(failure, after);
    }

    private static Throwable add(Throwable failure, Throwable next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }
}
