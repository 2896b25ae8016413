package dev.rowstream.keyset;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of keyset pagination: the ORDER BY of a key, the condition that selects the rows after a given
 * key, and the one that keeps the rows up to a key (the upper end of a key range). All are built from the
 * same {@link KeyPart}s, so they agree on every NULL and tie; every value goes in through its column's
 * {@link KeyRule} placeholder and binder, so the database compares it as it sorts the column.
 */
public final class Seek {
    private Seek() {
    }

    /** A condition with its key values in binding order. */
    public record Condition(String sql, List<SeekParam> bound) {
        /** The raw values, in binding order. */
        public List<Object> params() {
            List<Object> values = new ArrayList<>(bound.size());
            bound.forEach(p -> values.add(p.value()));
            return values;
        }

        /** True when no row can follow: the last key was the very last possible one. */
        public boolean matchesNothing() { return sql.equals(NOTHING); }
    }

    private static final String NOTHING = "1=0";

    /** {@code a ASC, b DESC NULLS LAST, ...}, emulating NULLS FIRST/LAST where the syntax is missing. */
    public static String orderBy(List<KeyPart> parts, NullOrdering db) {
        StringBuilder sb = new StringBuilder();
        for (KeyPart p : parts) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            String dir = p.descending() ? " DESC" : " ASC";
            boolean asDefault = !p.nullable() || p.nullsLast() == db.defaultNullsLast(p.descending());
            if (asDefault) {
                sb.append(p.expression()).append(dir);
            } else if (db.supportsNullsClause()) {
                sb.append(p.expression()).append(dir).append(p.nullsLast() ? " NULLS LAST" : " NULLS FIRST");
            } else {
                // (x IS NULL) is 0 for values and 1 for NULLs: ASC puts NULLs last, DESC first.
                sb.append('(').append(p.expression()).append(" IS NULL)").append(p.nullsLast() ? " ASC" : " DESC")
                        .append(", ").append(p.expression()).append(dir);
            }
        }
        return sb.toString();
    }

    /**
     * The rows strictly after {@code last} in the order of {@link #orderBy}.
     *
     * <p>When every column has the same direction and none can be NULL, and the database seeks an index
     * with it, this is a row-value comparison {@code (a, b) > (?, ?)}. Otherwise it is the expanded form
     * {@code a > ? OR (a = ? AND b > ?) ...}, led by a redundant bound on the first column
     * ({@code a >= ? AND (...)}) so that an index on that column still gives a range scan.
     *
     * <p>When the first column is nullable and {@code last} holds a value in it, the condition leaves out
     * the rows whose first column is NULL: the caller reads those separately when they sort last
     * (see {@code Plan.nullTailAfter}).
     */
    public static Condition after(List<KeyPart> parts, Object[] last, boolean rowValues) {
        KeyPart first = parts.get(0);
        if (first.nullable() && last[0] != null) {
            // Past a value of the first column, its NULLs were read already (NULLS FIRST) or are read
            // afterwards by a seek of their own (NULLS LAST): either way this seek leaves them out, which
            // keeps it an index range on the first column.
            parts = new ArrayList<>(parts);
            parts.set(0, first.withNullable(false));
        }
        return following(parts, last, rowValues, false);
    }

    /**
     * The rows at or before {@code bound} in the order of {@link #orderBy}, NULLs included where they sort
     * before it: the inclusive upper end of a key range ("after A, up to B"), read with the same seeks.
     */
    public static Condition upTo(List<KeyPart> parts, Object[] bound, boolean rowValues) {
        List<KeyPart> reversed = new ArrayList<>(parts.size());
        parts.forEach(p -> reversed.add(p.reversed()));
        return following(reversed, bound, rowValues, true);
    }

    /** The rows whose key equals {@code key} in the database's comparison (NULL matches NULL). */
    public static Condition equal(List<KeyPart> parts, Object[] key) {
        List<SeekParam> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i > 0 ? " AND " : "").append(equal(parts.get(i), key[i], params));
        }
        return new Condition(sql.toString(), params);
    }

    /** The rows after {@code last} in the order of {@code parts}; with {@code orEqual}, its own rows too. */
    private static Condition following(List<KeyPart> parts, Object[] last, boolean rowValues, boolean orEqual) {
        if (rowValues && parts.size() > 1 && rowValueApplies(parts)) {
            return rowValue(parts, last, orEqual);
        }
        List<SeekParam> params = new ArrayList<>();
        List<String> branches = new ArrayList<>();
        int n = parts.size();
        for (int i = 0; i < n; i++) {
            List<SeekParam> branchParams = new ArrayList<>();
            StringBuilder branch = new StringBuilder();
            for (int j = 0; j < i; j++) {
                branch.append(equal(parts.get(j), last[j], branchParams)).append(" AND ");
            }
            String after = strictlyAfter(parts.get(i), last[i], branchParams);
            if (after == null) {
                continue; // nothing sorts after this value in this column
            }
            branch.append(after);
            branches.add(i == 0 ? branch.toString() : "(" + branch + ")");
            params.addAll(branchParams);
        }
        if (orEqual) {
            Condition same = equal(parts, last);
            branches.add(n == 1 ? same.sql() : "(" + same.sql() + ")");
            params.addAll(same.bound());
        }
        if (branches.isEmpty()) {
            return new Condition(NOTHING, List.of());
        }
        String or = String.join(" OR ", branches);
        List<SeekParam> all = new ArrayList<>();
        String lead = leadingBound(parts.get(0), last[0], all);
        if (lead != null && n == 1 && orEqual) {
            return new Condition(lead, all); // one NOT NULL column: its bound is the whole condition
        }
        if (lead == null || n == 1) {
            return new Condition(branches.size() == 1 ? or : "(" + or + ")", params);
        }
        all.addAll(params);
        return new Condition(lead + " AND (" + or + ")", all);
    }

    private static boolean rowValueApplies(List<KeyPart> parts) {
        boolean desc = parts.get(0).descending();
        for (KeyPart p : parts) {
            if (p.nullable() || p.descending() != desc) {
                return false;
            }
        }
        return true;
    }

    private static Condition rowValue(List<KeyPart> parts, Object[] last, boolean orEqual) {
        StringBuilder cols = new StringBuilder("(");
        StringBuilder marks = new StringBuilder("(");
        List<SeekParam> params = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                cols.append(", ");
                marks.append(", ");
            }
            KeyPart p = parts.get(i);
            cols.append(p.expression());
            marks.append(p.rule().placeholder());
            params.add(new SeekParam(last[i], p.rule()));
        }
        String op = parts.get(0).descending() ? " <" : " >";
        return new Condition(cols + ")" + op + (orEqual ? "= " : " ") + marks + ")", params);
    }

    private static String equal(KeyPart p, Object value, List<SeekParam> params) {
        if (value == null) {
            return p.expression() + " IS NULL";
        }
        params.add(new SeekParam(value, p.rule()));
        return p.expression() + " = " + p.rule().placeholder();
    }

    /** The rows whose value in this column sorts strictly after {@code value}; null when there are none. */
    private static String strictlyAfter(KeyPart p, Object value, List<SeekParam> params) {
        if (value == null) {
            return p.nullsLast() ? null : p.expression() + " IS NOT NULL";
        }
        params.add(new SeekParam(value, p.rule()));
        String cmp = p.expression() + (p.descending() ? " < " : " > ") + p.rule().placeholder();
        return p.nullable() && p.nullsLast() ? "(" + cmp + " OR " + p.expression() + " IS NULL)" : cmp;
    }

    /** A bound on the first column implied by the whole condition, for the index; null when none helps. */
    private static String leadingBound(KeyPart p, Object value, List<SeekParam> params) {
        if (value == null) {
            // After a NULL that sorts last, only NULLs remain in the first column.
            return p.nullsLast() ? p.expression() + " IS NULL" : null;
        }
        if (p.nullable()) {
            return null;
        }
        params.add(new SeekParam(value, p.rule()));
        return p.expression() + (p.descending() ? " <= " : " >= ") + p.rule().placeholder();
    }
}
