package dev.rowstream.doctor;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.RowStreamException;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.Dialects;
import dev.rowstream.dialect.ServerSetting;
import dev.rowstream.dialect.Streaming;
import dev.rowstream.internal.Estimates;
import dev.rowstream.internal.Plan;
import dev.rowstream.internal.Planner;
import dev.rowstream.internal.ReadSpec;
import dev.rowstream.internal.Sql;
import dev.rowstream.internal.StreamingProbe;
import dev.rowstream.keyset.KeySpec;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Explains how a database and its driver treat a long read: whether a plain JDBC read would buffer the
 * whole result and why, what rowstream changes to make it stream, the server timeouts that can end a
 * long read, and, for a table or query, a row estimate, a measurement and the strategy to use. The rules
 * come from the {@link Dialect}; {@code rowstream doctor} prints the {@link Checkup}.
 *
 * <pre>{@code
 * Checkup c = Doctor.of(dataSource).table("orders").examine();
 * }</pre>
 *
 * <p>The measurement reads the same rows twice, up to {@value #MAX_MEASURED_ROWS} of them and never more
 * than about {@value #BUDGET_MB} MB (or an eighth of the heap): once through a plain {@code Statement}
 * on the connection as it came, once through the statement rowstream prepares. For each it records what
 * the thread allocated inside {@code executeQuery}: a driver that buffers takes every row there, one that
 * streams only its first fetch.
 */
public final class Doctor {
    /** Rows measured at most. */
    public static final int MAX_MEASURED_ROWS = 50_000;
    static final int BUDGET_MB = 64;
    /** Rows read first to learn what a row costs, so that the measured reads stay within the budget. */
    private static final int SIZING_ROWS = 200;

    private final DataSource dataSource;
    private String table;
    private String query;
    private String key;
    private int batchSize = ReadBuilder.DEFAULT_BATCH_SIZE;

    private Doctor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Doctor of(DataSource dataSource) {
        return new Doctor(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** Examines reading this table too: its estimate, a measurement and a strategy. */
    public Doctor table(String name) {
        this.table = name;
        return this;
    }

    /** Examines reading this query too: a measurement and a strategy. */
    public Doctor query(String sql) {
        this.query = sql;
        return this;
    }

    /** The key the read would use (default for a table: its primary key). */
    public Doctor key(String spec) {
        this.key = spec;
        return this;
    }

    /** The batch size the read would use: rowstream's fetch size. */
    public Doctor batchSize(int rows) {
        this.batchSize = rows;
        return this;
    }

    /** Connects, examines, and gives the connection back as it came. */
    public Checkup examine() {
        ReadSpec spec = spec();
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw dev.rowstream.internal.ConnectFailure.of(e);
        }
        try (c) {
            return examine(c, spec);
        } catch (SQLException e) {
            throw new RowStreamException("examining the database failed: " + Sql.firstLine(e.getMessage())
                    + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")"), e);
        }
    }

    private ReadSpec spec() {
        if (table != null && query != null) {
            throw new InvalidSpecException("both a table and a query were given: give one of them");
        }
        if (batchSize < 1 || batchSize > ReadBuilder.MAX_BATCH_SIZE) {
            throw new InvalidSpecException("batch size " + batchSize + " is out of range: use 1 to "
                    + ReadBuilder.MAX_BATCH_SIZE);
        }
        if (table == null && query == null) {
            if (key != null) {
                throw new InvalidSpecException("a key applies to a table or a query: give one");
            }
            return null;
        }
        return new ReadSpec(table, null, null, query, List.of(), key == null ? null : KeySpec.parse(key),
                Strategy.AUTO, batchSize, ReadBuilder.DEFAULT_SEGMENT_ROWS, ReadBuilder.DEFAULT_SEGMENT_SECONDS, 0,
                StreamListener.NONE);
    }

    private Checkup examine(Connection c, ReadSpec spec) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Dialect dialect = Dialects.detect(md);
        String database = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
        String driver = md.getDriverName() + " " + md.getDriverVersion();

        String plainSettings;
        Streaming plain;
        try (Statement s = c.createStatement()) {
            plainSettings = describe(c, s);
            plain = dialect.streaming(c, s);
        }
        List<ServerSetting> timeouts = dialect.longReadSettings(c);

        Plan plan = spec == null ? null : Planner.plan(c, dialect, spec);
        String sql = plan == null ? "SELECT 1" : plan.fullQuery();
        Streaming rowstream = asRowstream(c, dialect, sql, batchSize, (s, unused) -> dialect.streaming(c, s));
        OptionalLong estimate = table == null ? OptionalLong.empty() : Estimates.rows(c, dialect, table);

        Checkup.Measurement measurement = null;
        String notMeasured = null;
        if (plan != null) {
            if (!StreamingProbe.available()) {
                notMeasured = "this JVM cannot measure what a thread allocates";
            } else if (!dialect.allocationShowsBuffering(c)) {
                notMeasured = "the " + dialect.name() + " database runs inside this JVM, so what executeQuery allocates"
                        + " is the query's own work, not a buffered result";
            } else {
                measurement = measure(c, dialect, plan);
                if (measurement == null) {
                    notMeasured = "the read returns no rows";
                }
            }
        }
        String recommendation = recommend(dialect, plan, rowstream, timeouts);
        return new Checkup(database, driver, dialect.name(), plainSettings, plain, dialect.streamingSetup(), rowstream,
                timeouts, spec == null ? null : table != null ? "table " + table : "query " + Sql.shorten(query),
                estimate, plan == null ? null : plan.strategy(), measurement, notMeasured, recommendation);
    }

    /** A plain statement's settings, in words. */
    private static String describe(Connection c, Statement s) throws SQLException {
        return "autocommit " + (c.getAutoCommit() ? "on" : "off")
                + ", fetch size " + s.getFetchSize()
                + (s.getResultSetType() == ResultSet.TYPE_FORWARD_ONLY ? ", forward-only" : ", scrollable")
                + ", " + (s.getResultSetHoldability() == ResultSet.HOLD_CURSORS_OVER_COMMIT
                        ? "HOLD_CURSORS_OVER_COMMIT" : "CLOSE_CURSORS_AT_COMMIT");
    }

    // ---- the measurement ---------------------------------------------------------------------

    private Checkup.Measurement measure(Connection c, Dialect dialect, Plan plan) throws SQLException {
        String wrapped = "SELECT * FROM (" + plan.fullQuery() + ") rs_d";
        List<Object> params = plan.params();
        // What a row costs, from a few rows read the streaming way: it bounds the rows read next.
        Timed sizing = asRowstream(c, dialect, wrapped + dialect.limit(SIZING_ROWS), SIZING_ROWS,
                (s, ps) -> timed(ps, params, dialect, Integer.MAX_VALUE));
        if (sizing.rows == 0) {
            return null;
        }
        long perRow = Math.max(64, (sizing.executeBytes + sizing.readBytes) / sizing.rows);
        long budget = Math.min((long) BUDGET_MB << 20, Runtime.getRuntime().maxMemory() / 8);
        int limit = (int) Math.max(SIZING_ROWS, Math.min(MAX_MEASURED_ROWS, budget / perRow));
        // Fetches small enough that a streamed result holds many of them: then the two reads differ clearly.
        int fetch = Math.max(1, Math.min(batchSize, limit / 50));
        String sql = wrapped + dialect.limit(limit);

        Timed plain;
        boolean autoCommit = c.getAutoCommit();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            plain = timed(ps, params, dialect, fetch);
        } finally {
            if (!autoCommit) {
                c.rollback();
            }
        }
        Timed ours = asRowstream(c, dialect, sql, fetch, (s, ps) -> timed(ps, params, dialect, fetch));
        int plainFetch = plain.fetchSize;
        return new Checkup.Measurement(plain.rows,
                new Checkup.Read(plainFetch, plain.executeBytes, plain.rowBytes(),
                        StreamingProbe.readWhole(plain.executeBytes, plain.rowBytes(), plain.rows, plainFetch)),
                new Checkup.Read(fetch, ours.executeBytes, ours.rowBytes(),
                        StreamingProbe.readWhole(ours.executeBytes, ours.rowBytes(), ours.rows, fetch)));
    }

    /**
     * A read measured: bytes allocated inside executeQuery, and inside next() and getObject() for the
     * first {@code sampled} rows; every row is read (a half-read result could be drained on close anyway).
     */
    private record Timed(int fetchSize, long rows, long executeBytes, long readBytes, long sampledRows) {
        long rowBytes() {
            return sampledRows == 0 ? 0 : readBytes / sampledRows;
        }
    }

    private static Timed timed(PreparedStatement ps, List<Object> params, Dialect dialect, int sample)
            throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            dialect.bind(ps, i + 1, params.get(i));
        }
        int fetchSize = ps.getFetchSize();
        long start = StreamingProbe.allocated();
        try (ResultSet rs = ps.executeQuery()) {
            long executeBytes = StreamingProbe.allocated() - start;
            int columns = rs.getMetaData().getColumnCount();
            long rows = 0;
            long readBytes = 0;
            while (true) {
                long before = rows < sample ? StreamingProbe.allocated() : 0;
                if (!rs.next()) {
                    break;
                }
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
                if (rows < sample) {
                    readBytes += StreamingProbe.allocated() - before;
                }
                rows++;
            }
            return new Timed(fetchSize, rows, executeBytes, readBytes, Math.min(rows, sample));
        }
    }

    private interface CursorWork<T> {
        T run(Statement s, PreparedStatement ps) throws SQLException;
    }

    /**
     * Runs {@code work} on the statement rowstream prepares for a cursor read of {@code sql}, inside the
     * dialect's read-only transaction; then rolls back and restores the connection as it came.
     */
    private static <T> T asRowstream(Connection c, Dialect dialect, String sql, int fetchSize, CursorWork<T> work)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        boolean readOnly = c.isReadOnly();
        dialect.beginCursor(c);
        try (PreparedStatement ps = dialect.prepareCursor(c, sql, fetchSize)) {
            return work.run(ps, ps);
        } finally {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            dialect.endCursor(c);
            if (c.isReadOnly() != readOnly) {
                c.setReadOnly(readOnly);
            }
            c.setAutoCommit(autoCommit);
        }
    }

    // ---- the recommendation ------------------------------------------------------------------

    private static String recommend(Dialect dialect, Plan plan, Streaming rowstream, List<ServerSetting> timeouts) {
        if (plan == null) {
            return dialect.cursorStreams()
                    ? "give --table or --query for a strategy; on " + dialect.name() + " --strategy auto picks hybrid"
                            + " with a key and cursor without one"
                    : "give --table or --query for a strategy; on " + dialect.name() + " --strategy auto picks keyset"
                            + " with a key";
        }
        if (rowstream.buffers()) {
            return "use --strategy keyset" + (plan.hasKey() ? "" : " with a --key")
                    + ": with these settings the driver reads even rowstream's cursor whole ("
                    + rowstream.reasons().get(0) + ")";
        }
        String limit = queryTimeLimit(timeouts);
        return switch (plan.strategy()) {
            case HYBRID -> "--strategy auto (hybrid): a streamed cursor in segments of at most "
                    + ReadBuilder.DEFAULT_SEGMENT_SECONDS + " s, each its own short transaction, resumed after a lost"
                    + " connection" + (limit == null ? "" : "; keep --segment-seconds well under " + limit);
            case CURSOR -> "--strategy auto (cursor, as there is no key): one streamed query in one transaction"
                    + (limit == null ? "; a --key would allow hybrid, which resumes after a lost connection"
                            : ", which must finish within " + limit + ": give a --key for hybrid segments instead");
            default -> "--strategy auto (" + plan.strategy().name().toLowerCase(Locale.ROOT) + "): whether the "
                    + dialect.name() + " driver streams a cursor is not known, so batches of --batch-size rows";
        };
    }

    private static final Pattern DURATION = Pattern.compile("([0-9.]+)\\s*(ms|s|min|h|d)?");

    /** The server's cap on a query's run time, as "statement_timeout=30s", or null when there is none. */
    static String queryTimeLimit(List<ServerSetting> timeouts) {
        for (ServerSetting s : timeouts) {
            if (s.capsQuery()) {
                Matcher m = DURATION.matcher(s.value().trim());
                if (m.matches() && Double.parseDouble(m.group(1)) > 0) {
                    return s.name() + "=" + s.value();
                }
            }
        }
        return null;
    }
}
