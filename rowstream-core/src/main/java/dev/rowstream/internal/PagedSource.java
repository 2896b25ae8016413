package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.StreamListener;
import dev.rowstream.dialect.BatchScope;
import dev.rowstream.dialect.RowCopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KEYSET or OFFSET batches. Each batch borrows a connection for one read-only query of at most
 * batchSize rows (the dialect's {@link BatchScope}: a read-only transaction, ended as soon as the driver
 * holds the whole batch, so no transaction waits on the consumer), and gives it back when the consumer has
 * taken the batch's rows. Rows are converted one at a time as they are handed out, so the
 * heap holds the driver's copy of one batch and nothing more: copying a batch out first would double
 * that, and a small heap then spends its time collecting garbage.
 *
 * <p>Where each batch starts, its look-ahead row and the checks at every boundary are the {@link Seeker}'s.
 *
 * <p>After a failure, {@link #next()} may be called again: it resumes after the last row handed out.
 */
final class PagedSource implements RowSource {
    private static final Logger LOG = LoggerFactory.getLogger(PagedSource.class);

    private final DataSource dataSource;
    private final Plan plan;
    private final int size;
    private final StreamListener listener;
    private Seeker seeker;
    private final RowReader.Mode mode;
    private RowReader reader;
    private ResultRowView view;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet result;
    /** The fast path, or null (see {@link FastRead}). */
    private final FastRead fast;
    /** The open batch's copy and its rows not yet handed out, when the batch came through the fast path. */
    private RowCopy.Out copy;
    private java.util.ArrayDeque<byte[]> copied;
    /** What makes the open batch read only, until it ends (see BatchScope.untilClosed), or null. */
    private BatchScope scope;
    /** Rows handed out from the open batch. */
    private int count;
    private String lastSql;

    PagedSource(DataSource dataSource, Plan plan, StreamListener listener) {
        this(dataSource, plan, listener, RowReader.Mode.ROWS, null);
    }

    /** {@code fast}: the fast path (see {@link FastRead}), or null. */
    PagedSource(DataSource dataSource, Plan plan, StreamListener listener, RowReader.Mode mode, FastRead fast) {
        this.mode = mode;
        this.dataSource = dataSource;
        this.fast = fast;
        this.plan = plan;
        this.listener = listener;
        this.size = plan.batchSize();
        this.seeker = new Seeker(plan, null, null);
    }

    /** Starts after {@code key} (a checkpoint's) rather than at the first row; call before {@link #open()}. */
    void startAfter(Object[] key) {
        range(key, null);
    }

    /**
     * Reads only the key range after {@code after} (exclusive; null: from the first row) up to {@code upTo}
     * (inclusive; null: to the last row), with the same seeks; call before {@link #open()}.
     */
    void range(Object[] after, Object[] upTo) {
        seeker = new Seeker(plan, after, upTo);
    }

    @Override
    public void open() throws SQLException {
        try {
            openBatch();
        } catch (SQLException | RuntimeException e) {
            seeker.failed();
            closeBatch(); // open() may be called again: release this batch's connection first
            throw e;
        }
    }

    @Override
    public Columns columns() { return reader.columns(); }

    @Override
    public String lastSql() { return lastSql; }

    @Override
    public Object[] next() throws SQLException {
        try {
            return step();
        } catch (SQLException | RuntimeException e) {
            // Resume after the last row handed out if called again.
            seeker.failed();
            closeBatch();
            throw e;
        }
    }

    @Override
    public void close() {
        seeker.stop();
        closeBatch();
    }

    private Object[] step() throws SQLException {
        while (true) {
            if (result == null && copied == null) {
                if (seeker.done()) {
                    return null;
                }
                openBatch();
            }
            Object[] row = nextRow();
            if (count == 0 && !seeker.startsAsExpected(row)) {
                seeker.confirm(connection, row);
            }
            if (row != null && count < size) {
                count++;
                seeker.handedOut(row);
                return row;
            }
            endBatch(row);
        }
    }

    private Object[] nextRow() throws SQLException {
        if (copied != null) {
            byte[] raw = copied.poll();
            return raw == null ? null : copy.decode(raw);
        }
        return result.next() ? reader.read(result) : null;
    }

    private void openBatch() throws SQLException {
        Plan.Sql sql = seeker.piece(size);
        lastSql = sql.text();
        count = 0;
        connection = dataSource.getConnection();
        seeker.beforePiece(connection, "where the read resumes");
        scope = plan.dialect().beginBatch(connection, plan.budgets().statementTimeout());
        String query = fast == null ? null : fast.query(sql);
        if (query != null && copyBatch(query)) {
            return;
        }
        statement = connection.prepareStatement(sql.text(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        // 0: the whole batch at once, whatever a defaultRowFetchSize in the URL says, so that the driver holds
        // it when the scope ends (a cursor would not survive the commit).
        statement.setFetchSize(0);
        plan.budgets().limit(plan.dialect(), statement);
        Jdbc.bind(plan.dialect(), statement, sql.params());
        result = statement.executeQuery();
        if (scope != null && !scope.untilClosed()) {
            endScope(true);
        }
        if (plan.budgets().statementTimeout() != null) {
            plan.dialect().clearStatementTimeout(connection);
        }
        if (reader == null) {
            reader = RowReader.of(plan, result.getMetaData(), mode);
        }
        view = reader.view(result);
    }

    @Override
    public ResultRowView current() { return view; }

    /**
     * Reads the batch through the fast path; false when this connection cannot copy. Its rows are held as the
     * driver holds an ordinary batch (fetch size 0), each until it is handed out, so that the scope ends here
     * as it does there, and no transaction waits on the consumer.
     */
    private boolean copyBatch(String query) throws SQLException {
        copy = fast.start(connection, query);
        if (copy == null) {
            return false;
        }
        copied = new java.util.ArrayDeque<>(Math.min(size + 1, 4096));
        for (byte[] raw = copy.next(); raw != null; raw = copy.next()) {
            copied.add(raw);
        }
        if (scope != null && !scope.untilClosed()) {
            endScope(true);
        }
        if (plan.budgets().statementTimeout() != null) {
            plan.dialect().clearStatementTimeout(connection);
        }
        if (reader == null) {
            reader = fast.reader();
        }
        return true;
    }

    /** {@code ahead}: the batch's look-ahead row, or null when its rows ran out. */
    private void endBatch(Object[] ahead) {
        int rows = count;
        closeBatch();
        listener.onBatch(rows);
        seeker.pieceEnded(ahead);
    }

    /** Ends the batch's scope: commits when {@code complete}, else rolls back. */
    private void endScope(boolean complete) throws SQLException {
        BatchScope ending = scope;
        scope = null;
        ending.end(complete);
    }

    private void closeBatch() {
        if (copy != null) {
            copy.cancel(); // a copy that failed half-way; one that ended has nothing to cancel
        }
        copy = null;
        copied = null;
        Throwable failure = Jdbc.close(result, null);
        failure = Jdbc.close(statement, failure);
        if (scope != null) {
            // A scope that lasts until the batch is closed, or a batch that failed: nothing was written
            // (the transaction is read only), so rolling back ends it as well as a commit would.
            try {
                endScope(false);
            } catch (SQLException e) {
                failure = failure == null ? e : failure;
            }
        }
        failure = Jdbc.close(connection, failure);
        result = null;
        statement = null;
        connection = null;
        count = 0;
        if (failure != null) {
            LOG.debug("closing a batch: {}", failure.toString());
        }
    }
}
