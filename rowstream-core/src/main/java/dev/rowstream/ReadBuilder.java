package dev.rowstream;

import dev.rowstream.internal.Budgets;
import dev.rowstream.internal.Plan;
import dev.rowstream.internal.ReadSpec;
import dev.rowstream.internal.Streams;
import dev.rowstream.keyset.KeySpec;
import java.time.Duration;
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
    /** The longest {@link #statementTimeout}: PostgreSQL's statement_timeout holds at most 2^31 - 1 ms. */
    public static final Duration MAX_STATEMENT_TIMEOUT = Duration.ofDays(24);

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
    private dev.rowstream.checkpoint.Checkpoint resumeFrom;
    private boolean segmentSecondsSet;
    private boolean fastPath = true;
    private Duration statementTimeout;
    private Long maxTransactionSeconds;
    private dev.rowstream.split.Split range;

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

    /**
     * KEYSET batches and HYBRID segments read through the database's bulk protocol where there is one
     * (PostgreSQL through pgjdbc: {@code COPY ... TO STDOUT (FORMAT binary)}), with the same values, seeks,
     * checks and retries; true (the default) where it applies. A read with a column type it cannot decode
     * exactly reads the ordinary way, and says so at INFO. False: always the ordinary way.
     */
    public ReadBuilder fastPath(boolean on) {
        this.fastPath = on;
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
        this.segmentSecondsSet = true;
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

    /**
     * How long any one query of the read may run before the database stops it (none when not set, or null):
     * the cursor, every KEYSET or OFFSET batch, every HYBRID segment and every tie check. It is applied
     * with {@link java.sql.Statement#setQueryTimeout} (in whole seconds, a fraction counting as one), and on
     * PostgreSQL also as {@code SET LOCAL statement_timeout} inside the read's transaction. What it bounds
     * differs per driver:
     * <ul>
     *   <li>PostgreSQL: the server's work for each round trip: the query until its first rows, and each
     *       later fetch of a cursor; not the time the consumer takes between fetches (for that, see
     *       {@link #maxTransactionSeconds}).</li>
     *   <li>MariaDB Connector/J: the server's {@code max_statement_time}, which counts a streamed query's
     *       whole life, the consumer's time included: a CURSOR read must end within it, and HYBRID segments
     *       end by time at half of it.</li>
     *   <li>MySQL Connector/J: a timer in the driver, until the query has returned its first rows.</li>
     *   <li>H2: the session's QUERY_TIMEOUT (set back to 0 after each query), which counts a lazy
     *       result's whole life like MariaDB's; SQLite: none (the xerial driver's setQueryTimeout only
     *       sets how long to wait for a lock).</li>
     * </ul>
     * A query stopped by it fails the read with a {@link StreamFailedException} that names this option.
     */
    public ReadBuilder statementTimeout(Duration timeout) {
        this.statementTimeout = timeout;
        return this;
    }

    /**
     * The longest a read's transaction may stay open, in seconds (no limit when not set). A CURSOR read is
     * one transaction: once it has been open longer, the stream stops with a {@link StreamFailedException}
     * (checked at each row, so a consumer that pauses is caught when it asks for the next row). HYBRID
     * keeps to it by ending its segments in time: {@link #segmentSeconds} must not be longer, and when not
     * set it is lowered to this. KEYSET and OFFSET keep to it anyway: each batch's transaction ends as
     * soon as its query has run (see {@link #statementTimeout}).
     */
    public ReadBuilder maxTransactionSeconds(long seconds) {
        this.maxTransactionSeconds = seconds;
        return this;
    }

    /** Hears batches, segments and retries (see {@link StreamListener}). */
    public ReadBuilder listener(StreamListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Opens the stream after the row where {@code checkpoint} was made ({@link RowStream#checkpoint()}), by
     * this read in an earlier run; null reads from the start. {@link #open()} checks it before any row is
     * read, and throws {@link dev.rowstream.checkpoint.CheckpointException} when it was made for another
     * read (another source, columns, condition, parameters, key or strategy), naming what differs. The batch
     * size and the segment limits may change between runs. When the key is not proven unique, the rows with
     * the checkpoint's key are counted first: if they tie, resuming would skip rows, and the read stops.
     */
    public ReadBuilder resumeFrom(dev.rowstream.checkpoint.Checkpoint checkpoint) {
        this.resumeFrom = checkpoint;
        return this;
    }

    /**
     * A job that writes this read's rows into {@code sink} (a file, a stream, a table of another database:
     * see {@link dev.rowstream.sink.Sinks}), with checkpoints if wanted, so that it survives a crash: see
     * {@link dev.rowstream.job.ExportJob}. Set up the read before this call; the job opens it when it runs.
     */
    public dev.rowstream.job.ExportJob exportTo(dev.rowstream.sink.Sink sink) {
        return new dev.rowstream.job.ExportJob(this, sink, dataSource, table, columns, batchSize);
    }

    /**
     * Cuts this read into {@code n} key ranges of about equal row counts (1 to
     * {@value dev.rowstream.split.SplitPlanner#MAX_SPLITS}; fewer when the read has fewer rows), by
     * {@link dev.rowstream.split.SplitMethod#AUTO}. Needs a key. Read each with {@link #range}.
     */
    public dev.rowstream.split.Splits splits(int n) {
        return splits(n, dev.rowstream.split.SplitMethod.AUTO);
    }

    /** {@link #splits(int)} by the given method (see {@link dev.rowstream.split.SplitPlanner}). */
    public dev.rowstream.split.Splits splits(int n, dev.rowstream.split.SplitMethod method) {
        return dev.rowstream.internal.SplitPlans.plan(dataSource, spec(), n, method);
    }

    /**
     * Reads only the rows of {@code split} (one of {@link #splits}' for the same read, key and condition), with
     * the same seeks as the whole read, by any strategy but OFFSET; null reads all rows.
     */
    public ReadBuilder range(dev.rowstream.split.Split split) {
        this.range = split;
        return this;
    }

    /** Opens a stream of {@link Row}s. */
    public RowStream<Row> open() {
        return open(row -> row);
    }

    /** Opens a stream of the caller's objects, each made from a {@link Row} (a copy of every value). */
    public <T> RowStream<T> open(RowMapper<T> mapper) {
        return Streams.open(dataSource, spec(), mapper, resumeFrom, dev.rowstream.internal.SplitPlans.range(range));
    }

    /**
     * Opens a stream of the caller's objects, each made by {@code mapper} from the current row of the result,
     * read in place (as Jdbi's and Spring's row mappers read a {@code ResultSet}): no {@link Row} and no copy of
     * every value per row; only the columns the mapper asks for are read (and the key, for the seek). The values
     * are the exact ones a {@code Row} holds (see {@link RowView}), and every guarantee of {@link #open()} stays:
     * the stream still reads each row's key for its seeks, look-ahead, retries, {@link RowStream#checkpoint()}
     * and {@link #range}.
     */
    public <T> RowStream<T> openMapped(RowViewMapper<T> mapper) {
        java.util.Objects.requireNonNull(mapper, "mapper");
        return Streams.openMapped(dataSource, spec(), mapper, resumeFrom, dev.rowstream.internal.SplitPlans.range(range));
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
                e.databasePlan() == null ? null : e.databasePlan().indexRange(), e.fastPath());
    }

    /**
     * The rows this read returns, estimated from the database's statistics without counting (PostgreSQL's
     * {@code reltuples}, MariaDB's {@code table_rows}): for a progress display, and only ever an estimate,
     * off by tens of percent. Empty for a query, a table with a where condition, a database without such
     * statistics (H2, SQLite), a table never analyzed, or when the lookup fails. Costs one connection and
     * a metadata lookup.
     */
    public java.util.OptionalLong estimateRows() {
        return dev.rowstream.internal.Estimates.rows(dataSource, spec());
    }

    private Budgets budgets() {
        if (statementTimeout != null && (statementTimeout.isNegative() || statementTimeout.isZero()
                || statementTimeout.compareTo(MAX_STATEMENT_TIMEOUT) > 0)) {
            throw new InvalidSpecException("statement timeout " + statementTimeout.toMillis() + " ms is out of range:"
                    + " use 1 ms to " + MAX_STATEMENT_TIMEOUT.toDays() + " days, or null for no limit");
        }
        if (maxTransactionSeconds != null && maxTransactionSeconds < 1) {
            throw new InvalidSpecException("max transaction seconds " + maxTransactionSeconds + " is out of range:"
                    + " use 1 or more");
        }
        return new Budgets(statementTimeout, maxTransactionSeconds == null ? 0 : maxTransactionSeconds);
    }

    /** HYBRID: no segment may outlive maxTransactionSeconds; when segmentSeconds was not set, it is lowered. */
    private long segmentSeconds(Budgets budgets) {
        long max = budgets.maxTransactionSeconds();
        if (max == 0 || segmentSeconds <= max) {
            return segmentSeconds;
        }
        if (segmentSecondsSet && (strategy == Strategy.HYBRID || strategy == Strategy.AUTO)) {
            throw new InvalidSpecException("segment seconds " + segmentSeconds + " is longer than max transaction"
                    + " seconds " + max + ": a HYBRID segment is one transaction; use " + max + " or less");
        }
        return max;
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
        long seconds = segmentSeconds(budgets());
        return new ReadSpec(table, columns, where, query, params, key, strategy, batchSize, segmentRows,
                seconds, retries, listener == null ? StreamListener.NONE : listener, budgets(), fastPath);
    }
}
