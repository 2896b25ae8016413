package dev.rowstream.checkpoint;

import java.util.Objects;

/**
 * One column of a checkpoint's key: its name, the value's type and the value. Only the value types a
 * row can hold are allowed (see {@link dev.rowstream.Row}), so that the value is bound back exactly as it
 * was read: a {@code LocalDateTime} keeps its microseconds, a {@code BigDecimal} its scale.
 *
 * @param column the key column's name, as the plan resolved it
 * @param value  the value, or null
 */
public record KeyValue(String column, Object value) {
    public KeyValue {
        Objects.requireNonNull(column, "column");
        Values.type(value, column); // refuses a type a checkpoint cannot hold
    }

    /** The type tag stored with the value: {@code long}, {@code decimal}, {@code timestamp}, ... */
    public String type() {
        return Values.type(value, column);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue k && column.equals(k.column) && Objects.deepEquals(value, k.value);
    }

    @Override
    public int hashCode() {
        return column.hashCode() * 31 + java.util.Arrays.deepHashCode(new Object[] {value});
    }

    @Override
    public String toString() {
        return column + "=" + Values.show(value);
    }
}
