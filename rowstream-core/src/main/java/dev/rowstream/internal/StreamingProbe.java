package dev.rowstream.internal;

import dev.rowstream.StreamFailedException;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.Streaming;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at run time that a cursor's rows really arrive a fetch at a time, whatever the dialect's rules
 * promise: a setting rowstream cannot see (pgjdbc's {@code preferQueryMode=simple}, a proxy in front of
 * the driver) can still make the driver read the whole result inside {@code executeQuery}.
 *
 * <p>It measures what the reading thread allocates ({@code com.sun.management.ThreadMXBean}): inside
 * {@code executeQuery}, and inside the first {@value #SAMPLE_ROWS} calls to {@code next()} (only inside
 * them: what the consumer does between rows is not counted). A streaming driver allocates in
 * {@code executeQuery} about what its first fetch of rows costs, so about fetch size x the cost of a row;
 * a buffering one allocates what every row costs. See {@link #buffered} for the rule. Measured over
 * 200,000 rows of about 200 bytes (PostgreSQL 15, MariaDB 10.11, a fetch size of 1000): pgjdbc buffering
 * allocated 63.7 MB in executeQuery and streaming 0.32 MB; Connector/J 147 MB and 0.09 MB; MariaDB
 * Connector/J 46 MB and 0.21 MB; each row cost about 270 to 330 bytes to read.
 *
 * <p>Cost: about 80 ns per allocation reading, two per sampled row; nothing after the sample. Where the JVM
 * cannot measure a thread's allocation, the check is skipped (logged at DEBUG once).
 */
public final class StreamingProbe {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingProbe.class);

    /** Rows whose reading cost is measured. */
    static final int SAMPLE_ROWS = 1000;
    /** A driver that allocated more than this many times what its first fetch needs has buffered. */
    public static final int RATIO = 8;
    /** Less than this is never called buffering: a result that small does no harm, and noise stays below it. */
    public static final long FLOOR_BYTES = 32L << 20;

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private final Dialect dialect;
    private final Connection connection;
    private final int fetchRows;
    private long start;
    private long executeBytes;
    private long sampledBytes;
    private int sampledRows;
    private long before;

    private StreamingProbe(Dialect dialect, Connection connection, int fetchRows) {
        this.dialect = dialect;
        this.connection = connection;
        this.fetchRows = fetchRows;
    }

    /**
     * A probe for one cursor read of {@code fetchRows} rows per fetch, or null where nothing can be
     * measured: the JVM cannot, or the dialect says its allocations are not the driver's buffering.
     */
    static StreamingProbe start(Dialect dialect, Connection connection, int fetchRows) {
        try {
            if (THREADS == null || !dialect.allocationShowsBuffering(connection)) {
                return null;
            }
        } catch (SQLException e) {
            LOG.debug("not checking that the cursor streams: {}", e.toString());
            return null;
        }
        StreamingProbe probe = new StreamingProbe(dialect, connection, fetchRows);
        probe.start = allocated();
        return probe.start < 0 ? null : probe;
    }

    /** Call right after executeQuery returns. */
    void executed() {
        executeBytes = allocated() - start;
    }

    /** Call before reading a row; pass what it returns to {@link #read}. */
    long beforeRow() {
        return allocated();
    }

    /**
     * Call after reading a row (or finding the end). Returns this probe while it is still sampling, null once
     * it has decided that the driver streams (or the rows ended within the sample: all of them were in
     * the first fetch anyway). Throws when the driver has buffered the whole result.
     */
    StreamingProbe read(long before, boolean end, Statement statement) {
        if (end) {
            return null;
        }
        sampledBytes += allocated() - before;
        sampledRows++;
        if (sampledRows < Math.min(SAMPLE_ROWS, Math.max(fetchRows, 1))) {
            return this;
        }
        if (buffered(executeBytes, sampledBytes, sampledRows, fetchRows)) {
            throw failure(statement);
        }
        return null;
    }

    /**
     * The rule: a driver has buffered the whole result when {@code executeQuery} allocated more than
     * {@link #RATIO} times what its first fetch of {@code fetchRows} rows costs (the rows sampled, scaled
     * up), and more than {@link #FLOOR_BYTES}. A streaming driver stays near 1x (its first fetch, as raw
     * bytes, costs about what reading those rows costs); a buffering one reaches rows-in-result /
     * fetchRows. The floor keeps small results, and overheads such as a driver's read buffer, from ever
     * counting.
     */
    public static boolean buffered(long executeBytes, long sampledBytes, int sampledRows, int fetchRows) {
        return ratio(executeBytes, sampledBytes, sampledRows, fetchRows) > RATIO && executeBytes > FLOOR_BYTES;
    }

    /**
     * The rule when every row of a result is read and counted ({@code rowstream doctor}): executeQuery
     * took the whole result when it allocated at least half of what all {@code rows} cost to read
     * ({@code rowBytes} each). Null when the result is too small to tell: it fits in two fetches of
     * {@code fetchSize} (0: the driver's default, taken as 1).
     */
    public static Boolean readWhole(long executeBytes, long rowBytes, long rows, int fetchSize) {
        if (rows <= 2L * Math.max(fetchSize, 1) || rows < 100) {
            return null;
        }
        return executeBytes >= 0.5 * rows * Math.max(16, rowBytes);
    }

    /** What executeQuery allocated, over what fetching {@code fetchRows} rows costs by the sample. */
    public static double ratio(long executeBytes, long sampledBytes, int sampledRows, int fetchRows) {
        if (sampledRows <= 0) {
            return 0;
        }
        // A row costs at least some bytes to read: a sample that allocated nothing measures nothing.
        double perRow = Math.max(16.0, sampledBytes / (double) sampledRows);
        return executeBytes / (perRow * Math.max(fetchRows, 1));
    }

    private StreamFailedException failure(Statement statement) {
        String why;
        try {
            Streaming rule = dialect.streaming(connection, statement);
            why = rule.buffers() ? "why: " + rule.because()
                    : "the " + dialect.name() + " driver's settings look right for streaming (" + rule.because()
                            + "), so something between rowstream and the driver (a proxy or a wrapper DataSource)"
                            + " probably changes them";
        } catch (SQLException | RuntimeException e) {
            why = "the driver's settings could not be read: " + e;
        }
        return new StreamFailedException(String.format(Locale.ROOT, "the %s driver read the whole result into memory"
                + " inside executeQuery instead of streaming it: it allocated %s there, %.0f times what its first"
                + " fetch of %d rows needs (%s per row), so memory would grow with the table; %s."
                + " Fix that setting, or use strategy keyset (batches of batchSize(...) rows); rowstream doctor"
                + " --table shows the driver's settings", dialect.name(), bytes(executeBytes),
                ratio(executeBytes, sampledBytes, sampledRows, fetchRows), fetchRows,
                bytes(Math.round(sampledBytes / (double) sampledRows)), why));
    }

    /** Bytes in B, KB, MB or GB, for people. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** True when this JVM can measure what a thread allocates. */
    public static boolean available() {
        return THREADS != null && allocated() >= 0;
    }

    /** Bytes the current thread has allocated since it started, or -1 when unknown. */
    public static long allocated() {
        return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                    && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
                return t;
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cannot measure allocation: {}", e.toString());
        }
        LOG.debug("this JVM cannot measure what a thread allocates: not checking that cursors really stream");
        return null;
    }
}
