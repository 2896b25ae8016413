package dev.rowstream.internal;

import dev.rowstream.NonUniqueKeyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Keys of rows, and the check that no rows tie with a key where a keyset seek starts: a seek past a
 * tied key would skip the rows not read yet. The same rule as PagedSource's batch boundaries.
 */
final class Ties {
    private Ties() {
    }

    /**
     * Fails when a seek after {@code last} returned a row with that very key: the database compared the
     * value sent back as smaller than the one it returned (a lossy driver conversion of a float, a
     * fraction of a second, a TINYINT(1) read as a boolean...). Reading on would repeat rows forever.
     */
    static void checkAdvanced(Plan plan, Object[] last, Object[] firstRow) {
        if (last != null && firstRow != null && Arrays.deepEquals(key(plan, firstRow), last)) {
            throw new dev.rowstream.StreamFailedException("the seek did not move past the key "
                    + Arrays.deepToString(last) + " of (" + plan.key() + "): the " + plan.dialect().name()
                    + " driver does not send this value back exactly as it read it, so a keyset read would repeat"
                    + " rows; stopped instead. Use a key of integer, text, decimal or date/time columns, or a cursor");
        }
    }

    /** The key columns' values of a row. */
    static Object[] key(Plan plan, Object[] row) {
        int[] idx = plan.keyIndexes();
        Object[] key = new Object[idx.length];
        for (int i = 0; i < idx.length; i++) {
            key[i] = row[idx[i]];
        }
        return key;
    }

    /**
     * Counts, on a connection of its own, the rows equal to {@code key} in the database's comparison (a
     * case-insensitive collation makes 'a' equal 'A'), and throws when there is more than one.
     *
     * @param where where the seek starts, for the message
     */
    static void confirmUnique(DataSource dataSource, Plan plan, Object[] key, String where) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            confirmUnique(c, plan, key, where);
        }
    }

    /** The same on a connection the caller holds (a second borrow could wait for a pool of one). */
    static void confirmUnique(Connection c, Plan plan, Object[] key, String where) throws SQLException {
        Plan.Sql sql = plan.countEqual(key);
        try (PreparedStatement ps = c.prepareStatement(sql.text())) {
            plan.budgets().limit(plan.dialect(), ps);
            Jdbc.bind(plan.dialect(), ps, sql.params());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                if (n > 1) {
                    throw notUnique(plan, key, n + " rows share the key " + Arrays.deepToString(key) + " " + where);
                }
            }
        } finally {
            if (plan.budgets().statementTimeout() != null) {
                plan.dialect().clearStatementTimeout(c);
            }
        }
    }

    /** Two rows tie at a boundary: the stream stops rather than skip or repeat rows. */
    static NonUniqueKeyException notUnique(Plan plan, Object[] key, String what) {
        return new NonUniqueKeyException("the key (" + plan.key() + ") is not unique: " + what
                + " in the database's comparison, so a " + plan.strategy().name().toLowerCase(Locale.ROOT)
                + " read would skip or repeat rows; stopped instead. Add columns to the key that make it unique"
                + " (for example the primary key)");
    }
}
