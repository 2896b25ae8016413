package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.Row;
import dev.rowstream.RowMapper;
import dev.rowstream.RowStream;
import dev.rowstream.RowViewMapper;
import dev.rowstream.StreamFailedException;
import dev.rowstream.Strategy;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RowStream} over any {@link RowSource}: maps rows, counts them, and closes on every way out.
 *
 * <p>A stream that becomes unreachable while still open (neither closed nor read to its end) is closed
 * by a {@link Cleaner}, with a WARN naming where it was opened: else a CURSOR stream would keep its
 * connection and transaction until the JVM exits, and a pool would run dry (spring-framework #27988,
 * jOOQ #12760). What the cleaning action needs sits in {@link Held}, which never refers to the stream: a
 * reference back would keep the stream reachable forever. Where a stream was opened is a {@link Throwable}
 * made once per stream, a few microseconds next to the milliseconds of its first query.
 *
 * <p>The Cleaner's thread then closes the source, so the connection is rolled back, aborted (MariaDB and
 * MySQL) or closed from another thread than the one that used it. JDBC drivers allow that: {@code close},
 * {@code rollback} and {@code abort} are the calls a pool makes from its own threads too, and nothing
 * else uses the connection any more. No happens-before edge links the owner's last writes to the
 * Cleaner's thread; in practice the collection that found the stream unreachable orders them, as it does
 * for every Cleaner.
 */
final class DefaultRowStream<T> implements RowStream<T>, Iterator<T> {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultRowStream.class);
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread t = new Thread(runnable, "rowstream-cleaner");
        t.setDaemon(true);
        return t;
    });
    /** Streams closed by the Cleaner since the JVM started: a hook for tests. */
    private static final AtomicLong UNCLOSED = new AtomicLong();

    private final Held held;
    private final Cleaner.Cleanable cleanable;
    private final RowSource source;
    private final Plan plan;
    private final Mapping<T> mapping;
    private final Columns columns;
    private T next;
    private boolean closed;
    private boolean iterating;
    /** The values of {@code next}, and of the last row handed out: its key is the checkpoint's. */
    private Object[] nextValues;
    private Object[] lastValues;
    /** The checkpoint this stream resumed from, or null. */
    dev.rowstream.checkpoint.Checkpoint resumedFrom;
    /** The read's pieces go through the dialect's fast path (see FastRead). */
    boolean fastPath;

    DefaultRowStream(RowSource source, Plan plan, Mapping<T> mapping) {
        this.source = source;
        this.plan = plan;
        this.mapping = mapping;
        this.columns = source.columns();
        this.held = new Held(source, plan, new Throwable("opened here"));
        this.cleanable = CLEANER.register(this, held);
    }

    @Override
    public Columns columns() { return columns; }

    @Override
    public Strategy strategy() { return plan.strategy(); }

    @Override
    public boolean fastPath() { return fastPath; }

    @Override
    public long rowCount() { return held.count; }

    @Override
    public dev.rowstream.checkpoint.Checkpoint checkpoint() {
        return Resume.at(plan, lastValues, held.count, resumedFrom);
    }

    @Override
    public Iterator<T> iterator() {
        if (iterating) {
            throw new IllegalStateException("a RowStream can be iterated only once");
        }
        iterating = true;
        return this;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        try {
            Object[] values = source.next();
            if (values == null) {
                close();
                return false;
            }
            next = mapping.map(source, columns, plan.outputWidth(), values);
            nextValues = values;
            if (next == null) {
                throw new NullPointerException("the " + mapping.mapperName() + " returned null");
            }
            return true;
        } catch (SQLException e) {
            close();
            throw failure(e, source.lastSql(), plan);
        } catch (ResultRowView.ReadFailure e) {
            close();
            throw failure(e.sqlException(), source.lastSql(), plan);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        } finally {
            // The stream must not look unreachable while its source is reading: the Cleaner would close it.
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T t = next;
        next = null;
        lastValues = nextValues;
        held.count++;
        return t;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            next = null;
            held.closedByOwner = true;
            cleanable.clean(); // runs Held.run() here, once: closes the source
        }
    }

    /**
     * How a source's row becomes the stream's element. A {@link RowMapper} gets a {@link Row} of the values the
     * source read; a {@link RowViewMapper} reads the result in place, while the source stands on the row (it
     * is called before the source is asked for the next one, which may move the result or end it).
     */
    interface Mapping<T> {
        T map(RowSource source, Columns columns, int width, Object[] values) throws SQLException;

        RowReader.Mode mode();

        String mapperName();

        static <T> Mapping<T> rows(RowMapper<T> mapper) {
            return new Mapping<>() {
                @Override
                public T map(RowSource source, Columns columns, int width, Object[] values) {
                    return mapper.map(new Row(columns, values.length == width ? values : Arrays.copyOf(values, width)));
                }

                @Override
                public RowReader.Mode mode() { return RowReader.Mode.ROWS; }

                @Override
                public String mapperName() { return "RowMapper"; }
            };
        }

        static <T> Mapping<T> view(RowViewMapper<T> mapper) {
            return new Mapping<>() {
                @Override
                public T map(RowSource source, Columns columns, int width, Object[] values) {
                    ResultRowView view = source.current();
                    view.live(values);
                    try {
                        return mapper.map(view);
                    } finally {
                        view.live(null);
                    }
                }

                @Override
                public RowReader.Mode mode() { return RowReader.Mode.KEYS_ONLY; }

                @Override
                public String mapperName() { return "RowViewMapper"; }
            };
        }
    }

    /** Streams the Cleaner has closed since the JVM started (each one also logged a WARN). */
    static long unclosedCount() {
        return UNCLOSED.get();
    }

    static StreamFailedException failure(SQLException e, String sql, Plan plan) {
        if (ConnectFailure.poolTimeout(e)) {
            // The next batch or segment found the pool empty: the pool's state says more than the SQL.
            return new StreamFailedException("reading from " + plan.dialect().name() + " failed: "
                    + ConnectFailure.poolTimeoutText(e) + "; SQL: " + (sql == null ? "?" : Sql.shorten(sql)), e);
        }
        String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
        return new StreamFailedException("reading from " + plan.dialect().name() + " failed: "
                + Sql.firstLine(e.getMessage()) + state + "; SQL: " + (sql == null ? "?" : Sql.shorten(sql)), e);
    }

    /**
     * What a stream holds, without the stream: the Cleaner's action. Run by {@link #close()} (or the end
     * of the rows) on the owner's thread, or by the Cleaner's thread once the stream is unreachable.
     */
    private static final class Held implements Runnable {
        private final RowSource source;
        private final Plan plan;
        private final Throwable openedAt;
        /** Rows handed out; kept here so that the warning can say how far the read got. */
        long count;
        /** Set by the owner before it runs this action; never set when the Cleaner runs it. */
        boolean closedByOwner;

        Held(RowSource source, Plan plan, Throwable openedAt) {
            this.source = source;
            this.plan = plan;
            this.openedAt = openedAt;
        }

        /**
         * Releases first, then warns: nothing that building the message may throw (in the Cleaner's
         * thread, where a throw is silently dropped) can keep the connection from going back.
         */
        @Override
        public void run() {
            if (closedByOwner) {
                source.close();
                return;
            }
            Throwable failure = null;
            try {
                source.close();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            try {
                String strategy = plan.strategy().name().toLowerCase(Locale.ROOT);
                LOG.warn("a {} RowStream on {} was garbage-collected after {} rows without being closed: closed it"
                        + " now ({}). Close every RowStream, with try-with-resources, or read it to its end. SQL: {}",
                        strategy, plan.dialect().name(), count, holds(plan.strategy()), Sql.shorten(plan.fullQuery()),
                        openedAt);
                if (failure != null) {
                    LOG.warn("closing the unclosed {} RowStream failed: {}", strategy, failure.toString(), failure);
                }
            } finally {
                UNCLOSED.incrementAndGet();
            }
        }

        private static String holds(Strategy strategy) {
            if (strategy == Strategy.CURSOR) {
                return "it held a connection and a transaction since it was opened";
            }
            return strategy == Strategy.HYBRID ? "it held a connection and a transaction for at most a segment"
                    : "it held a connection while a batch was being read";
        }
    }
}
