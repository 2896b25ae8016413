package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How a database resolves the names of its tables and columns, and what its metadata does not say about
 * them: which objects a read can name, partial indexes, row ids.
 */
public interface Catalog {

    /** How the database stores an unquoted identifier: upper case in the standard. */
    default String foldUnquoted(String identifier) {
        return identifier.toUpperCase(Locale.ROOT);
    }

    /**
     * The names among {@code candidates} (as the metadata spells them) that {@code name} means where the
     * database resolves it; {@code table}: a table or schema name, else a column or a result's label.
     * By default the standard's rule: a quoted name is its exact text, an unquoted one is {@link #foldUnquoted}.
     */
    default java.util.List<String> resolveName(Connection c, java.util.List<String> candidates, String name,
                                               boolean quoted, boolean table) throws SQLException {
        String wanted = quoted ? name : foldUnquoted(name);
        return candidates.stream().filter(wanted::equals).distinct().toList();
    }

    /** The {@code getTables} types that {@code table(...)} reads: tables and views by default. */
    default String[] readableTableTypes() {
        return new String[] {"TABLE", "VIEW", "BASE TABLE"};
    }

    /** True when a qualified name's first part is a catalog (MySQL and MariaDB databases), not a schema. */
    default boolean schemasAreCatalogs() {
        return false;
    }

    /**
     * True when the index covers only the rows of a WHERE clause, for drivers whose metadata does not
     * say so in FILTER_CONDITION.
     */
    default boolean isPartialIndex(Connection c, String table, String index) throws SQLException {
        return false;
    }

    /** The column that merely names the table's row id, so can never be NULL, whatever the metadata says; or null. */
    default String rowIdAlias(Connection c, String table) throws SQLException {
        return null;
    }
}
