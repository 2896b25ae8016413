package dev.rowstream;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of the rows of one stream: column labels in output order, with their JDBC types.
 * One instance is shared by every {@link Row} of a stream.
 */
public final class Columns {
    private final String[] labels;
    private final int[] jdbcTypes;
    private final String[] typeNames;
    private final Map<String, Integer> indexByLabel;

    public Columns(String[] labels, int[] jdbcTypes, String[] typeNames) {
        if (labels.length != jdbcTypes.length || labels.length != typeNames.length) {
            throw new IllegalArgumentException("labels, jdbcTypes and typeNames must have the same length");
        }
        this.labels = labels.clone();
        this.jdbcTypes = jdbcTypes.clone();
        this.typeNames = typeNames.clone();
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

    public List<String> labels() { return Collections.unmodifiableList(Arrays.asList(labels)); }

    /** The index of a label (case-insensitive), or -1. */
    public int indexOf(String label) {
        Integer i = indexByLabel.get(label.toLowerCase(java.util.Locale.ROOT));
        return i == null ? -1 : i;
    }

    @Override
    public String toString() { return Arrays.toString(labels); }
}
