package dev.rowstream.copy;

import java.sql.SQLException;

/**
 * Writes the rows of one batch into the target table, on the target connection, inside the transaction
 * the copy commits after each batch. The values come coerced to their column's kind ({@link Coerce}).
 */
interface BatchWriter extends AutoCloseable {

    /** How it writes, for the summary: {@code COPY}, {@code batched INSERT}. */
    String name();

    /** Adds one row, values in target column order. */
    void add(Object[] values) throws SQLException;

    /** Sends every row added since the last call; the caller commits. */
    void finish() throws SQLException;

    /** Drops what was added since the last {@link #finish()}, after a failure; the caller rolls back. Never throws. */
    void abort();

    @Override
    void close();
}
