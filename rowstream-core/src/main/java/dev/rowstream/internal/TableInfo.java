package dev.rowstream.internal;

import java.util.List;

/**
 * A table as the database describes it: its real name parts, its columns in order, the primary key,
 * and the unique indexes. {@code keyless}: an object that cannot hold a primary key (a view, a materialized
 * view, a foreign table), whose key comes from the user.
 */
record TableInfo(String catalog, String schema, String name, List<ColumnInfo> columns,
                 List<String> primaryKey, List<List<String>> uniqueIndexes, boolean keyless) {

    /** A column; {@code typeName} is the database's name of its type (for {@link dev.rowstream.dialect.Dialect#exactRead}). */
    record ColumnInfo(String name, boolean nullable, String typeName) {
        ColumnInfo(String name, boolean nullable) {
            this(name, nullable, "");
        }
    }

    ColumnInfo column(String realName) {
        for (ColumnInfo c : columns) {
            if (c.name().equals(realName)) {
                return c;
            }
        }
        return null;
    }
}
