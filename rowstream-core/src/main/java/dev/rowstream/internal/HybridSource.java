package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.StreamListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * HYBRID: a server cursor cut into segments. Each segment is a {@link CursorSource} on a borrowed
 * connection: one read-only transaction that streams at most segmentRows rows (a LIMIT in its SQL) for
 * at most segmentSeconds. Then the transaction ends, the connection goes back, and the next segment
 * seeks past the key of the last row handed out, as a KEYSET batch does. So no transaction stays open
 * long, whatever the table's size or the consumer's speed.
 *
 * <p>A lost connection ends a segment early: after the {@link Retry}'s pause, the next segment resumes
 * the same way, so every row still comes once.
 *
 * <p>When the key is not proven unique (a query's key), a segment that ends before the data ends reads
 * one look-ahead row, as PagedSource's batches do: if it ties with the last row handed out, or the next
 * segment does not start with it (and the database counts the last key more than once), a seek would skip
 * rows, and the stream stops. After a lost connection there is no look-ahead row, so the rows equal to the
 * last key are counted before resuming.
 */
final class HybridSource implements RowSource {
    private final DataSource dataSource;
    private final Plan plan;
    private final long segmentRows;
    private final long segmentNanos;
    private final boolean guard;
    private final Retry retry;
    private final StreamListener listener;
    private Connection spare;
    private Connection connection;
    private CursorSource segment;
    private long segmentCount;
    private long segmentStart;
    private Columns columns;
    private Object[] lastRow;
    private Object[] expectedNext;
    private boolean countTies;
    /** The rows whose first key column is NULL are being read (see Plan.nullTailAfter). */
    private boolean inNullTail;
    private boolean done;
    /** Where the read starts: after a checkpoint's key, or null for the first row. */
    private Object[] startKey;
    private String lastSql;

    /** {@code first}: a connection for the first segment (the planner's), owned from now on; or null. */
    HybridSource(DataSource dataSource, Plan plan, ReadSpec spec, Retry retry, Connection first) {
        this.dataSource = dataSource;
        this.spare = first;
        this.plan = plan;
        this.segmentRows = Math.min(spec.segmentRows(), Plan.MAX_SEGMENT_ROWS);
        this.segmentNanos = segmentNanos(plan, spec.segmentSeconds());
        this.guard = !plan.keyUnique();
        this.retry = retry;
        this.listener = spec.listener();
    }

    /**
     * segmentSeconds (already no longer than maxTransactionSeconds); where the statement timeout counts a
     * streamed query's whole life (MariaDB's max_statement_time), at most half of it, so that a segment
     * ends by time before the server stops it.
     */
    private static long segmentNanos(Plan plan, long segmentSeconds) {
        long nanos = TimeUnit.SECONDS.toNanos(segmentSeconds);
        java.time.Duration timeout = plan.budgets().statementTimeout();
        if (timeout != null && plan.dialect().statementTimeoutSpansStream()) {
            nanos = Math.min(nanos, timeout.toNanos() / 2);
        }
        return nanos;
    }

    /** Starts after {@code key} (a checkpoint's) rather than at the first row; call before {@link #open()}. */
    void startAfter(Object[] key) {
        startKey = key;
    }

    @Override
    public void open() throws SQLException {
        while (true) {
            try {
                openSegment();
                return;
            } catch (SQLException e) {
                failed(e);
            }
        }
    }

    @Override
    public Columns columns() { return columns; }

    @Override
    public String lastSql() { return lastSql; }

    @Override
    public Object[] next() throws SQLException {
        while (true) {
            try {
                Object[] row = step();
                if (row != null) {
                    retry.delivered();
                }
                return row;
            } catch (SQLException e) {
                failed(e);
            }
        }
    }

    @Override
    public void close() {
        done = true;
        release();
        Jdbc.close(spare, null);
        spare = null;
    }

    private Object[] step() throws SQLException {
        while (true) {
            if (segment == null) {
                if (done) {
                    return null;
                }
                openSegment();
            }
            // Never end a segment before its first row: a segment slower to open than its time limit would loop.
            if (segmentCount > 0 && (segmentCount >= segmentRows || System.nanoTime() - segmentStart >= segmentNanos)) {
                endSegment();
                continue;
            }
            Object[] row = segment.next();
            if (segmentCount == 0) {
                Ties.checkAdvanced(plan, lastKey(), row);
            }
            if (expectedNext != null && !startsAsExpected(row)) {
                continue;
            }
            if (row == null) {
                // The data ended before the LIMIT: the cursor has committed and given its connection back.
                ended();
                if (!inNullTail && plan.nullTailAfter(lastKey())) {
                    inNullTail = true;
                    continue;
                }
                done = true;
                return null;
            }
            segmentCount++;
            lastRow = row;
            return row;
        }
    }

    private void openSegment() throws SQLException {
        if (countTies) {
            Ties.confirmUnique(dataSource, plan, lastKey(), "where the read resumes after a lost connection");
            countTies = false;
        }
        Object[] from = lastKey();
        if (inNullTail && (from == null || from[0] != null)) {
            from = Plan.NULL_TAIL; // no NULL row handed out yet
        }
        Plan.Sql sql = plan.segment(from, segmentRows);
        lastSql = sql.text();
        connection = spare != null ? spare : dataSource.getConnection();
        spare = null;
        segment = new CursorSource(connection, plan, sql);
        segmentCount = 0;
        segmentStart = System.nanoTime();
        segment.open();
        if (columns == null) {
            columns = segment.columns();
        }
    }

    /** Ends a segment at its row or time limit, with a look-ahead row when the key is not proven unique. */
    private void endSegment() throws SQLException {
        if (guard) {
            Object[] ahead = segment.next();
            if (ahead == null) {
                ended();
                if (!inNullTail && plan.nullTailAfter(lastKey())) {
                    inNullTail = true;
                } else {
                    done = true;
                }
                return;
            }
            Object[] key = Ties.key(plan, ahead);
            if (Arrays.deepEquals(key, lastKey())) {
                throw Ties.notUnique(plan, key, "rows at a segment boundary share the key " + Arrays.deepToString(key));
            }
            expectedNext = key;
        }
        if (segmentCount >= segmentRows) {
            // At its LIMIT the result ends by itself: this commits and gives the connection back.
            segment.next();
        }
        // By time, the cursor is abandoned instead (MariaDB and MySQL drivers discard the connection).
        ended();
    }

    /**
     * False when the first row of a segment is not the look-ahead row of the last boundary. Rows may have
     * changed in between, which is fine; but if the database counts the last key more than once, the seek
     * skipped rows that tie with it, and this throws. Otherwise the segment is read again from the start.
     */
    private boolean startsAsExpected(Object[] row) throws SQLException {
        Object[] expected = expectedNext;
        expectedNext = null;
        if (row != null && Arrays.deepEquals(Ties.key(plan, row), expected)) {
            return true;
        }
        release();
        Ties.confirmUnique(dataSource, plan, lastKey(), "at a segment boundary");
        return false;
    }

    /** The segment is over: releases it and tells the listener. */
    private void ended() {
        long rows = segmentCount;
        release();
        listener.onSegment(rows);
    }

    private void failed(SQLException e) throws SQLException {
        // Ask before closing: a driver may report a lost connection only by having closed it.
        boolean lost = plan.dialect().connectionLost(e, connection);
        release();
        retry.failed(e, lost, lastSql);
        countTies = guard && lastRow != null;
    }

    /** The key of the last row handed out, where the next segment starts; null before the first row. */
    private Object[] lastKey() {
        return lastRow == null ? startKey : Ties.key(plan, lastRow);
    }

    /** Closes the segment (commits at its end, else abandons it) and gives its connection back. Never throws. */
    private void release() {
        if (segment != null) {
            segment.close();
        }
        segment = null;
        connection = null;
    }
}
