package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.keyset.KeyColumn;
import dev.rowstream.keyset.KeyColumnType;
import dev.rowstream.keyset.KeyPart;
import dev.rowstream.keyset.KeyRule;
import dev.rowstream.keyset.Seek;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The key half of planning: learns each key column's real type from the read itself (a {@code WHERE 1=0}
 * probe, the same for a table and a query), asks the dialect for its {@link KeyRule}, and lays out where
 * each key value is read from. Then, once the plan exists, it runs the seek over no rows, so that a type
 * the database cannot order or compare with a bound value is refused before any row is read.
 */
final class KeyPlanner {
    private KeyPlanner() {
    }

    /**
     * A key column to plan.
     *
     * @param name        its resolved name
     * @param sql         its SQL in the read ({@code "k"}, or {@code rs_q."k"} in a query)
     * @param spec        direction and NULL position as the user gave them
     * @param nullable    whether NULLs can occur
     * @param outputIndex its 0-based position among the output columns, or -1 when it is not output
     */
    record Column(String name, String sql, KeyColumn spec, boolean nullable, int outputIndex) {
    }

    /**
     * The planned key: its parts, where each value sits in a row and which select column it is read from
     * (see {@link Plan}), and the select expressions to append after the output columns.
     */
    record Keys(List<KeyPart> parts, int[] keyIndexes, int[] keyColumns, List<String> extraSelect) {
    }

    /**
     * Plans {@code columns} of a read from {@code from} (with {@code fromParams} for its ?s: a query's) whose
     * select list has {@code outputWidth} output columns.
     */
    static Keys plan(Connection c, Dialect dialect, String from, List<Object> fromParams, List<Column> columns,
                     int outputWidth) throws SQLException {
        List<String> sqls = new ArrayList<>();
        columns.forEach(k -> sqls.add(k.sql()));
        List<Probed> types = probe(c, dialect, from, fromParams, sqls, columns);
        List<KeyPart> parts = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        int[] keyIndexes = new int[columns.size()];
        int[] keyColumns = new int[columns.size()];
        int slot = outputWidth;
        for (int i = 0; i < columns.size(); i++) {
            Column k = columns.get(i);
            KeyRule rule = dialect.keyRule(c, types.get(i));
            parts.add(new KeyPart(rule.sortExpression(k.sql()), k.spec().descending(), nullsLast(dialect, k.spec()),
                    k.nullable(), rule));
            if (rule.usesValue() && k.outputIndex() >= 0) {
                keyIndexes[i] = k.outputIndex();
                keyColumns[i] = -1;
                continue;
            }
            keyIndexes[i] = slot++;
            if (rule.readsTheColumn() && k.outputIndex() >= 0) {
                keyColumns[i] = k.outputIndex(); // read again, by the key's own reader
            } else {
                keyColumns[i] = outputWidth + extra.size();
                // Named, so that ORDER BY "k" cannot also mean a CAST("k" ...) that PostgreSQL names k too.
                extra.add(rule.readExpression(k.sql()) + " AS rs_key_" + i);
            }
        }
        return new Keys(parts, keyIndexes, keyColumns, extra);
    }

    /**
     * Runs the seek after a key and its ORDER BY over no rows (every key value bound as NULL), without the
     * user's condition: a key column whose type has no ordering, or no comparison with a bound value, fails
     * here, and is refused by name. {@code fromParams}: the values of the ?s in the plan's FROM (a query's).
     */
    static void checkSeek(Connection c, Plan plan, List<Object> fromParams) throws SQLException {
        if (!plan.hasKey()) {
            return;
        }
        SQLException failure = seekProbe(c, plan, plan.keyParts(), fromParams);
        if (failure == null) {
            return;
        }
        for (int i = 0; i < plan.keyParts().size(); i++) {
            KeyPart p = plan.keyParts().get(i);
            SQLException alone = seekProbe(c, plan, List.of(p), fromParams);
            if (alone != null) {
                throw new InvalidSpecException("key column " + plan.key().columns().get(i).name() + " has type "
                        + p.rule().type() + ", which " + plan.dialect().name() + " cannot order or compare with a"
                        + " bound value (" + Sql.firstLine(alone.getMessage()) + "): leave it out of the key, or key a"
                        + " query on a cast of it to text", alone);
            }
        }
        throw new InvalidSpecException("the key (" + plan.key() + ") cannot be used to seek: "
                + Sql.firstLine(failure.getMessage()), failure);
    }

    private static SQLException seekProbe(Connection c, Plan plan, List<KeyPart> parts, List<Object> fromParams)
            throws SQLException {
        Object[] probe = new Object[parts.size()];
        Arrays.fill(probe, KeyRule.PROBE);
        Seek.Condition seek = Seek.after(parts, probe, plan.dialect().rowValueSeek());
        String sql = "SELECT 1 FROM (" + plan.select() + " WHERE " + seek.sql() + " ORDER BY "
                + Seek.orderBy(parts, plan.dialect()) + ") rs_p WHERE 1=0";
        List<Object> params = new ArrayList<>(fromParams);
        params.addAll(seek.bound());
        boolean autoCommit = c.getAutoCommit();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(plan.dialect(), ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
            return null;
        } catch (SQLException e) {
            if (!autoCommit) {
                c.rollback(); // PostgreSQL refuses every later statement of a failed transaction
            }
            return e;
        }
    }

    private static boolean nullsLast(Dialect dialect, KeyColumn k) {
        return switch (k.nulls()) {
            case FIRST -> false;
            case LAST -> true;
            case DEFAULT -> dialect.defaultNullsLast(k.descending());
        };
    }

    /** One WHERE 1=0 query for all key columns: their types as the read's result reports them. */
    private static List<Probed> probe(Connection c, Dialect dialect, String from, List<Object> fromParams,
                                      List<String> sqls, List<Column> columns) throws SQLException {
        List<Probed> types = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", sqls) + " FROM " + from
                + " WHERE 1=0")) {
            Jdbc.bind(dialect, ps, fromParams);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 0; i < sqls.size(); i++) {
                    types.add(new Probed(c, dialect, from, fromParams, columns.get(i).name(), sqls.get(i),
                            md.getColumnType(i + 1), String.valueOf(md.getColumnTypeName(i + 1)),
                            md.getPrecision(i + 1), md.getScale(i + 1)));
                }
            }
        }
        return types;
    }

    /** A key column's type as probed, able to probe expressions over the column. */
    private record Probed(Connection c, Dialect dialect, String from, List<Object> fromParams, String name,
                          String sql, int jdbcType, String typeName, int precision, int scale)
            implements KeyColumnType {

        @Override
        public KeyColumnType probe(UnaryOperator<String> expression) throws SQLException {
            String expr = expression.apply(sql);
            return KeyPlanner.probe(c, dialect, from, fromParams, List.of(expr),
                    List.of(new Column(name, expr, null, true, -1))).get(0);
        }

        @Override
        public String typeValue(UnaryOperator<String> expression) throws SQLException {
            // One row in which the key column is NULL, without running the read: its value depends on the type only.
            String sql = "SELECT " + expression.apply("rs_t.rs_k") + " FROM (SELECT 1 AS rs_one) rs_o LEFT JOIN"
                    + " (SELECT " + this.sql + " AS rs_k FROM " + from + " WHERE 1=0) rs_t ON 1=1";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.bind(dialect, ps, fromParams);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }
    }
}
