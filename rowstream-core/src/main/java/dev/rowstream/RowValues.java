package dev.rowstream;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * Typed access to the values of one row, by label (case-insensitive) or by 1-based column number, as JDBC
 * numbers columns. Shared by a {@link Row} (a copy) and a {@link RowView} (the current row of a result).
 *
 * <p>A getter returns the value {@link Row} documents, converted only where that loses nothing: an integer getter
 * takes any integral value that fits ({@link Integer}, {@link Long}, {@link BigInteger}), {@link #getBigDecimal}
 * takes those too; everything else must be of the asked type. Anything else throws a
 * {@link ValueAccessException} naming the column, the value's Java type and the asked type: a value is never
 * parsed, rounded or cut. So a PostgreSQL date {@code infinity}, which the row holds as the {@link String}
 * {@code "infinity"}, fails {@link #getLocalDate} rather than becoming some date.
 *
 * <p>NULL: the object getters return null. The primitive ones ({@link #getLong}, {@link #getInt},
 * {@link #getBoolean}) throw a {@link ValueAccessException} naming the column, unlike JDBC's 0 and false: a
 * made-up 0 is a wrong value that looks right. Check {@link #isNull} first, or ask for the boxed type
 * ({@code get("qty", Long.class)}).
 *
 * <p>An unknown label or number throws {@link IllegalArgumentException} naming the row's labels.
 */
public interface RowValues {

    /** The row's columns: labels, types. */
    Columns columns();

    /** The value of column {@code column}, counted from 1; null for NULL. */
    Object getObject(int column);

    /** The value of a column by label (case-insensitive); null for NULL. */
    default Object get(String label) {
        return getObject(columnOf(label));
    }

    /** The 1-based column number of a label (case-insensitive); throws naming the labels when there is none. */
    default int columnOf(String label) {
        int i = columns().indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + label + "' in " + columns());
        }
        return i + 1;
    }

    default boolean isNull(String label) { return get(label) == null; }

    default boolean isNull(int column) { return getObject(column) == null; }

    /**
     * The value as {@code type}: itself when it is one, an integral value as {@link Long}, {@link Integer},
     * {@link BigInteger} or {@link BigDecimal} when it fits exactly; null for NULL. A primitive class
     * ({@code long.class}) asks for its wrapper, and refuses NULL.
     */
    default <T> T get(String label, Class<T> type) { return get(columnOf(label), type); }

    default <T> T get(int column, Class<T> type) { return Values.as(this, column, getObject(column), type); }

    default long getLong(String label) { return getLong(columnOf(label)); }

    default long getLong(int column) { return get(column, long.class); }

    default int getInt(String label) { return getInt(columnOf(label)); }

    default int getInt(int column) { return get(column, int.class); }

    default boolean getBoolean(String label) { return getBoolean(columnOf(label)); }

    default boolean getBoolean(int column) { return get(column, boolean.class); }

    default String getString(String label) { return get(columnOf(label), String.class); }

    default String getString(int column) { return get(column, String.class); }

    default BigDecimal getBigDecimal(String label) { return get(columnOf(label), BigDecimal.class); }

    default BigDecimal getBigDecimal(int column) { return get(column, BigDecimal.class); }

    default LocalDate getLocalDate(String label) { return get(columnOf(label), LocalDate.class); }

    default LocalDate getLocalDate(int column) { return get(column, LocalDate.class); }

    default LocalDateTime getLocalDateTime(String label) { return get(columnOf(label), LocalDateTime.class); }

    default LocalDateTime getLocalDateTime(int column) { return get(column, LocalDateTime.class); }

    default OffsetDateTime getOffsetDateTime(String label) { return get(columnOf(label), OffsetDateTime.class); }

    default OffsetDateTime getOffsetDateTime(int column) { return get(column, OffsetDateTime.class); }

    /** The bytes of a binary column: the row's own array (a {@link Row} hands out the one it holds; do not change it). */
    default byte[] getBytes(String label) { return get(columnOf(label), byte[].class); }

    default byte[] getBytes(int column) { return get(column, byte[].class); }
}
