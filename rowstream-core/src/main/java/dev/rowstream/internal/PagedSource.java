package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.NonUniqueKeyException;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * KEYSET or OFFSET batches. Each batch borrows a connection, reads at most batchSize rows into memory,
 * and gives the connection back before any row reaches the consumer, so a slow consumer holds nothing
 * open in the database.
 *
 * <p>When the schema does not prove the key unique, each batch reads one row more than it returns.
 * If that row ties with the batch's last row, or the next batch does not start with it, the key is not
 * unique and seeking past it would skip rows: the stream stops instead of losing them.
 */
final class PagedSource implements RowSource {
    private final DataSource dataSource;
    private final Plan plan;
    private final boolean keyset;
    private final boolean guard;
    private final StreamListener listener;
    private RowReader reader;
    private List<Object[]> batch = List.of();
    private int index;
    private Object[] lastKey;
    private Object[] expectedNext;
    private long offset;
    private boolean exhausted;
    private String lastSql;

    PagedSource(DataSource dataSource, Plan plan, StreamListener listener) {
        this.dataSource = dataSource;
        this.plan = plan;
        this.listener = listener;
        this.keyset = plan.strategy() == Strategy.KEYSET;
        this.guard = !plan.keyUnique();
    }

    @Override
    public void open() throws SQLException {
        fetch();
    }

    @Override
    public Columns columns() { return reader.columns(); }

    @Override
    public String lastSql() { return lastSql; }

    @Override
    public Object[] next() throws SQLException {
        while (index >= batch.size()) {
            if (exhausted) {
                return null;
            }
            fetch();
        }
        return batch.get(index++);
    }

    @Override
    public void close() {
        exhausted = true;
        batch = List.of();
    }

    private void fetch() throws SQLException {
        int size = plan.batchSize();
        int limit = guard ? size + 1 : size;
        Plan.Sql sql;
        if (keyset) {
            sql = plan.keysetBatch(lastKey, limit);
        } else {
            sql = plan.offsetBatch(offset, limit);
        }
        lastSql = sql.text();
        List<Object[]> rows = query(sql, limit);
        if (keyset && !rows.isEmpty()) {
            Ties.checkAdvanced(plan, lastKey, rows.get(0));
        }
        if (expectedNext != null && (rows.isEmpty() || !Arrays.deepEquals(key(rows.get(0)), expectedNext))) {
            confirmUnique(lastKey);
        }
        expectedNext = null;
        if (rows.size() > size) {
            Object[] extra = rows.remove(size);
            expectedNext = key(extra);
            if (Arrays.deepEquals(expectedNext, key(rows.get(size - 1)))) {
                throw notUnique(expectedNext);
            }
        }
        boolean ranOut = guard ? expectedNext == null : rows.size() < size;
        if (!rows.isEmpty()) {
            lastKey = key(rows.get(rows.size() - 1));
            offset += rows.size();
        }
        exhausted = ranOut;
        if (ranOut && keyset && plan.nullTailAfter(lastKey)) {
            lastKey = Plan.NULL_TAIL;
            exhausted = false;
        }
        batch = rows;
        index = 0;
        listener.onBatch(rows.size());
    }

    private List<Object[]> query(Plan.Sql sql, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql.text())) {
            Jdbc.bind(plan.dialect(), ps, sql.params());
            try (ResultSet rs = ps.executeQuery()) {
                if (reader == null) {
                    reader = RowReader.of(plan.dialect(), rs.getMetaData(), plan.outputWidth());
                }
                List<Object[]> rows = new ArrayList<>(Math.min(limit, 100_000));
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
                return rows;
            }
        }
    }

    /**
     * The next batch did not start where the look-ahead row said it would. Either rows changed in
     * between (fine: keyset reads what exists), or rows tie with the last key in the database's own
     * comparison (a case-insensitive collation makes 'a' equal 'A'): then rows would be lost.
     */
    private void confirmUnique(Object[] key) throws SQLException {
        Plan.Sql sql = plan.countEqual(key);
        lastSql = sql.text();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql.text())) {
            Jdbc.bind(plan.dialect(), ps, sql.params());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 1) {
                    throw notUnique(key);
                }
            }
        }
    }

    private NonUniqueKeyException notUnique(Object[] key) {
        return new NonUniqueKeyException("the key (" + plan.key() + ") is not unique: rows at a batch boundary"
                + " share the key " + Arrays.deepToString(key) + " in the database's comparison, so a "
                + plan.strategy().name().toLowerCase(java.util.Locale.ROOT)
                + " read would skip or repeat rows; stopped instead. Add columns to the key that make it unique"
                + " (for example the primary key)");
    }

    private Object[] key(Object[] row) {
        int[] idx = plan.keyIndexes();
        Object[] key = new Object[idx.length];
        for (int i = 0; i < idx.length; i++) {
            key[i] = row[idx[i]];
        }
        return key;
    }
}
