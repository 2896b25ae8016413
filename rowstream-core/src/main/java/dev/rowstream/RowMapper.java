package dev.rowstream;

/** Turns a {@link Row} into the caller's own type. Called once per row, on the consuming thread. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row);
}
