package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.StreamListener;
import java.sql.Connection;
import java.sql.SQLException;
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
 * <p>Where each segment starts, its look-ahead row and the checks at every boundary are the
 * {@link Seeker}'s. A segment that does not start with the last one's look-ahead row is released before
 * the database is asked (MariaDB and MySQL cannot run a query on a connection that streams), and read again.
 */
final class HybridSource implements RowSource {
    private final DataSource dataSource;
    private final Plan plan;
    private final long segmentRows;
    private final long segmentNanos;
    private final Retry retry;
    private final StreamListener listener;
    private final RowReader.Mode mode;
    private final FastRead fast;
    private Seeker seeker;
    private Connection spare;
    private Connection connection;
    private CursorSource segment;
    private long segmentCount;
    private long segmentStart;
    /** The open segment's first row was checked. */
    private boolean started;
    private Columns columns;
    private String lastSql;

    /** {@code first}: a connection for the first segment (the planner's), owned from now on; or null. */
    HybridSource(DataSource dataSource, Plan plan, ReadSpec spec, Retry retry, Connection first) {
        this(dataSource, plan, spec, retry, first, RowReader.Mode.ROWS, null);
    }

    /** {@code fast}: the fast path (see {@link FastRead}), or null. */
    HybridSource(DataSource dataSource, Plan plan, ReadSpec spec, Retry retry, Connection first,
                 RowReader.Mode mode, FastRead fast) {
        this.mode = mode;
        this.dataSource = dataSource;
        this.fast = fast;
        this.spare = first;
        this.plan = plan;
        this.segmentRows = Math.min(spec.segmentRows(), Plan.MAX_SEGMENT_ROWS);
        this.segmentNanos = segmentNanos(plan, spec.segmentSeconds(), fast != null);
        this.retry = retry;
        this.seeker = new Seeker(plan, null, null);
        this.listener = spec.listener();
    }

    /**
     * segmentSeconds (already no longer than maxTransactionSeconds); where the statement timeout counts a
     * streamed query's whole life (MariaDB's max_statement_time), at most half of it, so that a segment
     * ends by time before the server stops it. So does a segment read through the fast path: the whole copy is
     * one statement.
     */
    private static long segmentNanos(Plan plan, long segmentSeconds, boolean copied) {
        long nanos = TimeUnit.SECONDS.toNanos(segmentSeconds);
        java.time.Duration timeout = plan.budgets().statementTimeout();
        if (timeout != null && (copied || plan.dialect().statementTimeoutSpansStream())) {
            nanos = Math.min(nanos, timeout.toNanos() / 2);
        }
        return nanos;
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
    public ResultRowView current() { return segment.current(); }

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
        seeker.stop();
        release();
        Jdbc.close(spare, null);
        spare = null;
    }

    private Object[] step() throws SQLException {
        while (true) {
            if (segment == null) {
                if (seeker.done()) {
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
            if (!started) {
                started = true;
                if (!seeker.startsAsExpected(row)) {
                    release();
                    try (Connection c = dataSource.getConnection()) {
                        seeker.confirm(c, row);
                    }
                    continue; // rows changed in between: read the segment again
                }
            }
            if (row == null) {
                // The data ended before the LIMIT: the cursor has committed and given its connection back.
                ended();
                seeker.pieceEnded(null);
                continue;
            }
            segmentCount++;
            seeker.handedOut(row);
            return row;
        }
    }

    private void openSegment() throws SQLException {
        Plan.Sql sql = seeker.piece(segmentRows);
        lastSql = sql.text();
        connection = spare != null ? spare : dataSource.getConnection();
        spare = null;
        segment = new CursorSource(connection, plan, sql, mode, fast);
        segmentCount = 0;
        started = false;
        seeker.beforePiece(connection, "where the read resumes");
        segmentStart = System.nanoTime();
        segment.open();
        if (columns == null) {
            columns = segment.columns();
        }
    }

    /** Ends a segment at its row or time limit, after its look-ahead row. */
    private void endSegment() throws SQLException {
        Object[] ahead = segment.next();
        if (ahead != null && segmentCount >= segmentRows) {
            // At its LIMIT the result ends by itself: this commits and gives the connection back.
            segment.next();
        }
        // By time, the cursor is abandoned instead (MariaDB and MySQL drivers discard the connection).
        ended();
        seeker.pieceEnded(ahead);
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
        seeker.failed();
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
