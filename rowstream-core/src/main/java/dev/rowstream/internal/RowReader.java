package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.RowViewMapper;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.ValueReader;
import dev.rowstream.keyset.KeyRule;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Copies rows out of a result set, built once per stream from the result's metadata: the output columns
 * with the dialect's value readers (a column whose type cannot be read faithfully is refused here, before
 * the first row), then each key value its rule reads for the seek (see {@link Plan#keyColumns()}). For a
 * {@link RowViewMapper}'s stream it reads the key values only, and gives the mapper a view over the result.
 */
final class RowReader {
    private final ValueReader[] readers;
    private final KeyRule[] keyRules;
    /** The 1-based result column of each key value read, in the order of its slot after the output values. */
    private final int[] keyColumns;
    private final int width;
    private final Columns columns;
    /**
     * Null: {@link #read} reads every output value (a stream of {@link dev.rowstream.Row}s). Else the 0-based
     * output columns that are key values, the only output values read: a {@link RowViewMapper} reads the rest
     * from the result itself, and the seek needs nothing more.
     */
    private final int[] keysOnly;
    /** A row of a keyless read with keysOnly: no value is needed, so one shared array serves every row. */
    private final Object[] noValues;

    private RowReader(ValueReader[] readers, KeyRule[] keyRules, int[] keyColumns, int width, Columns columns,
                      int[] keysOnly) {
        this.readers = readers;
        this.keyRules = keyRules;
        this.keyColumns = keyColumns;
        this.width = width;
        this.columns = columns;
        this.keysOnly = keysOnly;
        this.noValues = keysOnly != null && keysOnly.length == 0 && keyRules.length == 0 ? new Object[width] : null;
    }

    /** How a source reads its rows: every output value, or only the key values (a mapped stream). */
    enum Mode {
        ROWS, KEYS_ONLY
    }

    /** The reader of a plan's results: its exact-read columns by their own readers, the rest by the dialect's. */
    static RowReader of(Plan plan, ResultSetMetaData md) throws SQLException {
        return of(plan, md, Mode.ROWS);
    }

    static RowReader of(Plan plan, ResultSetMetaData md, Mode mode) throws SQLException {
        Dialect dialect = plan.dialect();
        int outputWidth = plan.outputWidth();
        java.util.List<Plan.ExactColumn> exact = plan.exact();
        ValueReader[] readers = new ValueReader[outputWidth];
        String[] labels = new String[outputWidth];
        int[] types = new int[outputWidth];
        String[] typeNames = new String[outputWidth];
        int[] precisions = new int[outputWidth];
        int[] scales = new int[outputWidth];
        for (int i = 0; i < outputWidth; i++) {
            Plan.ExactColumn own = i < exact.size() ? exact.get(i) : null;
            readers[i] = own != null ? own.reader() : dialect.reader(md, i + 1);
            labels[i] = own != null ? own.label() : md.getColumnLabel(i + 1);
            types[i] = own != null ? own.jdbcType() : dialect.columnType(md, i + 1);
            typeNames[i] = own != null ? own.typeName() : md.getColumnTypeName(i + 1);
            precisions[i] = md.getPrecision(i + 1);
            scales[i] = md.getScale(i + 1);
        }
        int width = plan.rowWidth();
        KeyRule[] rules = new KeyRule[width - outputWidth];
        int[] keyColumns = new int[width - outputWidth];
        if (plan.hasKey()) {
            for (int k = 0; k < plan.keyIndexes().length; k++) {
                if (plan.keyColumns()[k] >= 0) {
                    int slot = plan.keyIndexes()[k] - outputWidth;
                    rules[slot] = plan.keyParts().get(k).rule();
                    keyColumns[slot] = plan.keyColumns()[k] + 1;
                }
            }
        }
        return new RowReader(readers, rules, keyColumns, width,
                new Columns(labels, types, typeNames, precisions, scales),
                mode == Mode.ROWS ? null : outputKeys(plan));
    }

    /** The output columns whose values are key values (the seek's), 0-based. */
    private static int[] outputKeys(Plan plan) {
        if (!plan.hasKey()) {
            return new int[0];
        }
        return java.util.stream.IntStream.range(0, plan.keyIndexes().length)
                .filter(k -> plan.keyColumns()[k] < 0).map(k -> plan.keyIndexes()[k]).toArray();
    }

    Columns columns() { return columns; }

    /** A view of the row {@code rs} stands on, through the same readers as {@link #read}. */
    ResultRowView view(ResultSet rs) {
        return new ResultRowView(readers, columns, rs);
    }

    Object[] read(ResultSet rs) throws SQLException {
        if (noValues != null) {
            return noValues;
        }
        Object[] values = new Object[width];
        int n = readers.length;
        if (keysOnly != null) {
            for (int i : keysOnly) {
                values[i] = readers[i].read(rs, i + 1);
            }
        } else {
            for (int i = 0; i < n; i++) {
                values[i] = readers[i].read(rs, i + 1);
            }
        }
        for (int k = 0; k < keyRules.length; k++) {
            values[n + k] = keyRules[k].read(rs, keyColumns[k]);
        }
        return values;
    }
}
