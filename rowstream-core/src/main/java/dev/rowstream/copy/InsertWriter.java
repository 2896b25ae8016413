package dev.rowstream.copy;

import dev.rowstream.dialect.ColumnType;
import dev.rowstream.dialect.ColumnType.Kind;
import dev.rowstream.dialect.CopyTypes;
import dev.rowstream.dialect.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.UUID;

/**
 * One INSERT per row, sent as a JDBC batch per copy batch. How fast that is depends on the driver turning
 * the batch into few round trips: pgjdbc rewrites it when the URL has {@code reWriteBatchedInserts=true},
 * MySQL Connector/J with {@code rewriteBatchedStatements=true} (the CLI adds it), MariaDB Connector/J 3
 * sends a bulk command by itself ({@code useBulkStmtsForInserts}, on by default).
 *
 * <p>Values are bound through {@link Dialect#bind}, as a read binds its keys: MySQL Connector/J against
 * MariaDB would otherwise drop the fractional seconds of a timestamp (see MySqlConnectorDialect.bind).
 */
final class InsertWriter implements BatchWriter {
    private final Dialect dialect;
    private final CopyTypes mapper;
    private final List<ColumnType> columns;
    private final int[] sqlTypes;
    private final PreparedStatement insert;
    private int pending;

    InsertWriter(Connection c, Dialect dialect, CopyTypes mapper, String table, List<String> quotedColumns,
                 List<ColumnType> columns, int[] sqlTypes) throws SQLException {
        this.dialect = dialect;
        this.mapper = mapper;
        this.columns = columns;
        this.sqlTypes = sqlTypes;
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", quotedColumns)).append(") VALUES (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(mapper.marker(columns.get(i)));
        }
        this.insert = c.prepareStatement(sql.append(')').toString());
    }

    @Override
    public String name() {
        return "batched INSERT";
    }

    @Override
    public void add(Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            bind(i + 1, columns.get(i), sqlTypes[i], values[i]);
        }
        insert.addBatch();
        pending++;
    }

    private void bind(int index, ColumnType t, int sqlType, Object v) throws SQLException {
        if (v == null) {
            insert.setNull(index, sqlType);
            return;
        }
        Kind kind = t.kind();
        if (v instanceof byte[] b) {
            insert.setBytes(index, b);
        } else if (kind == Kind.JSON && mapper.untypedText()) {
            insert.setObject(index, v, Types.OTHER);
        } else if (mapper.temporalsAsText() && (v instanceof BigDecimal || v instanceof java.time.temporal.Temporal)) {
            insert.setString(index, v instanceof BigDecimal d ? d.toPlainString() : Coerce.canonicalText(v, t.precision()));
        } else if (mapper.untypedText() && !kind.isText() && (v instanceof String || v instanceof java.time.OffsetTime)) {
            insert.setObject(index, v.toString(), Types.OTHER);
        } else if (v instanceof Double d && !Double.isFinite(d) && kind == Kind.DECIMAL) {
            insert.setObject(index, d.toString(), Types.OTHER); // numeric 'NaN', 'Infinity' (PostgreSQL only)
        } else if (v instanceof Boolean b && mapper.temporalsAsText()) {
            insert.setInt(index, b ? 1 : 0);
        } else if (v instanceof UUID u && !mapper.bindsUuid()) {
            insert.setString(index, u.toString());
        } else {
            dialect.bind(insert, index, v);
        }
    }

    @Override
    public void finish() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void abort() {
        try {
            insert.clearBatch();
        } catch (SQLException ignored) {
            // The transaction is rolled back next: what the batch held is gone either way.
        }
        pending = 0;
    }

    @Override
    public void close() {
        try {
            insert.close();
        } catch (SQLException ignored) {
            // Closing the connection releases it too.
        }
    }
}
