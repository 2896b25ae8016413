package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * A dialect's fast path for reading a query's rows (issue 10): the rows come through the driver's bulk
 * protocol (PostgreSQL's {@code COPY ... TO STDOUT (FORMAT binary)}) instead of a result set, and are decoded
 * into exactly the values the dialect's {@link ValueReader}s give. The reader asks first whether every column
 * can be decoded exactly; where one cannot, or a piece's parameters cannot be written as literals, it reads
 * that read (or that piece) the ordinary way.
 */
public interface RowCopy {

    /**
     * Why {@code c} cannot copy rows out or describe a query for it (its driver, or a setting of it), or null when
     * it can. Asked before anything else, on the planning connection.
     */
    default String unavailable(Connection c) throws SQLException {
        return null;
    }

    /**
     * Why the columns of {@code md} cannot be decoded exactly ("column x has type y"), or null when every one
     * can, each into the value {@link Dialect#reader} gives for it.
     */
    String unsupported(ResultSetMetaData md) throws SQLException;

    /**
     * {@code param} (a bound value of the read, or a seek's key value) as an SQL literal that the server types
     * as it types the bound parameter, or null when it has none (the piece is then read the ordinary way).
     */
    String literal(Object param);

    /**
     * Starts copying {@code query} (a SELECT without parameters) out on {@code c}, its columns of the types
     * {@code typeNames} (as {@code md.getColumnTypeName} gave them, checked by {@link #unsupported}); null when
     * {@code c} cannot copy.
     */
    Out start(Connection c, String query, String[] typeNames) throws SQLException;

    /** One running copy: its rows, each as the driver's message, decoded on demand. */
    interface Out {
        /** The next row's raw bytes, or null at the end of the copy (the connection is then free again). */
        byte[] next() throws SQLException;

        /** Decodes a row from {@link #next()} into its values, in select order. */
        Object[] decode(byte[] row) throws SQLException;

        /** Stops the copy early (the server cancels it); never throws. */
        void cancel();
    }
}
