package dev.rowstream;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of the rows of one stream: column labels in output order, with their JDBC types, and the
 * precision and scale the driver reports (what a format with a schema, such as Parquet, declares).
 * One instance is shared by every {@link Row} of a stream.
 */
public final class Columns {
    private final String[] labels;
    private final int[] jdbcTypes;
    private final String[] typeNames;
    private final int[] precisions;
    private final int[] scales;
    private final Map<String, Integer> indexByLabel;

    /** Columns whose precision and scale are not known (0). */
    public Columns(String[] labels, int[] jdbcTypes, String[] typeNames) {
        this(labels, jdbcTypes, typeNames, new int[labels.length], new int[labels.length]);
    }

    public Columns(String[] labels, int[] jdbcTypes, String[] typeNames, int[] precisions, int[] scales) {
        if (labels.length != jdbcTypes.length || labels.length != typeNames.length
                || labels.length != precisions.length || labels.length != scales.length) {
            throw new IllegalArgumentException("labels, jdbcTypes, typeNames, precisions and scales must have the same length");
        }
        this.labels = labels.clone();
        this.jdbcTypes = jdbcTypes.clone();
        this.typeNames = typeNames.clone();
        this.precisions = precisions.clone();
        this.scales = scales.clone();
        Map<String, Integer> index = new HashMap<>();
        for (int i = labels.length - 1; i >= 0; i--) {
            index.put(labels[i].toLowerCase(java.util.Locale.ROOT), i);
        }
        this.indexByLabel = index;
    }

    public int size() { return labels.length; }

    public String label(int index) { return labels[index]; }

    /** The {@link java.sql.Types} code the driver reported for the column. */
    public int jdbcType(int index) { return jdbcTypes[index]; }

    /** The database's own name for the column's type, as the driver reported it. */
    public String typeName(int index) { return typeNames[index]; }

    /**
     * The driver's precision ({@link java.sql.ResultSetMetaData#getPrecision}): a decimal's digits, or 0 when
     * unknown or unconstrained (PostgreSQL's plain {@code numeric}).
     */
    public int precision(int index) { return precisions[index]; }

    /**
     * The driver's scale ({@link java.sql.ResultSetMetaData#getScale}): a decimal's digits after the point; for
     * most drivers a time or timestamp's fractional second digits.
     */
    public int scale(int index) { return scales[index]; }

    public List<String> labels() { return Collections.unmodifiableList(Arrays.asList(labels)); }

    /** The index of a label (case-insensitive), or -1. */
    public int indexOf(String label) {
        Integer i = indexByLabel.get(label.toLowerCase(java.util.Locale.ROOT));
        return i == null ? -1 : i;
    }

    /**
     * The 0-based index of column number {@code column} (counted from 1, as {@link RowValues} and JDBC count);
     * throws {@link IllegalArgumentException} naming the labels when there is no such column.
     */
    public int indexOfColumn(int column) {
        if (column < 1 || column > labels.length) {
            throw new IllegalArgumentException("no column " + column + ": columns are numbered from 1 to "
                    + labels.length + ", " + this);
        }
        return column - 1;
    }

    @Override
    public String toString() { return Arrays.toString(labels); }
}
