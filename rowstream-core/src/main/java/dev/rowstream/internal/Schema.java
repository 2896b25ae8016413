package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.dialect.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.TreeMap;

/** Looks tables, columns and keys up in {@link DatabaseMetaData}, so that names are checked before use. */
final class Schema {
    /** getTables types that can hold a primary key. */
    private static final Set<String> KEYED_TYPES = Set.of("TABLE", "BASE TABLE", "PARTITIONED TABLE");

    private Schema() {
    }

    /** Resolves a possibly qualified, possibly quoted table name such as {@code sales."Order Lines"}. */
    static TableInfo table(Connection c, Dialect dialect, String userName) throws SQLException {
        List<Names.Part> parts = Names.split(userName);
        if (parts.size() > 2) {
            throw new InvalidSpecException("table name '" + userName + "' has too many parts: use TABLE or SCHEMA.TABLE");
        }
        DatabaseMetaData md = c.getMetaData();
        String catalog = c.getCatalog();
        String schema = safeSchema(c);
        if (parts.size() == 2) {
            if (dialect.schemasAreCatalogs()) {
                catalog = parts.get(0).text();
            } else {
                schema = match(c, md.getSchemas(), 1, parts.get(0), dialect);
                if (schema == null) {
                    throw new InvalidSpecException("unknown schema '" + parts.get(0).text() + "' in table name '"
                            + userName + "': check the spelling");
                }
            }
        }
        Names.Part table = parts.get(parts.size() - 1);
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rs = md.getTables(catalog, schema, null, dialect.readableTableTypes())) {
            while (rs.next()) {
                types.putIfAbsent(rs.getString(3), rs.getString(4));
            }
        }
        String real = pick(c, new ArrayList<>(types.keySet()), table, dialect, true, "table");
        if (real == null) {
            throw new InvalidSpecException("unknown table '" + userName + "'"
                    + (schema != null ? " in schema '" + schema + "'" : catalog != null ? " in database '" + catalog + "'" : "")
                    + ": check the name, or qualify it as SCHEMA.TABLE");
        }
        // A view, materialized view or foreign table has no primary key: its key comes from key(...), and ties
        // are checked while reading.
        boolean keyless = !KEYED_TYPES.contains(String.valueOf(types.get(real)).toUpperCase(Locale.ROOT));
        return describe(c, dialect, catalog, schema, real, keyless);
    }

    private static TableInfo describe(Connection c, Dialect dialect, String catalog, String schema, String table,
                                      boolean keyless) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String rowId = dialect.rowIdAlias(c, table);
        String pattern = escape(table, md.getSearchStringEscape());
        List<TableInfo.ColumnInfo> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(catalog, schema, pattern, null)) {
            Map<Integer, TableInfo.ColumnInfo> byPosition = new TreeMap<>();
            while (rs.next()) {
                if (!table.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                String name = rs.getString("COLUMN_NAME");
                boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls && !name.equals(rowId);
                byPosition.put(rs.getInt("ORDINAL_POSITION"), new TableInfo.ColumnInfo(name, nullable,
                        String.valueOf(rs.getString("TYPE_NAME"))));
            }
            columns.addAll(byPosition.values());
        }
        Map<Short, String> pk = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                pk.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        Map<String, Map<Short, String>> unique = new LinkedHashMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, table, true, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                // A partial unique index (one with a WHERE) says nothing about the rows outside it.
                if (index == null || column == null || rs.getBoolean("NON_UNIQUE") || rs.getString("FILTER_CONDITION") != null) {
                    continue;
                }
                unique.computeIfAbsent(index, k -> new TreeMap<>()).put(rs.getShort("ORDINAL_POSITION"), column);
            }
        }
        List<List<String>> uniqueIndexes = new ArrayList<>();
        for (Map.Entry<String, Map<Short, String>> index : unique.entrySet()) {
            if (!dialect.isPartialIndex(c, table, index.getKey())) {
                uniqueIndexes.add(List.copyOf(index.getValue().values()));
            }
        }
        return new TableInfo(catalog, schema, table, columns, List.copyOf(pk.values()), uniqueIndexes, keyless);
    }

    /** The real column name for a user's name, or an error naming the table's columns. */
    static String column(Connection c, TableInfo t, Names.Part name, Dialect dialect, String what) throws SQLException {
        List<String> names = new ArrayList<>();
        for (TableInfo.ColumnInfo col : t.columns()) {
            names.add(col.name());
        }
        String real = pick(c, names, name, dialect, false, "column");
        if (real == null) {
            throw new InvalidSpecException("unknown column '" + name.text() + "' in " + what + ": table "
                    + t.name() + " has " + String.join(", ", names));
        }
        return real;
    }

    /**
     * The one candidate that {@code name} means by the database's rules ({@link Dialect#resolveName}), or null
     * when it means none and no candidate differs from it only in case. Refuses a name that means several, and
     * one that means none while some differ only in case, naming them and how to write one.
     */
    static String pick(Connection c, List<String> candidates, Names.Part name, Dialect dialect, boolean table,
                       String what) throws SQLException {
        List<String> found = dialect.resolveName(c, candidates, name.text(), name.quoted(), table);
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.size() > 1) {
            throw new InvalidSpecException(what + " name '" + name.text() + "' is ambiguous on " + dialect.name()
                    + ": it means each of " + quoted(found) + "; rename one of them");
        }
        List<String> near = candidates.stream().filter(n -> n.equalsIgnoreCase(name.text())).distinct().toList();
        if (near.isEmpty()) {
            return null;
        }
        throw new InvalidSpecException("unknown " + what + " '" + name.text() + "': by " + dialect.name() + "'s rules "
                + (name.quoted() ? "a quoted" : "an unquoted") + " name means none of " + quoted(near)
                + ", which differ from it only in case; to mean one, give it exactly as written there, in double quotes");
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> '"' + n.replace("\"", "\"\"") + '"').collect(Collectors.joining(", "));
    }

    private static String match(Connection c, ResultSet rs, int column, Names.Part name, Dialect dialect)
            throws SQLException {
        List<String> names = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                names.add(rs.getString(column));
            }
        }
        return pick(c, names, name, dialect, true, "schema");
    }

    private static String safeSchema(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    private static String escape(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
