package dev.rowstream.internal;

import dev.rowstream.Columns;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.Strategy;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.CheckpointException;
import dev.rowstream.checkpoint.KeyValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Checkpoints of a read: the hash of its plan, the checkpoint at the last row handed out, and the check
 * of a checkpoint against the plan of the read that resumes from it.
 *
 * <p>The hash covers what decides which rows come and in what form: the SELECT (the table's real name or
 * the query, and the columns, as the plan resolved them), the condition with its parameters, the final
 * key (with a tiebreaker the planner added) and the strategy. The batch size, segment limits and retries
 * only change how the rows are fetched, so a resumed read may change them.
 */
final class Resume {
    private Resume() {
    }

    /** Fails unless a read with this plan can produce and use checkpoints: it needs a key to seek after. */
    static void requireKey(Plan plan) {
        if (!plan.hasKey()) {
            throw new InvalidSpecException("a checkpoint needs a key to resume after: give a key (key(...)), or read a"
                    + " table that has a primary key");
        }
        if (plan.strategy() == Strategy.OFFSET) {
            throw new InvalidSpecException("strategy offset cannot resume from a checkpoint (rows move when the"
                    + " table changes): use keyset, hybrid or cursor with a key");
        }
    }

    /** The checkpoint after {@code lastRow} (the last row handed out, or null when none was). */
    static Checkpoint at(Plan plan, Object[] lastRow, long handedOut, Checkpoint resumedFrom) {
        requireKey(plan);
        List<KeyValue> key;
        if (lastRow == null) {
            key = resumedFrom == null ? null : resumedFrom.key();
        } else {
            key = new ArrayList<>(plan.keyIndexes().length);
            for (int i = 0; i < plan.keyIndexes().length; i++) {
                key.add(new KeyValue(plan.key().columns().get(i).name(), lastRow[plan.keyIndexes()[i]]));
            }
        }
        long before = resumedFrom == null ? 0 : resumedFrom.rowCount();
        return new Checkpoint(hash(plan), describe(plan), key, before + handedOut, Map.of());
    }

    /**
     * The key to start after (null: from the start), once {@code from} is checked against the plan: the
     * same read. (That no row ties with its key, and that the seek after it leaves its own row out, the
     * {@link Seeker} checks before the first piece runs.)
     */
    static Object[] startAfter(Connection c, Plan plan, Checkpoint from) throws SQLException {
        if (from == null) {
            return null;
        }
        requireKey(plan);
        if (!hash(plan).equals(from.specHash())) {
            throw new CheckpointException("the checkpoint was made for another read: " + differences(plan, from)
                    + ". Resume with the options it was made with, or start over without it");
        }
        Object[] key = from.keyValues();
        if (key == null) {
            return null;
        }
        // The hash covers the key's columns, but not the checkpoint's values: they must name those columns.
        List<KeyValue> values = from.key();
        boolean same = values.size() == plan.key().size();
        for (int i = 0; same && i < values.size(); i++) {
            same = values.get(i).column().equals(plan.key().columns().get(i).name());
        }
        if (!same) {
            throw new CheckpointException("the checkpoint's key values (" + from.describeKey() + ") are not those of"
                    + " the key " + plan.key() + ": it was edited");
        }
        return key;
    }

    /**
     * A CURSOR read resumed after {@code after}: the rows after it in one cursor on {@code first} (the
     * planning connection); then, when that seek leaves out the rows whose first key column is NULL and those
     * sort last (see {@link Plan#nullTailAfter}), those rows in a second cursor on a new connection. The
     * {@link Seeker} places both and checks where they start.
     */
    static RowSource cursor(DataSource dataSource, Connection first, Plan plan, Object[] after, RowReader.Mode mode) {
        return new ResumedCursor(dataSource, first, plan, after, null, "where the read resumes from a checkpoint", mode);
    }

    /** A cursor over the key range after {@code after} up to {@code upTo} (either may be null): a split's. */
    static RowSource cursor(DataSource dataSource, Connection first, Plan plan, Object[] after, Object[] upTo,
                            RowReader.Mode mode) {
        return new ResumedCursor(dataSource, first, plan, after, upTo, "where the split starts", mode);
    }

    static String hash(Plan plan) {
        StringBuilder text = new StringBuilder();
        field(text, "select", plan.select());
        field(text, "where", plan.where());
        for (Object p : plan.params()) {
            field(text, "param", p == null ? null : p.getClass().getName() + ":" + exact(p));
        }
        field(text, "key", plan.key().toString());
        field(text, "strategy", strategy(plan));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The read in words, for the checkpoint and for saying what differs. */
    static Map<String, String> describe(Plan plan) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("source", Sql.shorten(plan.select()));
        if (plan.where() != null) {
            d.put("where", Sql.shorten(plan.where()));
        }
        d.put("params", Integer.toString(plan.params().size()));
        d.put("key", plan.key().toString());
        d.put("strategy", strategy(plan));
        return d;
    }

    private static String differences(Plan plan, Checkpoint from) {
        Map<String, String> now = describe(plan);
        List<String> diffs = new ArrayList<>();
        for (String name : List.of("source", "where", "params", "key", "strategy")) {
            String was = from.spec().get(name);
            String is = now.get(name);
            if (was == null ? is != null : !was.equals(is)) {
                diffs.add(what(name) + " was " + shown(was) + ", now " + shown(is));
            }
        }
        if (diffs.isEmpty()) {
            return "its columns, condition or parameter values differ from this read's";
        }
        return String.join("; ", diffs);
    }

    private static String what(String name) {
        return switch (name) {
            case "source" -> "the source";
            case "where" -> "the condition";
            case "params" -> "the number of parameters";
            case "key" -> "the key";
            default -> "the strategy";
        };
    }

    private static String shown(String value) {
        return value == null ? "none" : "(" + value + ")";
    }

    private static String strategy(Plan plan) {
        return plan.strategy().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void field(StringBuilder text, String name, String value) {
        // Length-prefixed, so no value can imitate the boundary between two fields.
        text.append(name).append(value == null ? "=-" : "=" + value.length() + ":" + value).append('\n');
    }

    private static String exact(Object p) {
        if (p instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (p instanceof BigDecimal d) {
            return d.toString();
        }
        return String.valueOf(p);
    }

    /** See {@link #cursor}. */
    private static final class ResumedCursor implements RowSource {
        private final DataSource dataSource;
        private final Plan plan;
        private final Seeker seeker;
        private Connection first;
        private final RowReader.Mode mode;
        private CursorSource current;
        private boolean started;

        /** Where the read starts, for a message. */
        private final String where;

        ResumedCursor(DataSource dataSource, Connection first, Plan plan, Object[] after, Object[] upTo, String where,
                      RowReader.Mode mode) {
            this.mode = mode;
            this.dataSource = dataSource;
            this.where = where;
            this.plan = plan;
            this.first = first;
            this.seeker = new Seeker(plan, after, upTo);
        }

        @Override
        public void open() throws SQLException {
            Connection c = first;
            first = null;
            current = new CursorSource(c, plan, seeker.piece(0), mode, null);
            seeker.beforePiece(c, where);
            current.open();
        }

        @Override
        public Columns columns() { return current.columns(); }

        @Override
        public Object[] next() throws SQLException {
            while (true) {
                Object[] row = current.next();
                if (!started) {
                    started = true;
                    // No look-ahead precedes a resumed cursor: this only stops a seek that does not advance.
                    seeker.startsAsExpected(row);
                }
                if (row != null) {
                    seeker.handedOut(row);
                    return row;
                }
                seeker.pieceEnded(null);
                if (seeker.done()) {
                    return null;
                }
                current = new CursorSource(dataSource.getConnection(), plan, seeker.piece(0), mode, null); // the NULL tail
                started = false;
                current.open();
            }
        }

        @Override
        public String lastSql() { return current.lastSql(); }

        @Override
        public ResultRowView current() { return current.current(); }

        @Override
        public void close() {
            if (current != null) {
                current.close();
            }
            Jdbc.close(first, null);
        }
    }
}
