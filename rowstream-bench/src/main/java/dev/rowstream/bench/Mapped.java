package dev.rowstream.bench;

import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.RowValues;
import dev.rowstream.Strategy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * The orders read into a record of the user's, three ways in one run (CURSOR, key id): raw JDBC typed getters
 * ({@code raw-cursor-mapped}), {@code open()} and the {@link dev.rowstream.Row}'s typed getters
 * ({@code lib-cursor-row-getters}), and {@code openMapped} with the same getters on the result's current row
 * ({@code lib-cursor-mapped}). Each returns {rows, id sum, non-null fields}, like every case.
 */
final class Mapped {
    private Mapped() {
    }

    /** A user's record; created_at is OffsetDateTime on PostgreSQL (timestamptz), LocalDateTime on MariaDB. */
    record Order(long id, int customerId, String status, BigDecimal amount, Object createdAt, String note) {
        /** The same code for a Row and a RowView. */
        static Order of(RowValues v) {
            return new Order(v.getLong("id"), v.getInt("customer_id"), v.getString("status"),
                    v.getBigDecimal("amount"), v.get("created_at"), v.getString("note"));
        }

        int nonNull() {
            return 2 + (status != null ? 1 : 0) + (amount != null ? 1 : 0) + (createdAt != null ? 1 : 0)
                    + (note != null ? 1 : 0);
        }
    }

    static long[] read(DataSource ds, String kind, String table, long limit, int batch) throws SQLException {
        if (kind.equals("raw-cursor-mapped")) {
            return raw(ds, table, limit, batch);
        }
        var builder = RowStreams.from(ds).table(table).key("id").strategy(Strategy.CURSOR).batchSize(batch);
        if (limit > 0) {
            builder.where("id <= ?", limit);
        }
        try (RowStream<Order> stream = kind.equals("lib-cursor-mapped") ? builder.openMapped(Order::of)
                : builder.open(Order::of)) {
            return tally(stream);
        }
    }

    private static long[] tally(Iterable<Order> orders) {
        long[] t = new long[3];
        for (Order o : orders) {
            t[0]++;
            Case.Probe.tick(t[0]);
            t[1] += o.id();
            t[2] += o.nonNull();
        }
        return t;
    }

    /** What a careful programmer writes by hand: a streamed cursor, each column by its typed getter. */
    private static long[] raw(DataSource ds, String table, long limit, int batch) throws SQLException {
        String sql = "SELECT " + Case.COLUMNS + " FROM " + table + (limit > 0 ? " WHERE id <= ?" : "") + " ORDER BY id";
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long[] t = new long[3];
            try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(batch);
                if (limit > 0) {
                    ps.setLong(1, limit);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    Class<?> time = rs.getMetaData().getColumnType(5) == Types.TIMESTAMP_WITH_TIMEZONE
                            || "timestamptz".equals(rs.getMetaData().getColumnTypeName(5))
                            ? OffsetDateTime.class : LocalDateTime.class;
                    while (rs.next()) {
                        Order o = new Order(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getBigDecimal(4),
                                rs.getObject(5, time), rs.getString(6));
                        t[0]++;
                        Case.Probe.tick(t[0]);
                        t[1] += o.id();
                        t[2] += o.nonNull();
                    }
                }
            }
            c.commit();
            c.setAutoCommit(true);
            return t;
        }
    }
}
