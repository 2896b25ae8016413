package dev.rowstream;

import java.util.Arrays;
import java.util.List;

/**
 * One row, copied out of the result set: it stays valid after the cursor moves on.
 *
 * <p>Values are plain Java types: {@code null}, {@link String}, {@link Integer}, {@link Long},
 * {@link java.math.BigInteger} (MariaDB BIGINT UNSIGNED), {@link java.math.BigDecimal}, {@link Double},
 * {@link Float}, {@link Boolean}, {@link java.time.LocalDate}, {@link java.time.LocalTime},
 * {@link java.time.OffsetTime} (a time with time zone), {@link java.time.LocalDateTime} (a timestamp
 * without time zone, read as the database's fields, never through the JVM's zone),
 * {@link java.time.OffsetDateTime} (a timestamp with time zone), {@code byte[]}, {@link java.util.UUID}.
 *
 * <p>Where Java's type cannot hold what the database has, the value is the database's own text of it, a
 * {@link String}: PostgreSQL {@code infinity} and {@code -infinity} (dates, timestamps), {@code time
 * '24:00:00'}, MariaDB zero dates ({@code 0000-00-00}) and TIMEs outside one day ({@code -838:59:59}), and
 * types without a Java counterpart (intervals, arrays, enums, bit strings as their digits, network
 * addresses, geometry, JSON...). PostgreSQL numeric and H2 DECFLOAT {@code NaN} and infinities are the
 * {@link Double} of the same name. README's value table lists every type. A type that cannot be read
 * faithfully is refused when the stream opens, before the first row.
 *
 * <p>Typed getters ({@link #getLong(String)}, {@link #get(String, Class)}, ...) come from {@link RowValues}, which
 * says what they convert and what they refuse. They number columns from 1, as JDBC does; {@link #get(int)} and
 * {@link #values()} count from 0, as a {@link List} does.
 */
public final class Row implements RowValues {
    private final Columns columns;
    private final Object[] values;

    /** Wraps {@code values} without copying; the caller hands over the array. */
    public Row(Columns columns, Object[] values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
        }
        this.columns = columns;
        this.values = values;
    }

    @Override
    public Columns columns() { return columns; }

    public int size() { return values.length; }

    /** The value at {@code index}, counted from 0 as in {@link #values()}. */
    public Object get(int index) { return values[index]; }

    /** The value of column {@code column}, counted from 1 as the typed getters count. */
    @Override
    public Object getObject(int column) { return values[columns.indexOfColumn(column)]; }

    public List<Object> values() { return Arrays.asList(values.clone()); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row && Arrays.deepEquals(values, ((Row) o).values);
    }

    @Override
    public int hashCode() { return Arrays.deepHashCode(values); }

    @Override
    public String toString() { return Arrays.deepToString(values); }
}
