package dev.rowstream;

/**
 * A typed getter of {@link RowValues} was asked for a type the value is not (and cannot become without loss),
 * or a primitive getter met a NULL. Names the column, the value's Java type and the asked type.
 */
public class ValueAccessException extends RowStreamException {
    private static final long serialVersionUID = 1L;

    public ValueAccessException(String message) { super(message); }
}
