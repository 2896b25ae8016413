package dev.rowstream.internal;

/**
 * A part of a keyed read: the rows after {@code after} (exclusive; null: from the first row) up to
 * {@code upTo} (inclusive; null: to the last row), planned for the key {@code key} (as {@link Plan#key()}
 * prints it), which the read must have.
 */
public record KeyRange(Object[] after, Object[] upTo, String key) {
}
