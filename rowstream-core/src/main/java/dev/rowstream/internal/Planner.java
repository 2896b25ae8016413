package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.Strategy;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.keyset.KeyColumn;
import dev.rowstream.keyset.KeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks a {@link ReadSpec} against the database and turns it into a {@link Plan}. */
public final class Planner {
    private static final Logger LOG = LoggerFactory.getLogger(Planner.class);

    private Planner() {
    }

    public static Plan plan(Connection c, Dialect dialect, ReadSpec spec) throws SQLException {
        return spec.table() != null ? planTable(c, dialect, spec) : planQuery(c, dialect, spec);
    }

    private static Plan planTable(Connection c, Dialect dialect, ReadSpec spec) throws SQLException {
        TableInfo t = Schema.table(c, dialect, spec.table());
        List<String> output = new ArrayList<>();
        if (spec.columns() == null) {
            t.columns().forEach(col -> output.add(col.name()));
        } else {
            for (String name : spec.columns()) {
                output.add(Schema.column(c, t, single(name), dialect, "columns(...)"));
            }
            refuseDuplicates(output, "columns(...)");
        }
        KeySpec key = spec.key();
        List<String> keyNames = new ArrayList<>();
        boolean unique = false;
        if (key == null) {
            if (!t.primaryKey().isEmpty()) {
                key = KeySpec.of(asc(t.primaryKey()));
                LOG.info("key: the primary key of {} ({})", t.name(), key);
            }
        }
        if (key != null) {
            List<KeyColumn> resolved = new ArrayList<>();
            for (KeyColumn k : key.columns()) {
                String real = Schema.column(c, t, new Names.Part(k.name(), k.quoted()), dialect, "the key");
                resolved.add(new KeyColumn(real, true, k.descending(), k.nulls()));
            }
            key = KeySpec.of(resolved);
            key.columns().forEach(k -> keyNames.add(k.name()));
            refuseDuplicates(keyNames, "key(...)");
            unique = provablyUnique(t, keyNames);
            if (!unique && !t.keyless()) {
                key = addTiebreaker(t, key, keyNames);
                keyNames.clear();
                key.columns().forEach(k -> keyNames.add(k.name()));
                // A primary key that allows NULLs (SQLite permits it) proves nothing: ties are then
                // checked while reading.
                unique = provablyUnique(t, keyNames);
            }
        }
        String from = qualifiedName(dialect, t, spec.table());
        String where = spec.where() == null || spec.where().isBlank() ? null
                : SqlText.condition(spec.where(), dialect.lexicon(c));
        probeWhere(c, dialect, from, where, spec.params());
        StringBuilder select = new StringBuilder("SELECT ");
        List<Plan.ExactColumn> readers = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            String name = output.get(i);
            select.append(i > 0 ? ", " : "").append(exactItem(dialect, dialect.quote(name), name,
                    t.column(name).typeName(), readers));
        }
        KeyPlanner.Keys keys = null;
        if (key != null) {
            List<KeyPlanner.Column> cols = new ArrayList<>();
            for (KeyColumn k : key.columns()) {
                cols.add(new KeyPlanner.Column(k.name(), dialect.quote(k.name()), k, t.column(k.name()).nullable(),
                        plainOutput(output.indexOf(k.name()), readers)));
            }
            keys = KeyPlanner.plan(c, dialect, from, List.of(), cols, output.size());
            keys.extraSelect().forEach(x -> select.append(", ").append(x));
        }
        select.append(" FROM ").append(from);
        Strategy strategy = chooseStrategy(dialect, spec.strategy(), key != null);
        Plan plan = new Plan(dialect, strategy, select.toString(), from, where, spec.params(), output.size(), key,
                keys == null ? null : keys.parts(), keys == null ? null : keys.keyIndexes(),
                keys == null ? null : keys.keyColumns(), unique, spec.batchSize(), spec.budgets(), readers);
        KeyPlanner.checkSeek(c, plan, List.of());
        return plan;
    }

    private static Plan planQuery(Connection c, Dialect dialect, ReadSpec spec) throws SQLException {
        String query = SqlText.statement(spec.query(), dialect.lexicon(c));
        String select = "SELECT * FROM (" + query + ") rs_q";
        List<String> labels = new ArrayList<>();
        List<String> typeNames = new ArrayList<>();
        List<Boolean> nullable = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select + " WHERE 1=0")) {
            Jdbc.bind(dialect, ps, spec.params());
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    labels.add(md.getColumnLabel(i));
                    typeNames.add(String.valueOf(md.getColumnTypeName(i)));
                    // Drivers report the base column's NOT NULL even where an outer join makes the query's
                    // column nullable, so a query column is always taken to be nullable.
                    nullable.add(true);
                }
            }
        } catch (SQLException e) {
            throw new InvalidSpecException("query(...) failed: " + Sql.firstLine(e.getMessage())
                    + " (query: " + Sql.shorten(query) + ")", e);
        }
        KeySpec key = spec.key();
        String from = "(" + query + ") rs_q";
        Strategy strategy = chooseStrategy(dialect, spec.strategy(), key != null);
        List<Plan.ExactColumn> readers = new ArrayList<>();
        KeyPlanner.Keys keys = null;
        if (key == null) {
            // Without a key there is nothing to order by or seek on: the query runs as written (a column that
            // needs an exact read is refused when the read starts, saying what to cast it to).
            select = query;
        } else {
            String items = "rs_q.*";
            if (new HashSet<>(labels).size() == labels.size()) {
                StringBuilder exact = new StringBuilder();
                for (int i = 0; i < labels.size(); i++) {
                    exact.append(i > 0 ? ", " : "").append(exactItem(dialect, "rs_q." + dialect.quote(labels.get(i)),
                            labels.get(i), typeNames.get(i), readers));
                }
                if (readers.stream().anyMatch(java.util.Objects::nonNull)) {
                    items = exact.toString();
                } else {
                    readers.clear();
                }
            }
            List<KeyColumn> resolved = new ArrayList<>();
            List<KeyPlanner.Column> cols = new ArrayList<>();
            for (KeyColumn k : key.columns()) {
                String real = Schema.pick(c, labels, new Names.Part(k.name(), k.quoted()), dialect, false, "column");
                if (real == null) {
                    throw new InvalidSpecException("unknown column '" + k.name() + "' in the key: the query returns "
                            + String.join(", ", labels) + "; a key must name the query's output columns");
                }
                int named = java.util.Collections.frequency(labels, real);
                if (named > 1) {
                    throw new InvalidSpecException("key column " + real + " is ambiguous: the query returns " + named
                            + " columns named " + real + "; give them distinct names with AS, then name one in key(...)");
                }
                int index = labels.indexOf(real);
                resolved.add(new KeyColumn(real, true, k.descending(), k.nulls()));
                cols.add(new KeyPlanner.Column(real, "rs_q." + dialect.quote(real), k, nullable.get(index),
                        plainOutput(index, readers)));
            }
            key = KeySpec.of(resolved);
            refuseDuplicates(resolved.stream().map(KeyColumn::name).toList(), "key(...)");
            keys = KeyPlanner.plan(c, dialect, from, spec.params(), cols, labels.size());
            for (String extra : keys.extraSelect()) {
                items += ", " + extra;
            }
            if (!items.equals("rs_q.*")) {
                select = "SELECT " + items + " FROM " + from;
            }
        }
        Plan plan = new Plan(dialect, strategy, select, from, null, spec.params(), labels.size(), key,
                keys == null ? null : keys.parts(), keys == null ? null : keys.keyIndexes(),
                keys == null ? null : keys.keyColumns(), false, spec.batchSize(), spec.budgets(), readers);
        KeyPlanner.checkSeek(c, plan, spec.params());
        return plan;
    }

    /**
     * Runs the read's condition over no rows, with its parameters, so that what the database finds wrong in it
     * (its syntax, an unknown column, a type that does not compare) is refused before any row is read, in the
     * database's own words.
     */
    private static void probeWhere(Connection c, Dialect dialect, String from, String where, List<Object> params)
            throws SQLException {
        if (where == null) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + from + " WHERE " + where + " AND 1=0")) {
            Jdbc.bind(dialect, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        } catch (SQLException e) {
            if (!autoCommit) {
                c.rollback(); // PostgreSQL refuses every later statement of a failed transaction
            }
            throw new InvalidSpecException("where(...) failed: " + Sql.firstLine(e.getMessage()) + " (where: "
                    + Sql.shorten(where) + ")", e);
        }
    }

    /** Refuses a list of resolved names that names a column twice (after the database's folding). */
    private static void refuseDuplicates(List<String> names, String option) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new InvalidSpecException(option + " names column " + name + " twice: give each column once");
            }
        }
    }

    /**
     * The SELECT-list item that reads a column ({@code quoted}, as the SQL names it) exactly: the dialect's
     * {@link Dialect#exactRead} expression, or the column itself. The expression gets a name of its own
     * ({@code rs_x} and its position), never the column's: an ORDER BY on the column's name would otherwise
     * sort by the expression (MariaDB and PostgreSQL resolve it to the output name first) and lose its index.
     * Adds the column's {@link Plan.ExactColumn} (null: read as it is) to {@code exact}.
     */
    private static String exactItem(Dialect dialect, String quoted, String label, String typeName,
                                    List<Plan.ExactColumn> exact) {
        Dialect.ExactRead read = typeName == null ? null : dialect.exactRead(quoted, typeName);
        exact.add(read == null ? null : new Plan.ExactColumn(label, typeName, read.jdbcType(), read.reader()));
        return read == null ? quoted : read.expression() + " AS rs_x" + exact.size();
    }

    /** {@code index}, an output column, when its value is the column's own (not an exact-read expression's); else -1. */
    private static int plainOutput(int index, List<Plan.ExactColumn> exact) {
        return index >= 0 && index < exact.size() && exact.get(index) != null ? -1 : index;
    }

    static Strategy chooseStrategy(Dialect dialect, Strategy wanted, boolean hasKey) {
        if (wanted == Strategy.AUTO) {
            if (hasKey && dialect.cursorStreams()) {
                LOG.info("strategy: hybrid, because the {} driver streams a server-side cursor and the key lets the"
                        + " read end its transaction every segment, and resume after a lost connection", dialect);
                return Strategy.HYBRID;
            }
            if (hasKey) {
                LOG.info("strategy: keyset, because streaming is not known to work with the {} driver", dialect);
                return Strategy.KEYSET;
            }
            if (dialect.cursorStreams()) {
                LOG.info("strategy: cursor, because there is no key to resume from; the {} driver streams a"
                        + " server-side cursor in one query and one transaction", dialect);
                return Strategy.CURSOR;
            }
            LOG.info("strategy: cursor, because there is no key for keyset; the {} driver may buffer the result",
                    dialect);
            return Strategy.CURSOR;
        }
        if ((wanted == Strategy.KEYSET || wanted == Strategy.OFFSET || wanted == Strategy.HYBRID) && !hasKey) {
            throw new InvalidSpecException("strategy " + wanted.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs a key to order by: give key(...) (a unique column list), or read a table that has a primary key");
        }
        return wanted;
    }

    /**
     * True when the key covers the primary key or a unique index, all of whose columns are NOT NULL: a
     * unique index allows many NULLs, and SQLite even lets a primary key column hold NULLs.
     */
    private static boolean provablyUnique(TableInfo t, List<String> keyNames) {
        Set<String> key = new HashSet<>(keyNames);
        List<List<String>> candidates = new ArrayList<>(t.uniqueIndexes());
        if (!t.primaryKey().isEmpty()) {
            candidates.add(t.primaryKey());
        }
        for (List<String> index : candidates) {
            if (key.containsAll(index) && index.stream().noneMatch(c -> t.column(c) == null || t.column(c).nullable())) {
                return true;
            }
        }
        return false;
    }

    private static KeySpec addTiebreaker(TableInfo t, KeySpec key, List<String> keyNames) {
        if (t.primaryKey().isEmpty()) {
            throw new InvalidSpecException("key (" + String.join(", ", keyNames) + ") of table " + t.name()
                    + " is not provably unique (no primary key or NOT NULL unique index covers it), and the table"
                    + " has no primary key to break ties: add unique columns to key(...), or add a primary key");
        }
        List<KeyColumn> extra = new ArrayList<>();
        for (String pk : t.primaryKey()) {
            if (!keyNames.contains(pk)) {
                extra.add(new KeyColumn(pk, true, false, KeyColumn.Nulls.DEFAULT));
            }
        }
        KeySpec full = key.append(extra);
        LOG.info("key ({}) is not provably unique: appended the primary key as a tiebreaker: {}",
                String.join(", ", keyNames), full);
        return full;
    }

    private static List<KeyColumn> asc(List<String> names) {
        List<KeyColumn> cols = new ArrayList<>();
        names.forEach(n -> cols.add(new KeyColumn(n, true, false, KeyColumn.Nulls.DEFAULT)));
        return cols;
    }

    private static Names.Part single(String name) {
        List<Names.Part> parts = Names.list(name);
        if (parts.size() != 1) {
            throw new InvalidSpecException("bad column name '" + name + "': give one name per column");
        }
        return parts.get(0);
    }

    private static String qualifiedName(Dialect dialect, TableInfo t, String userName) {
        boolean qualified = Names.split(userName).size() == 2;
        if (dialect.schemasAreCatalogs()) {
            return qualified ? dialect.quote(t.catalog()) + "." + dialect.quote(t.name()) : dialect.quote(t.name());
        }
        return t.schema() == null ? dialect.quote(t.name()) : dialect.quote(t.schema()) + "." + dialect.quote(t.name());
    }
}
