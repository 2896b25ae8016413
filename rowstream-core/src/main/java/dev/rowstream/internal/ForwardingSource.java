package dev.rowstream.internal;

import dev.rowstream.Columns;
import java.sql.SQLException;

/** A source that passes every call on to another: the base of those that add to a call or two. */
abstract class ForwardingSource implements RowSource {
    protected final RowSource source;

    ForwardingSource(RowSource source) {
        this.source = source;
    }

    @Override
    public void open() throws SQLException {
        source.open();
    }

    @Override
    public Columns columns() { return source.columns(); }

    @Override
    public String lastSql() { return source.lastSql(); }

    @Override
    public ResultRowView current() { return source.current(); }

    @Override
    public Object[] next() throws SQLException {
        return source.next();
    }

    @Override
    public void close() {
        source.close();
    }
}
