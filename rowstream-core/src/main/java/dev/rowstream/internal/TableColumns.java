package dev.rowstream.internal;

import dev.rowstream.dialect.SourceColumn;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.dialect.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table's columns with everything their types say, for code that recreates a table elsewhere (the
 * copy package): the names resolved and checked as a read resolves them ({@link Schema}), each column's
 * {@link DatabaseMetaData#getColumns} row (size, digits, nullability, comment), and its
 * {@link ResultSetMetaData} (whose type name tells a JSON column from a LONGTEXT on MariaDB, and whose
 * scale is a DATETIME's fractional digits there). Public for technical reasons.
 */
public final class TableColumns {
    private TableColumns() {
    }


    /**
     * A resolved table.
     *
     * @param name       its real name, unqualified
     * @param sqlName    its name for SQL, quoted (and qualified when the user qualified it)
     * @param columns    the columns asked for (all, when none were), in that order
     * @param primaryKey the primary key's columns, in key order (empty when there is none)
     */
    public record Table(String name, String sqlName, List<SourceColumn> columns, List<String> primaryKey) {
    }

    /** {@link #describe} of every column of {@code userName}, or null when there is no such table or view. */
    public static Table describeIfExists(Connection c, Dialect dialect, String userName) throws SQLException {
        try {
            return describe(c, dialect, userName, null);
        } catch (InvalidSpecException e) {
            // Schema.table's words for a table that is not there (a bad schema name is another error).
            if (e.getMessage().startsWith("unknown table")) {
                return null;
            }
            throw e;
        }
    }

    /** Resolves {@code userName} and {@code userColumns} (null: all) as a read does; throws for unknown names. */
    public static Table describe(Connection c, Dialect dialect, String userName, List<String> userColumns)
            throws SQLException {
        TableInfo t = Schema.table(c, dialect, userName);
        List<String> names = new ArrayList<>();
        if (userColumns == null) {
            t.columns().forEach(col -> names.add(col.name()));
        } else {
            for (String name : userColumns) {
                List<Names.Part> parts = Names.list(name);
                if (parts.size() != 1) {
                    throw new InvalidSpecException("bad column name '" + name + "': give one name per column");
                }
                names.add(Schema.column(c, t, parts.get(0), dialect, "columns(...)"));
            }
        }
        String sqlName = sqlName(dialect, t, userName);
        DatabaseMetaData md = c.getMetaData();
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < names.size(); i++) {
            select.append(i > 0 ? ", " : "").append(dialect.quote(names.get(i)));
        }
        select.append(" FROM ").append(sqlName).append(" WHERE 1=0");
        List<SourceColumn> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select.toString())) {
            ResultSetMetaData rsmd = rs.getMetaData();
            Map<String, Object[]> rows = new TreeMap<>();
            try (ResultSet cols = md.getColumns(t.catalog(), t.schema(), escape(t.name(), md.getSearchStringEscape()), null)) {
                while (cols.next()) {
                    if (!t.name().equals(cols.getString("TABLE_NAME"))) {
                        continue;
                    }
                    int digits = cols.getInt("DECIMAL_DIGITS");
                    rows.put(cols.getString("COLUMN_NAME"), new Object[] {cols.getInt("DATA_TYPE"),
                        cols.getString("TYPE_NAME"), cols.getInt("COLUMN_SIZE"), cols.wasNull() ? -1 : digits,
                        cols.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, cols.getString("REMARKS")});
                }
            }
            for (int i = 0; i < names.size(); i++) {
                Object[] r = rows.get(names.get(i));
                if (r == null) {
                    throw new InvalidSpecException("column " + names.get(i) + " of table " + t.name()
                            + " is not in the database's column metadata");
                }
                // DECIMAL_DIGITS read after COLUMN_SIZE: wasNull above refers to it.
                columns.add(new SourceColumn(names.get(i), (Integer) r[0], (String) r[1], (Integer) r[2], (Integer) r[3],
                        (Boolean) r[4], (String) r[5], rsmd.getColumnTypeName(i + 1), rsmd.getPrecision(i + 1),
                        rsmd.getScale(i + 1)));
            }
        }
        return new Table(t.name(), sqlName, columns, t.primaryKey());
    }

    /** The name a CREATE TABLE gives {@code userName}: unquoted parts as the database folds them, all quoted. */
    public static String createName(Dialect dialect, String userName) {
        StringBuilder sql = new StringBuilder();
        for (Names.Part p : Names.split(userName)) {
            sql.append(sql.length() > 0 ? "." : "").append(dialect.quote(p.quoted() ? p.text() : dialect.foldUnquoted(p.text())));
        }
        return sql.toString();
    }

    private static String sqlName(Dialect dialect, TableInfo t, String userName) {
        boolean qualified = Names.split(userName).size() == 2;
        if (dialect.schemasAreCatalogs()) {
            return qualified ? dialect.quote(t.catalog()) + "." + dialect.quote(t.name()) : dialect.quote(t.name());
        }
        return t.schema() == null ? dialect.quote(t.name()) : dialect.quote(t.schema()) + "." + dialect.quote(t.name());
    }

    private static String escape(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
