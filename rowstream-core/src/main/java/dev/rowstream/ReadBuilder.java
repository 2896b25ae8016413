package dev.rowstream;

import dev.rowstream.internal.Plan;
import dev.rowstream.internal.ReadSpec;
import dev.rowstream.internal.Streams;
import dev.rowstream.keyset.KeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Describes a read: a table (with optional columns and condition) or a query, an optional key, a
 * strategy and a batch size. Checked when {@link #open()} is called, before any row is read.
 */
public final class ReadBuilder {
    /** Rows per batch or per cursor round trip when none is set. */
    public static final int DEFAULT_BATCH_SIZE = 1000;
    /** Larger batches only cost memory: one batch is held at a time. */
    public static final int MAX_BATCH_SIZE = 1_000_000;

    private final DataSource dataSource;
    private String table;
    private List<String> columns;
    private String where;
    private String query;
    private List<Object> params = List.of();
    private KeySpec key;
    private Strategy strategy = Strategy.AUTO;
    private int batchSize = DEFAULT_BATCH_SIZE;

    ReadBuilder(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Reads a table, {@code name} or {@code schema.name}; quote unusual names with {@code "}. */
    public ReadBuilder table(String name) {
        this.table = name;
        return this;
    }

    /** The table's columns to output, in this order; all of them when not called. */
    public ReadBuilder columns(String... names) {
        this.columns = new ArrayList<>(Arrays.asList(names));
        return this;
    }

    public ReadBuilder columns(List<String> names) {
        this.columns = names == null ? null : new ArrayList<>(names);
        return this;
    }

    /** A condition on the table, such as {@code status = ?}, with values for its ?s. */
    public ReadBuilder where(String condition, Object... params) {
        this.where = condition;
        this.params = Arrays.asList(params);
        return this;
    }

    /** Reads any single SELECT instead of a table, with values for its ?s. */
    public ReadBuilder query(String sql, Object... params) {
        this.query = sql;
        this.params = Arrays.asList(params);
        return this;
    }

    /** The key, {@code col [ASC|DESC] [NULLS FIRST|NULLS LAST], ...}: columns that order rows uniquely. */
    public ReadBuilder key(String spec) {
        this.key = spec == null ? null : KeySpec.parse(spec);
        return this;
    }

    public ReadBuilder key(KeySpec spec) {
        this.key = spec;
        return this;
    }

    public ReadBuilder strategy(Strategy strategy) {
        this.strategy = strategy;
        return this;
    }

    /** Rows per KEYSET/OFFSET batch and per CURSOR round trip; memory grows with it, not with the table. */
    public ReadBuilder batchSize(int rows) {
        this.batchSize = rows;
        return this;
    }

    /** Opens a stream of {@link Row}s. */
    public RowStream<Row> open() {
        return open(row -> row);
    }

    /** Opens a stream of the caller's objects. */
    public <T> RowStream<T> open(RowMapper<T> mapper) {
        return Streams.open(dataSource, spec(), mapper);
    }

    /** Checks the read and describes it without reading rows: strategy, final key and SQL. */
    public ReadPlan plan() {
        Plan p = Streams.plan(dataSource, spec());
        return new ReadPlan(p);
    }

    /**
     * Checks the read and asks the database how it runs a following batch: whether each batch reads an
     * index range, or scans and sorts the table. Reads one row to get a real key.
     */
    public Explanation explain() {
        Streams.Explained e = Streams.explain(dataSource, spec());
        return new Explanation(new ReadPlan(e.plan()), e.following() == null ? null : e.following().text(),
                e.databasePlan() == null ? null : e.databasePlan().text(),
                e.databasePlan() == null ? null : e.databasePlan().indexRange());
    }

    private ReadSpec spec() {
        if ((table == null) == (query == null)) {
            throw new InvalidSpecException(table == null
                    ? "nothing to read: give a table or a query"
                    : "both a table and a query were given: give one of them");
        }
        if (query != null && (columns != null || where != null)) {
            throw new InvalidSpecException("columns and a where condition apply to a table, not to a query:"
                    + " write them into the query");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new InvalidSpecException("batch size " + batchSize + " is out of range: use 1 to " + MAX_BATCH_SIZE);
        }
        if (strategy == null) {
            throw new InvalidSpecException("no strategy: use AUTO, CURSOR, KEYSET or OFFSET");
        }
        return new ReadSpec(table, columns, where, query, params, key, strategy, batchSize);
    }
}
