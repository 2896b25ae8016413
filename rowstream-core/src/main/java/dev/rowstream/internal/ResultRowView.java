package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.RowView;
import dev.rowstream.dialect.ValueReader;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A {@link RowView} over one result set, made once per result (not per row): each getter reads its column with
 * the reader that a {@link dev.rowstream.Row}'s value comes from, so both give the same exact value.
 */
final class ResultRowView implements RowView {
    private final ValueReader[] readers;
    private final Columns columns;
    private final ResultSet result;
    /**
     * While the stream's mapper runs on the row the result stands on: the values the source read of it (its key
     * values, the rest null); null otherwise.
     */
    private Object[] read;

    ResultRowView(ValueReader[] readers, Columns columns, ResultSet result) {
        this.readers = readers;
        this.columns = columns;
        this.result = result;
    }

    @Override
    public Columns columns() { return columns; }

    @Override
    public Object getObject(int column) {
        if (read == null) {
            throw new IllegalStateException("a RowView is valid only inside RowViewMapper.map: copy what you need"
                    + " into your own object there");
        }
        // Checked here: after the output columns, the select list has the key-only columns, not the user's.
        int index = columns.indexOfColumn(column);
        if (read[index] != null) {
            return read[index]; // a key value, already read by the same reader for the seek
        }
        try {
            return readers[index].read(result, column);
        } catch (SQLException e) {
            throw new ReadFailure(e);
        }
    }

    /** {@code read}: the values the source read of the current row, while the mapper runs; null after. */
    void live(Object[] read) {
        this.read = read;
    }

    /** A getter's SQLException, carried out of the mapper to the stream, which reports it as a failed read. */
    static final class ReadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadFailure(SQLException cause) {
            super(cause);
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }
}
