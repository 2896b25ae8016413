package dev.rowstream.internal;

import dev.rowstream.NonUniqueKeyException;
import dev.rowstream.StreamFailedException;
import dev.rowstream.Strategy;
import dev.rowstream.keyset.KeyPart;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The seek engine: where a keyed read is, which query reads on from there, and the checks that make a lost,
 * repeated or endless read impossible. KEYSET and OFFSET batches, HYBRID segments and resumed cursors all
 * read in <em>pieces</em> through one Seeker; a later key range (issue 10: after key A, up to key B) is a
 * Seeker with an upper bound.
 *
 * <p>Each piece of {@code n} rows reads one row more, the <em>look-ahead</em>: the true successor of its
 * last row in the database's own ORDER BY. It is not handed out; the next piece must start with exactly
 * its key. Reading it costs one row per piece, and it also tells the end of the data without an empty
 * last query. When the next piece starts elsewhere (or is empty), one query asks the database what
 * happened ({@link Plan#guardQuery}):
 * <ul>
 * <li>rows tie with the last key: a seek past it would skip them, so the read stops
 *   ({@link NonUniqueKeyException});</li>
 * <li>the look-ahead row still exists but the seek after the last key leaves it out, or the seek selects
 *   the last key's own row, or the piece starts with a row that sorts before the last key (or, the last
 *   key's row gone, before the key the previous piece started after): the bound value is not compared as the
 *   column sorts, and the read stops ({@link StreamFailedException} naming the key's columns and types);</li>
 * <li>neither the last row nor the look-ahead row can be found by its key: both were deleted, or the key's
 *   values do not find their own rows (a driver that reads them inexactly); nothing tells which, so the read
 *   stops rather than guess;</li>
 * <li>otherwise rows were inserted, deleted or updated in between, which a keyset read allows: it reads
 *   what exists. An OFFSET read does not: rows that move shift every offset, so it stops.</li>
 * </ul>
 * A piece whose first row has the very key it seeks after, or a look-ahead row with the last key's value
 * (two rows the read cannot tell apart), stops the read too: never a loop, never a skip. A position that no
 * look-ahead vouches for (a checkpoint's key, or the last key before a lost connection) is checked before
 * its piece runs: no ties, and a seek that leaves its own row out.
 *
 * <p>A nullable first key column whose NULLs sort last is read in two runs: the values, by seeks that leave
 * the NULLs out (so that each stays an index range), then the NULLs by a seek of their own
 * ({@link Plan#NULL_TAIL}).
 */
final class Seeker {
    private final Plan plan;
    private final boolean byOffset;
    /** The inclusive upper end of the read, or null for the end of the data. */
    private final Object[] upTo;
    /** The key of the last row handed out (or the start's), or null before the first; see {@link #position()}. */
    private Object[] position;
    /** The last row handed out, whose key {@link #position()} takes when first asked (not for every row). */
    private Object[] lastRow;
    /** The position when the piece that is open (or last ran) started. */
    private Object[] pieceStart;
    /** The position when the last piece that ended had started: the key before its first row. */
    private Object[] previous;
    /** The last position whose own key found no row at a boundary (see {@link #confirm}), or null. */
    private Object[] ambiguousAt;
    private long handedOut;
    private boolean inNullTail;
    /** The key the next piece must start with: the last piece's look-ahead row's; null when none is known. */
    private Object[] expected;
    /** The position has no look-ahead behind it: check it before the next piece runs. */
    private boolean checkPosition;
    private boolean done;

    /** A read from the start, or after {@code startAfter} (a checkpoint's key), up to {@code upTo} (or the end). */
    Seeker(Plan plan, Object[] startAfter, Object[] upTo) {
        this.plan = plan;
        this.byOffset = plan.strategy() == Strategy.OFFSET;
        this.upTo = upTo;
        this.position = startAfter;
        this.checkPosition = startAfter != null;
    }

    boolean done() { return done; }

    /**
     * The SQL of the next piece: at most {@code rows} rows handed out and one look-ahead row; {@code rows <= 0}
     * for all the rest in one piece (a resumed cursor), with no look-ahead.
     */
    Plan.Sql piece(long rows) {
        pieceStart = position();
        int limit = rows <= 0 ? 0 : (int) (Math.min(rows, Plan.MAX_SEGMENT_ROWS) + 1);
        if (byOffset) {
            return plan.offsetBatch(handedOut, limit);
        }
        Object[] from = inNullTail && (position() == null || position()[0] != null) ? Plan.NULL_TAIL : position();
        Plan.Sql sql = plan.keysetFrom(from, upTo);
        return limit == 0 ? sql : new Plan.Sql(sql.text() + plan.dialect().limit(limit), sql.params());
    }

    /** Before the next piece runs (on {@code c}, before its transaction): checks a position no look-ahead vouches for. */
    void beforePiece(Connection c, String where) throws SQLException {
        if (checkPosition && position() != null && position() != Plan.NULL_TAIL) {
            checkPosition(c, plan, position(), where);
        }
        checkPosition = false;
    }

    /**
     * Checks the first row of a piece (null when it is empty). True: read on. False: it is not the last
     * look-ahead row, and {@link #confirm} must ask the database before the read goes on. Throws when the
     * seek did not move past its own key.
     */
    boolean startsAsExpected(Object[] firstRow) {
        if (!byOffset && firstRow != null && position() != null && Arrays.deepEquals(key(plan, firstRow), position())) {
            throw new StreamFailedException("the seek did not move past the key " + show(position()) + " of ("
                    + describeKey(plan) + "): the " + plan.dialect().name() + " database compares the value sent back"
                    + " differently from the one it sent, so the read would repeat rows; stopped instead. Key on"
                    + " other columns, or read with a cursor");
        }
        if (expected == null) {
            return true;
        }
        if (firstRow != null && Arrays.deepEquals(key(plan, firstRow), expected)) {
            expected = null;
            return true;
        }
        return false;
    }

    /**
     * Asks the database, on {@code c}, about a piece that did not start with the last look-ahead row: throws
     * when rows would be lost or repeated, returns when rows merely changed in between (then the piece is
     * read as it is, or, for a HYBRID segment released to ask, again).
     */
    void confirm(Connection c, Object[] firstRow) throws SQLException {
        Object[] ahead = expected;
        expected = null;
        if (position() == null) {
            return; // a look-ahead follows a row handed out: cannot happen, and nothing to compare with
        }
        Object[] first = firstRow == null ? null : key(plan, firstRow);
        Plan.Sql sql = plan.guardQuery(position(), first, ahead, previous);
        int lastRows = 0;
        boolean aheadFound = false;
        int index = 0;
        int lastAt = -1;
        int firstAt = -1;
        int previousAt = -1;
        try (PreparedStatement ps = c.prepareStatement(sql.text())) {
            plan.budgets().limit(plan.dialect(), ps);
            Jdbc.bind(plan.dialect(), ps, sql.params());
            try (ResultSet rs = ps.executeQuery()) {
                for (; rs.next(); index++) {
                    boolean isLast = rs.getInt(1) == 1;
                    boolean selected = rs.getInt(5) == 1;
                    if (isLast) {
                        lastRows++;
                        lastAt = lastAt < 0 ? index : lastAt;
                        if (selected) {
                            throw inexact("the seek after the key " + show(position()) + " selects that key's own row");
                        }
                    } else if (rs.getInt(3) == 1) {
                        aheadFound = true;
                        if (!selected) {
                            throw inexact("the seek after the key " + show(position()) + " leaves out the row that follows"
                                    + " it, " + show(ahead));
                        }
                    }
                    if (rs.getInt(2) == 1 && firstAt < 0) {
                        firstAt = index;
                    }
                    if (rs.getInt(4) == 1) {
                        previousAt = index;
                    }
                }
            }
        } finally {
            if (plan.budgets().statementTimeout() != null) {
                plan.dialect().clearStatementTimeout(c);
            }
        }
        if (lastRows > 1) {
            throw notUnique(plan, lastRows + " rows share the key " + show(position()) + " at a " + piece() + " boundary");
        }
        if (firstAt >= 0 && (lastRows == 1 ? firstAt < lastAt : previousAt >= 0 && firstAt <= previousAt)) {
            throw inexact("the seek after the key " + show(position()) + " returned " + show(first) + ", which sorts"
                    + " before it");
        }
        if (lastRows == 0) {
            // The last row's key finds no row: it was deleted in between, or its values, sent back, do not find
            // their own row, which puts every seek after it off. Nothing tells which for sure; what would be
            // lost or repeated if it were the second is not allowed.
            if (!aheadFound) {
                throw inexact("neither the last row read, " + show(position()) + ", nor the one after it, "
                        + show(ahead) + ", can be found by its key any more (deleted while the read ran, or a key whose"
                        + " values do not find their rows)");
            }
            if (first != null && firstAt < 0) {
                throw inexact("the row the seek after " + show(position()) + " returned, " + show(first)
                        + ", cannot be found by its key");
            }
            if (Arrays.deepEquals(ambiguousAt, position())) {
                throw inexact("the read came back to the key " + show(position()) + ", which finds no row");
            }
            ambiguousAt = position();
        }
        if (byOffset) {
            throw new StreamFailedException("rows changed while an offset read ran: the batch after " + show(position())
                    + " starts with " + (first == null ? "no row" : show(first)) + " where " + show(ahead)
                    + (aheadFound ? " still is" : " was") + ", so rows would be skipped or repeated; stopped instead."
                    + " Use strategy keyset, which reads what exists");
        }
    }

    /** A row was handed out: the read is past it. */
    void handedOut(Object[] row) {
        lastRow = row;
        handedOut++;
    }

    /** The key of the last row handed out (or the start's), or null before the first. */
    private Object[] position() {
        if (lastRow != null) {
            position = key(plan, lastRow);
            lastRow = null;
        }
        return position;
    }

    /**
     * The piece is over. {@code ahead}: its look-ahead row (the next piece must start with it), or null when its
     * rows ran out: then the read goes on with the NULL tail, or is done.
     */
    void pieceEnded(Object[] ahead) {
        previous = pieceStart;
        if (ahead != null) {
            Object[] key = key(plan, ahead);
            if (Arrays.deepEquals(key, position())) {
                if (plan.keyUnique()) {
                    throw inexact("two rows of a unique key read as the same key " + show(key)
                            + ", so a seek cannot tell them apart");
                }
                throw notUnique(plan, "rows at a " + piece() + " boundary share the key " + show(key));
            }
            expected = key;
        } else if (!byOffset && !inNullTail && plan.nullTailAfter(position())
                && (upTo == null || upTo[0] == null)) {
            inNullTail = true;
        } else {
            done = true;
        }
    }

    /** The piece failed: the next one starts after the last row handed out, checked first. */
    void failed() {
        expected = null;
        checkPosition = position() != null;
    }

    /** Stops: {@link #done()} from now on. */
    void stop() {
        done = true;
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
     * Checks, on {@code c}, a key a read starts after that no look-ahead row vouches for: no other row ties
     * with it in the database's comparison (a case-insensitive collation makes 'a' equal 'A'), and the seek
     * after it leaves its own row out. {@code where}: where the read starts, for the message.
     */
    static void checkPosition(Connection c, Plan plan, Object[] key, String where) throws SQLException {
        Plan.Sql sql = plan.guardQuery(key, null, null, null);
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement(sql.text())) {
            plan.budgets().limit(plan.dialect(), ps);
            Jdbc.bind(plan.dialect(), ps, sql.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows += rs.getInt(1);
                    if (rs.getInt(1) == 1 && rs.getInt(5) == 1) {
                        throw inexact(plan, "the seek after the key " + show(key) + " " + where
                                + " selects that key's own row");
                    }
                }
            }
        } finally {
            if (plan.budgets().statementTimeout() != null) {
                plan.dialect().clearStatementTimeout(c);
            }
        }
        if (rows > 1) {
            throw notUnique(plan, rows + " rows share the key " + show(key) + " " + where);
        }
    }

    /** What this read's pieces are called. */
    private String piece() {
        return plan.strategy() == Strategy.HYBRID ? "segment" : "batch";
    }

    private StreamFailedException inexact(String what) {
        return inexact(plan, what);
    }

    private static StreamFailedException inexact(Plan plan, String what) {
        return new StreamFailedException("the key (" + describeKey(plan) + ") is not compared as " + plan.dialect().name()
                + " sorts it: " + what + ", so the read would lose or repeat rows; stopped instead. Key on other"
                + " columns, or read with a cursor");
    }

    /** Two rows tie at a boundary: the stream stops rather than skip or repeat rows. */
    static NonUniqueKeyException notUnique(Plan plan, String what) {
        return new NonUniqueKeyException("the key (" + plan.key() + ") is not unique: " + what
                + " in the database's comparison, so a " + plan.strategy().name().toLowerCase(Locale.ROOT)
                + " read would skip or repeat rows; stopped instead. Add columns to the key that make it unique"
                + " (for example the primary key)");
    }

    /** The key's columns with their types: {@code b BIT, id INTEGER}. */
    static String describeKey(Plan plan) {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < plan.keyParts().size(); i++) {
            KeyPart p = plan.keyParts().get(i);
            cols.add(plan.key().columns().get(i).name() + " " + p.rule().type());
        }
        return String.join(", ", cols);
    }

    static String show(Object[] key) {
        return key == null ? "(none)" : Arrays.deepToString(key);
    }
}
