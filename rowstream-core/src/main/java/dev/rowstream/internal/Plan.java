package dev.rowstream.internal;

import dev.rowstream.Strategy;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.ValueReader;
import dev.rowstream.keyset.KeyPart;
import dev.rowstream.keyset.KeySpec;
import dev.rowstream.keyset.Seek;
import java.util.ArrayList;
import java.util.List;

/**
 * A read checked against the database and turned into SQL pieces.
 *
 * @param select       {@code SELECT a, b FROM t} or {@code SELECT * FROM (query) rs_q}
 * @param where        the user's condition, already parenthesised, or null
 * @param params       values for the ?s of {@code select} and {@code where}
 * @param outputWidth  how many leading select columns are output; the rest are key columns read for the seek
 * @param keyIndexes   0-based positions of the key columns in the select list
 * @param keyUnique    true when the schema proves the key unique, so no run-time tie check is needed
 * @param budgets      the statement timeout and the longest transaction allowed
 * @param exact        per select column, its {@link Dialect#exactRead} (the column's label and the expression's
 *                     reader), or null where the column is read as it is (the list may be shorter than the select list)
 */
public record Plan(Dialect dialect, Strategy strategy, String select, String where, List<Object> params,
                   int outputWidth, KeySpec key, List<KeyPart> keyParts, int[] keyIndexes, boolean keyUnique,
                   int batchSize, Budgets budgets, List<ExactColumn> exact) {

    /** A select column read through its dialect's exact-read expression: its label, and the expression's reader. */
    public record ExactColumn(String label, String typeName, int jdbcType, ValueReader reader) {
    }

    /** A plan whose columns are all read as they are. */
    public Plan(Dialect dialect, Strategy strategy, String select, String where, List<Object> params,
                int outputWidth, KeySpec key, List<KeyPart> keyParts, int[] keyIndexes, boolean keyUnique,
                int batchSize, Budgets budgets) {
        this(dialect, strategy, select, where, params, outputWidth, key, keyParts, keyIndexes, keyUnique, batchSize,
                budgets, List.of());
    }

    /** A plan without budgets. */
    public Plan(Dialect dialect, Strategy strategy, String select, String where, List<Object> params,
                int outputWidth, KeySpec key, List<KeyPart> keyParts, int[] keyIndexes, boolean keyUnique,
                int batchSize) {
        this(dialect, strategy, select, where, params, outputWidth, key, keyParts, keyIndexes, keyUnique, batchSize,
                Budgets.NONE);
    }

    public boolean hasKey() { return key != null; }

    /** The query that reads everything in key order, for a cursor. */
    public String fullQuery() {
        return select + (where == null ? "" : " WHERE " + where) + orderBy();
    }

    /** A batch after {@code last} (or the first batch when null), with {@code limit} rows at most. */
    public Sql keysetBatch(Object[] last, int limit) {
        Sql from = keysetFrom(last);
        return new Sql(from.text() + dialect.limit(limit), from.params());
    }

    /**
     * A HYBRID segment after {@code last} (the first when null): a keyset batch of {@code rows} rows, plus
     * one look-ahead row when the key is not proven unique. The LIMIT is in the SQL so that a segment
     * ends by itself: no driver then has to abandon a half-read result, which costs the connection on
     * MariaDB and MySQL (see MariaDbDialect.abandonCursor). {@code rows} is capped at
     * {@link #MAX_SEGMENT_ROWS}.
     */
    public Sql segment(Object[] last, long rows) {
        long limit = Math.min(rows, MAX_SEGMENT_ROWS) + (keyUnique ? 0 : 1);
        return keysetBatch(last, (int) limit);
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

    /** The rows after {@code last} (all rows when null) in key order: a keyset batch without a LIMIT. */
    public Sql keysetFrom(Object[] last) {
        List<Object> all = new ArrayList<>(params);
        StringBuilder sql = new StringBuilder(select);
        String seek = null;
        if (last == NULL_TAIL) {
            seek = keyParts.get(0).expression() + " IS NULL";
        } else if (last != null) {
            Seek.Condition c = Seek.after(keyParts, last, dialect.rowValueSeek());
            seek = c.sql();
            all.addAll(c.params());
        }
        if (where != null && seek != null) {
            sql.append(" WHERE ").append(where).append(" AND ").append(seek);
        } else if (where != null || seek != null) {
            sql.append(" WHERE ").append(where != null ? where : seek);
        }
        sql.append(orderBy());
        return new Sql(sql.toString(), all);
    }

    /** A batch of {@code limit} rows after skipping {@code offset}. */
    public Sql offsetBatch(long offset, int limit) {
        return new Sql(fullQuery() + dialect.limitOffset(limit, offset), params);
    }

    /** Counts the rows whose key equals {@code key}, to tell a real tie from a concurrent change. */
    public Sql countEqual(Object[] key) {
        List<Object> all = new ArrayList<>(params);
        StringBuilder cond = new StringBuilder();
        for (int i = 0; i < keyParts.size(); i++) {
            if (i > 0) {
                cond.append(" AND ");
            }
            if (key[i] == null) {
                cond.append(keyParts.get(i).expression()).append(" IS NULL");
            } else {
                cond.append(keyParts.get(i).expression()).append(" = ?");
                all.add(key[i]);
            }
        }
        String w = where == null ? cond.toString() : where + " AND " + cond;
        return new Sql("SELECT COUNT(*) FROM (" + select + " WHERE " + w + ") rs_c", all);
    }

    private String orderBy() {
        return keyParts == null ? "" : " ORDER BY " + Seek.orderBy(keyParts, dialect);
    }

    /** SQL with its parameters. */
    public record Sql(String text, List<Object> params) {
    }
}
