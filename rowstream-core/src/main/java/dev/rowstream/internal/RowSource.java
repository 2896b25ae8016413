package dev.rowstream.internal;

import dev.rowstream.Columns;
import java.sql.SQLException;

/** Where a stream's rows come from: one cursor, or a series of batches. */
interface RowSource extends AutoCloseable {

    /** Runs the first query, so that bad SQL fails at open and the columns are known. */
    void open() throws SQLException;

    /** The output columns; valid after {@link #open()}. */
    Columns columns();

    /** The next row's values (output columns first, then key-only columns), or null at the end. */
    Object[] next() throws SQLException;

    /**
     * A view of the row {@link #next()} last returned, while the result still stands on it (the next call
     * moves it); for a source that reads {@link RowReader.Mode#KEYS_ONLY}, whose rows a
     * {@link dev.rowstream.RowViewMapper} maps.
     */
    ResultRowView current();

    /** The SQL last sent, for error messages. */
    String lastSql();

    /** Releases everything. After the end this is a no-op; before it, it abandons the read quickly. */
    @Override
    void close();
}
