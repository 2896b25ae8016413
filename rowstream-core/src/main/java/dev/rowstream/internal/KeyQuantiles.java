package dev.rowstream.internal;

import dev.rowstream.keyset.Seek;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The keys that cut a keyed read into parts of equal row counts, found by the database in one query: it
 * numbers the rows in key order ({@code ROW_NUMBER()} over the key's own ORDER BY, so NULLs fall where the
 * read puts them) and returns only the last row of each part. The rows are read with the plan's own
 * select list and reader, so each key holds exactly the values a seek binds. Only the cut rows cross the
 * wire: at most {@code parts} rows, however large the table.
 */
public final class KeyQuantiles {
    private KeyQuantiles() {
    }

    /** A row that ends a part: its rank in key order (1-based) and its key. */
    public record Cut(long rank, Object[] key) {
    }

    /**
     * @param rows the rows numbered (all of the read's, or the sample's); 0 when there are none
     * @param cuts the last row of each part but the last, in key order; fewer than parts - 1 when the rows
     *             are fewer than the parts
     */
    public record Cuts(long rows, List<Cut> cuts) {
    }

    /**
     * Cuts the read's rows (those for which {@code sample} holds, when not null) into {@code parts} parts.
     * Part {@code i} ends at rank {@code ceil(i * N / parts)}: the ranks {@code r} where
     * {@code (r * parts) mod N < parts}, since the {@code parts} ranks up to {@code r * parts} then hold a
     * multiple of N. Rank N (the last row) is read too, to learn N, and is no cut.
     */
    public static Cuts cut(DataSource dataSource, Plan plan, int parts, String sample) throws SQLException {
        String from = " FROM " + plan.from();
        if (!plan.hasKey() || !plan.select().endsWith(from)) {
            throw new IllegalStateException("not a keyed read of a table or query: " + Sql.shorten(plan.select()));
        }
        String items = plan.select().substring(0, plan.select().length() - from.length());
        List<String> conditions = new ArrayList<>();
        if (plan.where() != null) {
            conditions.add(plan.where());
        }
        if (sample != null) {
            conditions.add(sample);
        }
        String numbered = items + ", ROW_NUMBER() OVER (ORDER BY " + Seek.orderBy(plan.keyParts(), plan.dialect())
                + ") AS rs_rn, COUNT(*) OVER () AS rs_n" + from
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
        String sql = "SELECT * FROM (" + numbered + ") rs_w WHERE (rs_rn * " + parts + ") % rs_n < " + parts
                + " ORDER BY rs_rn";
        List<Cut> cuts = new ArrayList<>();
        long[] rows = {0};
        query(dataSource, plan, sql, rs -> {
            RowReader reader = null;
            int width = 0;
            while (rs.next()) {
                if (reader == null) {
                    reader = RowReader.of(plan, rs.getMetaData());
                    width = rs.getMetaData().getColumnCount();
                }
                long rank = rs.getLong(width - 1);
                rows[0] = rs.getLong(width);
                Object[] key = Seeker.key(plan, reader.read(rs));
                if (rank < rows[0]) {
                    cuts.add(new Cut(rank, key));
                }
            }
        });
        return new Cuts(rows[0], cuts);
    }

    /** The read's rows, counted: for a sample's share where the statistics have no estimate. */
    public static long count(DataSource dataSource, Plan plan) throws SQLException {
        String sql = "SELECT COUNT(*) FROM " + plan.from() + (plan.where() == null ? "" : " WHERE " + plan.where());
        long[] count = {0};
        query(dataSource, plan, sql, rs -> {
            rs.next();
            count[0] = rs.getLong(1);
        });
        return count[0];
    }

    private interface Results {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with the read's parameters and statement timeout on a connection of its own. */
    private static void query(DataSource dataSource, Plan plan, String sql, Results results) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                plan.budgets().limit(plan.dialect(), ps);
                Jdbc.bind(plan.dialect(), ps, plan.params());
                try (ResultSet rs = ps.executeQuery()) {
                    results.read(rs);
                }
            } finally {
                if (plan.budgets().statementTimeout() != null) {
                    plan.dialect().clearStatementTimeout(c);
                }
            }
        }
    }
}
