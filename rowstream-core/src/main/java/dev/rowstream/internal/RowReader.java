package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.ValueReader;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Copies rows out of a result set with the dialect's per-column readers, built once per stream from the
 * result's metadata: a column whose type cannot be read faithfully is refused here, before the first row.
 */
final class RowReader {
    private final ValueReader[] readers;
    private final Columns columns;

    private RowReader(ValueReader[] readers, Columns columns) {
        this.readers = readers;
        this.columns = columns;
    }

    /** The reader of a plan's results: its exact-read columns by their own readers, the rest by the dialect's. */
    static RowReader of(Plan plan, ResultSetMetaData md) throws SQLException {
        return of(plan.dialect(), md, plan.outputWidth(), plan.exact());
    }

    static RowReader of(Dialect dialect, ResultSetMetaData md, int outputWidth, java.util.List<Plan.ExactColumn> exact)
            throws SQLException {
        int n = md.getColumnCount();
        ValueReader[] readers = new ValueReader[n];
        String[] labels = new String[outputWidth];
        int[] types = new int[outputWidth];
        String[] typeNames = new String[outputWidth];
        int[] precisions = new int[outputWidth];
        int[] scales = new int[outputWidth];
        for (int i = 0; i < n; i++) {
            Plan.ExactColumn own = i < exact.size() ? exact.get(i) : null;
            readers[i] = own != null ? own.reader() : dialect.reader(md, i + 1);
            if (i < outputWidth) {
                labels[i] = own != null ? own.label() : md.getColumnLabel(i + 1);
                types[i] = own != null ? own.jdbcType() : dialect.columnType(md, i + 1);
                typeNames[i] = own != null ? own.typeName() : md.getColumnTypeName(i + 1);
                precisions[i] = md.getPrecision(i + 1);
                scales[i] = md.getScale(i + 1);
            }
        }
        return new RowReader(readers, new Columns(labels, types, typeNames, precisions, scales));
    }

    Columns columns() { return columns; }

    Object[] read(ResultSet rs) throws SQLException {
        Object[] values = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            values[i] = readers[i].read(rs, i + 1);
        }
        return values;
    }
}
