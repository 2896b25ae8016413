package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.dialect.BatchScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
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
 * <p>When the schema does not prove the key unique, each batch reads one row more than it returns.
 * If that row ties with the batch's last row, or the next batch does not start with it, the key is not
 * unique and seeking past it would skip rows: the stream stops instead of losing them.
 *
 * <p>After a failure, {@link #next()} may be called again: it resumes after the last row handed out.
 */
final class PagedSource implements RowSource {
    private static final Logger LOG = LoggerFactory.getLogger(PagedSource.class);

    private final DataSource dataSource;
    private final Plan plan;
    private final boolean keyset;
    private final boolean guard;
    private final int size;
    private final StreamListener listener;
    private RowReader reader;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet result;
    /** What makes the open batch read only, until it ends (see BatchScope.untilClosed), or null. */
    private BatchScope scope;
    /** Rows handed out from the open batch. */
    private int count;
    private Object[] lastRow;
    /** Where the next batch seeks from: the last row's key, {@link Plan#NULL_TAIL}, or null at the start. */
    private Object[] lastKey;
    /** The key the next batch must start with (the look-ahead row of a guarded batch), or null. */
    private Object[] expectedNext;
    /** After a failure in a guarded read: count the last key's rows before going on. */
    private boolean confirmBeforeNext;
    private long offset;
    private boolean exhausted;
    private String lastSql;

    PagedSource(DataSource dataSource, Plan plan, StreamListener listener) {
        this.dataSource = dataSource;
        this.plan = plan;
        this.listener = listener;
        this.keyset = plan.strategy() == Strategy.KEYSET;
        this.guard = !plan.keyUnique();
        this.size = plan.batchSize();
    }

    /** Starts after {@code key} (a checkpoint's) rather than at the first row; call before {@link #open()}. */
    void startAfter(Object[] key) {
        lastKey = key;
    }

    @Override
    public void open() throws SQLException {
        try {
            openBatch();
        } catch (SQLException | RuntimeException e) {
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
            keepPosition();
            confirmBeforeNext = guard && lastKey != null;
            expectedNext = null;
            closeBatch();
            throw e;
        }
    }

    @Override
    public void close() {
        exhausted = true;
        closeBatch();
    }

    private Object[] step() throws SQLException {
        while (true) {
            if (result == null) {
                if (exhausted) {
                    return null;
                }
                openBatch();
            }
            Object[] row = result.next() ? reader.read(result) : null;
            if (count == 0) {
                checkStart(row);
            }
            if (row != null && count < size) {
                count++;
                offset++;
                lastRow = row;
                return row;
            }
            endBatch(row);
        }
    }

    private void openBatch() throws SQLException {
        if (confirmBeforeNext) {
            Ties.confirmUnique(dataSource, plan, lastKey, "where the read resumes after a failure");
            confirmBeforeNext = false;
        }
        int limit = guard ? size + 1 : size;
        Plan.Sql sql = keyset ? plan.keysetBatch(lastKey, limit) : plan.offsetBatch(offset, limit);
        lastSql = sql.text();
        count = 0;
        connection = dataSource.getConnection();
        scope = plan.dialect().beginBatch(connection, plan.budgets().statementTimeout());
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
            reader = RowReader.of(plan, result.getMetaData());
        }
    }

    /**
     * The first row of a batch (null when it is empty) must move past the last key, and be the
     * look-ahead row when there was one. If it is not, either rows changed in between (fine: keyset reads
     * what exists), or rows tie with the last key in the database's own comparison (a case-insensitive
     * collation makes 'a' equal 'A'): then rows would be lost, and Ties throws.
     */
    private void checkStart(Object[] row) throws SQLException {
        if (keyset && row != null) {
            Ties.checkAdvanced(plan, lastKey, row);
        }
        if (expectedNext != null && (row == null || !Arrays.deepEquals(Ties.key(plan, row), expectedNext))) {
            Ties.confirmUnique(connection, plan, lastKey, "at a batch boundary");
        }
        expectedNext = null;
    }

    /** {@code extra}: the look-ahead row of a guarded batch, or null when the batch's rows ran out. */
    private void endBatch(Object[] extra) {
        keepPosition();
        boolean ranOut = extra == null && (guard || count < size);
        if (extra != null) {
            expectedNext = Ties.key(plan, extra);
            if (Arrays.deepEquals(expectedNext, lastKey)) {
                throw Ties.notUnique(plan, expectedNext, "rows at a batch boundary share the key "
                        + Arrays.deepToString(expectedNext));
            }
        }
        closeBatch();
        listener.onBatch(count);
        if (ranOut && keyset && plan.nullTailAfter(lastKey)) {
            lastKey = Plan.NULL_TAIL;
        } else if (ranOut) {
            exhausted = true;
        }
    }

    /** Moves the seek position to the last row handed out in the open batch. */
    private void keepPosition() {
        if (count > 0 && lastRow != null) {
            lastKey = Ties.key(plan, lastRow);
        }
    }

    /** Ends the batch's scope: commits when {@code complete}, else rolls back. */
    private void endScope(boolean complete) throws SQLException {
        BatchScope ending = scope;
        scope = null;
        ending.end(complete);
    }

    private void closeBatch() {
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
