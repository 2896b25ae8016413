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
    /**
     * HYBRID rows per segment when none is set. At full speed a million rows take 1 to 2 s, so reopening
     * a segment costs little even without a pool: about 1 ms on a pooled connection, 20 to 30 ms on a
     * new one (what {@link RowStreams#from(String)} does): a few percent at most. (Segments of 100,000
     * rows made an unpooled read of a local PostgreSQL half as slow again.) On MariaDB and MySQL a consumer
     * faster than about 33,000 rows/s then ends its segments at their LIMIT rather than by time, which
     * would cost the connection. The time limit, not this one, is what keeps transactions short.
     */
    public static final long DEFAULT_SEGMENT_ROWS = 1_000_000;
    /**
     * HYBRID seconds per segment when none is set: half of MariaDB's default {@code net_write_timeout}
     * (60 s), which kills a query whose consumer reads too slowly, and short next to the usual
     * {@code idle_in_transaction_session_timeout}s and pool leak-detection thresholds. No transaction of
     * the read is older than this, so none holds back PostgreSQL's VACUUM or InnoDB's purge for long.
     */
    public static final long DEFAULT_SEGMENT_SECONDS = 30;
    /**
     * Reconnections after a lost connection when none is set: enough to ride out a killed session or a
     * pool's stale connection, with pauses of 0.5, 1 and 2 s, without hiding a server that stays down.
     */
    public static final int DEFAULT_RETRIES = 3;

    private final DataSource dataSource;
    private String table;
    private List<String> columns;
    private String where;
    private String query;
    private List<Object> params = List.of();
    private KeySpec key;
    private Strategy strategy = Strategy.AUTO;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private long segmentRows = DEFAULT_SEGMENT_ROWS;
    private long segmentSeconds = DEFAULT_SEGMENT_SECONDS;
    private int retries = DEFAULT_RETRIES;
    private StreamListener listener = StreamListener.NONE;

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

    /**
     * HYBRID: a segment ends after this many rows ({@value #DEFAULT_SEGMENT_ROWS} when not set); the next
     * one reopens the cursor after the last key.
     */
    public ReadBuilder segmentRows(long rows) {
        this.segmentRows = rows;
        return this;
    }

    /**
     * HYBRID: a segment ends after this many seconds ({@value #DEFAULT_SEGMENT_SECONDS} when not set),
     * counted from its query to the row being handed out, so a slow consumer holds no transaction longer.
     */
    public ReadBuilder segmentSeconds(long seconds) {
        this.segmentSeconds = seconds;
        return this;
    }

    /**
     * KEYSET, OFFSET and HYBRID: how often a lost connection (a killed session, a network reset, a server
     * restart) is reconnected, after pauses of 0.5 s, 1 s, 2 s..., before the read fails
     * ({@value #DEFAULT_RETRIES} when not set; 0 turns resuming off). The read resumes after the last row
     * handed out, so every row still comes once. The count starts again once rows flow. Errors other
     * than a lost connection are never retried. CURSOR cannot resume: it fails at once.
     */
    public ReadBuilder retries(int retries) {
        this.retries = retries;
        return this;
    }

    /** Hears batches, segments and retries (see {@link StreamListener}). */
    public ReadBuilder listener(StreamListener listener) {
        this.listener = listener;
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
        return new ReadPlan(p, segmentRows);
    }

    /**
     * Checks the read and asks the database how it runs a following batch: whether each batch reads an
     * index range, or scans and sorts the table. Reads one row to get a real key.
     */
    public Explanation explain() {
        Streams.Explained e = Streams.explain(dataSource, spec());
        return new Explanation(new ReadPlan(e.plan(), segmentRows),
                e.following() == null ? null : e.following().text(),
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
            throw new InvalidSpecException("no strategy: use AUTO, CURSOR, KEYSET, OFFSET or HYBRID");
        }
        if (segmentRows < 1) {
            throw new InvalidSpecException("segment rows " + segmentRows + " is out of range: use 1 or more");
        }
        if (segmentSeconds < 1) {
            throw new InvalidSpecException("segment seconds " + segmentSeconds + " is out of range: use 1 or more");
        }
        if (retries < 0) {
            throw new InvalidSpecException("retries " + retries + " is out of range: use 0 (never) or more");
        }
        return new ReadSpec(table, columns, where, query, params, key, strategy, batchSize, segmentRows,
                segmentSeconds, retries, listener == null ? StreamListener.NONE : listener);
    }
}
