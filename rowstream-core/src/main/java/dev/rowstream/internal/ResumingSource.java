package dev.rowstream.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Puts a {@link Retry} around a source whose {@code open()} and {@code next()} may simply be called again
 * after a failure: a KEYSET or OFFSET batch is read whole or not at all, so calling again re-runs the
 * same batch on a new connection. Around a CURSOR it only turns a lost connection into a clear failure.
 */
final class ResumingSource extends ForwardingSource {
    private final Retry retry;
    private final Connection held;

    /** {@code held}: the one connection the source keeps from open to close (a cursor's), or null. */
    ResumingSource(RowSource source, Retry retry, Connection held) {
        super(source);
        this.retry = retry;
        this.held = held;
    }

    @Override
    public void open() throws SQLException {
        while (true) {
            try {
                source.open();
                return;
            } catch (SQLException e) {
                retry.failed(e, held, source.lastSql());
            }
        }
    }

    @Override
    public Object[] next() throws SQLException {
        while (true) {
            try {
                Object[] row = source.next();
                if (row != null) {
                    retry.delivered();
                }
                return row;
            } catch (SQLException e) {
                retry.failed(e, held, source.lastSql());
            }
        }
    }
}
