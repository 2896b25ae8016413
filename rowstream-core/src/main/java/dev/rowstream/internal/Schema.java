package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.dialect.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Looks tables, columns and keys up in {@link DatabaseMetaData}, so that names are checked before use. */
final class Schema {
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
                schema = match(md.getSchemas(), 1, parts.get(0), dialect);
                if (schema == null) {
                    throw new InvalidSpecException("unknown schema '" + parts.get(0).text() + "' in table name '"
                            + userName + "': check the spelling");
                }
            }
        }
        Names.Part table = parts.get(parts.size() - 1);
        String real;
        try (ResultSet rs = md.getTables(catalog, schema, null, new String[] {"TABLE", "VIEW", "BASE TABLE"})) {
            real = match(rs, 3, table, dialect);
        }
        if (real == null) {
            throw new InvalidSpecException("unknown table '" + userName + "'"
                    + (schema != null ? " in schema '" + schema + "'" : catalog != null ? " in database '" + catalog + "'" : "")
                    + ": check the name, or qualify it as SCHEMA.TABLE");
        }
        return describe(c, dialect, catalog, schema, real);
    }

    private static TableInfo describe(Connection c, Dialect dialect, String catalog, String schema, String table)
            throws SQLException {
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
        return new TableInfo(catalog, schema, table, columns, List.copyOf(pk.values()), uniqueIndexes);
    }

    /** The real column name for a user's name, or an error naming the table's columns. */
    static String column(TableInfo t, Names.Part name, Dialect dialect, String what) {
        List<String> names = new ArrayList<>();
        for (TableInfo.ColumnInfo c : t.columns()) {
            names.add(c.name());
        }
        String real = pick(names, name, dialect);
        if (real == null) {
            throw new InvalidSpecException("unknown column '" + name.text() + "' in " + what + ": table "
                    + t.name() + " has " + String.join(", ", names));
        }
        return real;
    }

    /** The exact name, else the dialect's folding of an unquoted name, else a unique case-insensitive match. */
    static String pick(List<String> candidates, Names.Part name, Dialect dialect) {
        if (candidates.contains(name.text())) {
            return name.text();
        }
        if (name.quoted()) {
            return null;
        }
        String folded = dialect.foldUnquoted(name.text());
        if (candidates.contains(folded)) {
            return folded;
        }
        Set<String> loose = new LinkedHashSet<>();
        for (String c : candidates) {
            if (c.toLowerCase(Locale.ROOT).equals(name.text().toLowerCase(Locale.ROOT))) {
                loose.add(c);
            }
        }
        return loose.size() == 1 ? loose.iterator().next() : null;
    }

    private static String match(ResultSet rs, int column, Names.Part name, Dialect dialect) throws SQLException {
        List<String> names = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                names.add(rs.getString(column));
            }
        }
        return pick(names, name, dialect);
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
