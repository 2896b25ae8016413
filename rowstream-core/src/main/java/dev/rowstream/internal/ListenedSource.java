package dev.rowstream.internal;

import dev.rowstream.StreamListener;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells a {@link StreamListener} when a stream is over ({@link StreamListener#onEnd}), and with how many rows. */
final class ListenedSource extends ForwardingSource {
    private static final Logger LOG = LoggerFactory.getLogger(ListenedSource.class);

    private final StreamListener listener;
    private long rows;
    private boolean ended;

    private ListenedSource(RowSource source, StreamListener listener) {
        super(source);
        this.listener = listener;
    }

    /** {@code source} as it is when nobody listens: no cost per row then. */
    static RowSource of(RowSource source, StreamListener listener) {
        return listener == StreamListener.NONE ? source : new ListenedSource(source, listener);
    }

    @Override
    public Object[] next() throws SQLException {
        Object[] row = source.next();
        if (row != null) {
            rows++;
        } else if (!ended) {
            // At the end the listener runs on the reading thread, and what it throws ends the stream.
            ended = true;
            listener.onEnd(rows, true);
        }
        return row;
    }

    @Override
    public void close() {
        source.close();
        if (!ended) {
            ended = true;
            try {
                listener.onEnd(rows, false);
            } catch (RuntimeException e) {
                // close() never throws: the stream is closing anyway (maybe because of another failure).
                LOG.warn("the stream listener failed on close: {}", e.toString());
            }
        }
    }
}
