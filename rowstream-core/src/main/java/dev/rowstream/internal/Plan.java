package dev.rowstream.internal;

import dev.rowstream.Strategy;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.ValueReader;
import dev.rowstream.keyset.KeyPart;
import dev.rowstream.keyset.KeySpec;
import dev.rowstream.keyset.Seek;
import dev.rowstream.keyset.SeekParam;
import java.util.ArrayList;
import java.util.List;

/**
 * A read checked against the database and turned into SQL pieces.
 *
 * @param select       {@code SELECT a, b FROM t} or {@code SELECT * FROM (query) rs_q}, with any column a key
 *                     value is read from appended after the output columns
 * @param from         what {@code select} reads from: {@code t} or {@code (query) rs_q}
 * @param where        the user's condition, already parenthesised, or null
 * @param params       values for the ?s of {@code select} and {@code where}
 * @param outputWidth  how many leading select columns are output; the rest are read for the seek only
 * @param keyParts     the key columns as ORDER BY and the seek compare them, each with its dialect's rule
 * @param keyIndexes   where each key value sits in a row's values: an output column whose value serves as the
 *                     key value, or a slot after the output columns
 * @param keyColumns   the 0-based select column each key value is read from by its rule, or -1 when the
 *                     output value at {@code keyIndexes} serves
 * @param keyUnique    true when the schema proves the key unique
 * @param budgets      the statement timeout and the longest transaction allowed
 * @param exact        per select column, its {@link Dialect#exactRead} (the column's label and the expression's
 *                     reader), or null where the column is read as it is (the list may be shorter than the select list)
 */
public record Plan(Dialect dialect, Strategy strategy, String select, String from, String where, List<Object> params,
                   int outputWidth, KeySpec key, List<KeyPart> keyParts, int[] keyIndexes, int[] keyColumns,
                   boolean keyUnique, int batchSize, Budgets budgets, List<ExactColumn> exact) {

    /** A select column read through its dialect's exact-read expression: its label, and the expression's reader. */
    public record ExactColumn(String label, String typeName, int jdbcType, ValueReader reader) {
    }

    /** A plan whose key values are the output values at {@code keyIndexes}, without budgets (SQL tests). */
    public Plan(Dialect dialect, Strategy strategy, String select, String where, List<Object> params,
                int outputWidth, KeySpec key, List<KeyPart> keyParts, int[] keyIndexes, boolean keyUnique,
                int batchSize) {
        this(dialect, strategy, select, fromOf(select), where, params, outputWidth, key, keyParts, keyIndexes,
                keyIndexes == null ? null : noReads(keyIndexes.length), keyUnique, batchSize, Budgets.NONE, List.of());
    }

    private static String fromOf(String select) {
        int at = select.indexOf(" FROM ");
        return at < 0 ? select : select.substring(at + " FROM ".length());
    }

    private static int[] noReads(int n) {
        int[] none = new int[n];
        java.util.Arrays.fill(none, -1);
        return none;
    }

    public boolean hasKey() { return key != null; }

    /** The number of values in a row: the output values, then the key values read for the seek. */
    public int rowWidth() {
        int width = outputWidth;
        if (keyColumns != null) {
            for (int c : keyColumns) {
                width += c >= 0 ? 1 : 0;
            }
        }
        return width;
    }

    /** The query that reads everything in key order, for a cursor. */
    public String fullQuery() {
        return select + (where == null ? "" : " WHERE " + where) + orderBy();
    }

    /** A batch after {@code last} (or the first batch when null), with {@code limit} rows at most. */
    public Sql keysetBatch(Object[] last, int limit) {
        Sql from = keysetFrom(last, null);
        return new Sql(from.text() + dialect.limit(limit), from.params());
    }

    /**
     * A HYBRID segment after {@code last} (the first when null): a keyset batch of {@code rows} rows and one
     * look-ahead row (see {@link Seeker}). The LIMIT is in the SQL so that a segment ends by itself: no
     * driver then has to abandon a half-read result, which costs the connection on MariaDB and MySQL (see
     * MariaDbDialect.abandonCursor). {@code rows} is capped at {@link #MAX_SEGMENT_ROWS}.
     */
    public Sql segment(Object[] last, long rows) {
        return keysetBatch(last, (int) (Math.min(rows, MAX_SEGMENT_ROWS) + 1));
    }

    /** The most rows a segment reads: a LIMIT is an int. Segments that long end by their time limit anyway. */
    public static final long MAX_SEGMENT_ROWS = Integer.MAX_VALUE - 1L;

    /**
     * Stands for "the start of the NULL tail" where a last key goes: the rows whose first key column is
     * NULL, when those come last. See {@link #nullTailAfter}.
     */
    public static final Object[] NULL_TAIL = new Object[0];

    /**
     * True when the seek after {@code last} leaves out rows whose first key column is NULL, although
     * they follow in key order: the first column is nullable, its NULLs sort last, and {@code last} is
     * not NULL there. The seek leaves them out because {@code a > ? OR a IS NULL} can use no index range
     * (PostgreSQL filters the whole index instead); so when a seek's rows run out, the reader goes on
     * with {@link #NULL_TAIL}, whose {@code a IS NULL} is an index range too.
     */
    public boolean nullTailAfter(Object[] last) {
        if (last == null || last == NULL_TAIL || last[0] == null) {
            return false;
        }
        KeyPart first = keyParts.get(0);
        return first.nullable() && first.nullsLast();
    }

    /**
     * The rows after {@code last} (all rows when null) and, when {@code upTo} is not null, at or before it,
     * in key order: a keyset batch without a LIMIT.
     */
    public Sql keysetFrom(Object[] last, Object[] upTo) {
        List<Object> all = new ArrayList<>(params);
        List<String> conditions = new ArrayList<>();
        if (where != null) {
            conditions.add(where);
        }
        if (last == NULL_TAIL) {
            conditions.add(keyParts.get(0).expression() + " IS NULL");
        } else if (last != null) {
            conditions.add(add(Seek.after(keyParts, last, dialect.rowValueSeek()), all));
        }
        if (upTo != null) {
            conditions.add(add(Seek.upTo(keyParts, upTo, dialect.rowValueSeek()), all));
        }
        String sql = select + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + orderBy();
        return new Sql(sql, all);
    }

    /** The rows after {@code last} (all rows when null) in key order. */
    public Sql keysetFrom(Object[] last) {
        return keysetFrom(last, null);
    }

    /** A batch of {@code limit} rows after skipping {@code offset}. */
    public Sql offsetBatch(long offset, int limit) {
        return new Sql(fullQuery() + dialect.limitOffset(limit, offset), params);
    }

    /**
     * What the seek engine asks the database about a boundary (see {@link Seeker}): the rows whose key equals
     * {@code last}, {@code first}, {@code ahead} or {@code previous} (any but {@code last} may be null), in key
     * order, each with five flags (1 or 0): whether its key equals each of the four, and whether the seek after
     * {@code last} selects it (its NULL tail included).
     */
    public Sql guardQuery(Object[] last, Object[] first, Object[] ahead, Object[] previous) {
        List<Object> all = new ArrayList<>();
        Object[][] keys = {last, first, ahead, previous};
        StringBuilder sql = new StringBuilder("SELECT ");
        for (Object[] key : keys) {
            sql.append(key == null ? "0" : "CASE WHEN " + add(Seek.equal(keyParts, key), all) + " THEN 1 ELSE 0 END")
                    .append(", ");
        }
        String seek = add(Seek.after(keyParts, last, dialect.rowValueSeek()), all);
        if (nullTailAfter(last)) {
            seek = "(" + seek + " OR " + keyParts.get(0).expression() + " IS NULL)";
        }
        sql.append("CASE WHEN ").append(seek).append(" THEN 1 ELSE 0 END FROM ").append(from).append(" WHERE ");
        all.addAll(params);
        List<String> which = new ArrayList<>();
        for (Object[] key : keys) {
            if (key != null) {
                which.add("(" + add(Seek.equal(keyParts, key), all) + ")");
            }
        }
        String cond = "(" + String.join(" OR ", which) + ")";
        sql.append(where == null ? cond : where + " AND " + cond).append(orderBy());
        return new Sql(sql.toString(), all);
    }

    /** Appends {@code c}'s key values to {@code params}; returns its SQL. */
    private static String add(Seek.Condition c, List<Object> params) {
        params.addAll(c.bound());
        return c.sql();
    }

    private String orderBy() {
        return keyParts == null ? "" : " ORDER BY " + Seek.orderBy(keyParts, dialect);
    }

    /** SQL with its parameters: the user's values and {@link SeekParam}s for the key's. */
    public record Sql(String text, List<Object> params) {
    }
}
