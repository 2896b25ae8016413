package dev.rowstream;

/**
 * Turns the current row of a result into the caller's own type, reading only the columns it asks for and
 * copying nothing else: no {@link Row}, no array of values (see {@link ReadBuilder#openMapped}). Called once
 * per row handed out, on the consuming thread; the view is valid only during the call.
 */
@FunctionalInterface
public interface RowViewMapper<T> {
    T map(RowView row);
}
