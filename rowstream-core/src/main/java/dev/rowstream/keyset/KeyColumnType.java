package dev.rowstream.keyset;

import dev.rowstream.InvalidSpecException;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * What the planner learned of one key column's real type, for the dialect to choose its {@link KeyRule}:
 * the result metadata of the column in the read itself (a {@code WHERE 1=0} probe, so the same for a
 * table's column and a query's output column), and probes of expressions over it, which the database
 * answers without reading a row.
 */
public interface KeyColumnType {

    /** The column's name as resolved, for messages. */
    String name();

    /** The column as the read writes it in SQL (quoted, and qualified in a query: {@code rs_q."k"}). */
    String sql();

    /** {@link java.sql.Types} of the column in the read's result. */
    int jdbcType();

    /** The type's name in the read's result metadata (drivers differ: {@code int4}, {@code INTEGER UNSIGNED}). */
    String typeName();

    int precision();

    int scale();

    /** The type of {@code expression} applied to {@link #sql()}, in the read, from metadata alone: no row is read. */
    KeyColumnType probe(UnaryOperator<String> expression) throws SQLException;

    /**
     * The value of {@code expression} applied to the column, for SQL whose value depends on the column's type
     * alone (such as MariaDB's {@code CHARSET(x)}): computed in one row where the column is NULL, without
     * reading a row of the read. Null when the database gives none.
     */
    String typeValue(UnaryOperator<String> expression) throws SQLException;

    /** A one-line refusal naming the column, its type, why, and what to use instead. */
    default InvalidSpecException refuse(String type, String why, String instead) {
        return new InvalidSpecException("key column " + name() + " has type " + type + ", " + why + ": " + instead);
    }
}
