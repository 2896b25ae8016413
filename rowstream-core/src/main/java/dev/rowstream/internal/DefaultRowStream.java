package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.Row;
import dev.rowstream.RowMapper;
import dev.rowstream.RowStream;
import dev.rowstream.StreamFailedException;
import dev.rowstream.Strategy;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The {@link RowStream} over any {@link RowSource}: maps rows, counts them, and closes on every way out. */
final class DefaultRowStream<T> implements RowStream<T>, Iterator<T> {
    private final RowSource source;
    private final Plan plan;
    private final RowMapper<T> mapper;
    private final Columns columns;
    private final int width;
    private T next;
    private long count;
    private boolean closed;
    private boolean iterating;

    DefaultRowStream(RowSource source, Plan plan, RowMapper<T> mapper) {
        this.source = source;
        this.plan = plan;
        this.mapper = mapper;
        this.columns = source.columns();
        this.width = plan.outputWidth();
    }

    @Override
    public Columns columns() { return columns; }

    @Override
    public Strategy strategy() { return plan.strategy(); }

    @Override
    public long rowCount() { return count; }

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
            Row row = new Row(columns, values.length == width ? values : Arrays.copyOf(values, width));
            next = mapper.map(row);
            if (next == null) {
                throw new NullPointerException("the RowMapper returned null");
            }
            return true;
        } catch (SQLException e) {
            close();
            throw failure(e, source.lastSql(), plan);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T t = next;
        next = null;
        count++;
        return t;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            next = null;
            source.close();
        }
    }

    static StreamFailedException failure(SQLException e, String sql, Plan plan) {
        String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
        return new StreamFailedException("reading from " + plan.dialect().name() + " failed: "
                + Sql.firstLine(e.getMessage()) + state + "; SQL: " + (sql == null ? "?" : Sql.shorten(sql)), e);
    }
}
