package dev.rowstream.bench;

import com.zaxxer.hikari.HikariConfig;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.zaxxer.hikari.HikariDataSource;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * One measured case, run in its own JVM by {@link Bench} (normally with {@code -Xmx64m}), so that
 * heap and RSS peaks belong to this case alone.
 *
 * <p>It first warms up: the same code reads the first {@code warmup-rows} rows of the warm-up table
 * (a bounded read, so nothing is abandoned half way). Then it measures {@code passes} full reads of the
 * table; before each it forces a GC and resets the heap pools' peaks and the kernel's RSS high-water
 * mark, and near the end of each it probes the live heap ({@link Probe}). Each pass checks that every
 * row was read (count and sum of ids). The fastest pass is printed as one {@code RESULT} line.
 *
 * <p>Every kind does the same work per row: it looks at every column value once (counting the
 * non-null ones) and adds up the ids, so that nothing can be optimised away and raw and library reads
 * can be compared by their checksums.
 */
public final class Case {
    /** The six columns of the orders table, in table order. */
    static final String COLUMNS = "id, customer_id, status, amount, created_at, note";

    private final String kind;
    private final String url;
    private final int batch;

    private Case(String kind, String url, int batch) {
        this.kind = kind;
        this.url = url;
        this.batch = batch;
    }

    /** What a read saw. */
    private record Tally(long rows, long idSum, long nonNull) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        String kind = a.get("kind");
        String url = a.get("url");
        String table = a.get("table");
        long expected = Long.parseLong(a.get("rows"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "10000"));
        String warmTable = a.getOrDefault("warmup-table", table);
        long warmRows = Long.parseLong(a.getOrDefault("warmup-rows", "0"));
        Case c = new Case(kind, url, batch);

        if (warmRows > 0) {
            Tally w = c.run(warmTable, warmRows, a.get("out"));
            check(w.rows == warmRows && (kind.equals("copy") || w.idSum == warmRows * (warmRows + 1) / 2),
                    "warm-up read " + w.rows + " rows (id sum " + w.idSum + "), expected " + warmRows);
        }
        Memory.watchCollections();
        int passes = Integer.parseInt(a.getOrDefault("passes", "1"));
        String best = null;
        double bestRate = -1;
        for (int pass = 1; pass <= passes; pass++) {
            Probe.arm(expected - expected / 20); // late, so that its full GC barely changes the timed read
            String line = c.measure(table, expected, a.get("out"), pass);
            System.out.println("pass " + pass + ": " + line);
            double rate = Double.parseDouble(line.replaceAll(".*rows_per_s=(\\S+).*", "$1"));
            if (rate > bestRate) {
                bestRate = rate;
                best = line;
            }
        }
        System.out.println("RESULT " + best + " passes=" + passes);
    }

    /** One measured pass over {@code table}, with its own heap and RSS peaks; returns the fields of a RESULT line. */
    private String measure(String table, long expected, String out, int pass) throws Exception {
        System.gc();
        Memory.resetPeaks();
        long gcCount0 = Memory.gcCount();
        long gcMillis0 = Memory.gcMillis();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long cpu0 = os.getProcessCpuTime();
        long alloc0 = threads.getThreadAllocatedBytes(self);
        long t0 = System.nanoTime();
        Tally t = run(table, 0, out);
        // The probe's full GC is not part of the read: its time is taken off.
        double seconds = (System.nanoTime() - t0 - Probe.nanos) / 1e9;
        long fileBytes = Exports.takeFileBytes();
        // CPU time of this JVM (all its threads, GC and JIT included) and bytes allocated by the reading
        // thread: unlike rows/s, neither depends much on what else the machine is doing.
        double cpu = (os.getProcessCpuTime() - cpu0 - Probe.cpuNanos) / 1e9;
        double allocPerRow = (threads.getThreadAllocatedBytes(self) - alloc0) / (double) Math.max(1, t.rows);

        double heapPeak = Memory.heapPeakMb();
        double hwm = Memory.vmHwmMb();
        Thread.sleep(200); // GC notifications arrive on a service thread
        double afterGc = Memory.afterGcMaxMb();
        check(t.rows == expected, kind + " read " + t.rows + " rows of " + table + ", expected " + expected);
        if (!kind.equals("copy")) {
            check(t.idSum == expected * (expected + 1) / 2, kind + ": sum of ids " + t.idSum + " is wrong");
        }
        return String.format(Locale.ROOT,
                "kind=%s table=%s rows=%d seconds=%.3f rows_per_s=%.0f id_sum=%d non_null=%d"
                        + " heap_peak_mb=%.1f live_heap_mid_mb=%.1f heap_after_gc_max_mb=%.1f vmhwm_mb=%.1f"
                        + " gc_count=%d gc_ms=%d heap_max_mb=%.0f jvm_cpu_s=%.3f alloc_bytes_per_row=%.0f pass=%d"
                        + " file_bytes=%d",
                kind, table, t.rows, seconds, t.rows / seconds, t.idSum, t.nonNull, heapPeak, Probe.liveMb, afterGc, hwm,
                Memory.gcCount() - gcCount0 - Probe.gcs, Memory.gcMillis() - gcMillis0 - Probe.gcMillis,
                Runtime.getRuntime().maxMemory() / 1048576.0, cpu, allocPerRow, pass, fileBytes);
    }

    /**
     * Near the end of a measured read (at 95% of the rows), one full GC, then the heap in use: the data the read really
     * keeps alive (driver buffers, the batch, the row in hand), whatever the collector's habits.
     */
    static final class Probe {
        static long at = -1;
        static double liveMb = -1;
        static long nanos;
        static long cpuNanos;
        static long gcs;
        static long gcMillis;

        static void arm(long row) {
            at = row;
            liveMb = -1;
            nanos = 0;
            cpuNanos = 0;
            gcs = 0;
            gcMillis = 0;
        }

        /** Called with the number of rows read so far. */
        static void tick(long rows) {
            if (rows == at) {
                at = -1;
                com.sun.management.OperatingSystemMXBean os =
                        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long gc0 = Memory.gcCount();
                long gcMs0 = Memory.gcMillis();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                System.gc();
                liveMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
                nanos = System.nanoTime() - t0;
                cpuNanos = os.getProcessCpuTime() - cpu0;
                gcs = Memory.gcCount() - gc0;
                gcMillis = Memory.gcMillis() - gcMs0;
            }
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    /** Reads {@code table}, or only ids 1..limit when limit > 0. */
    private Tally run(String table, long limit, String out) throws Exception {
        switch (kind) {
            case "lib-cursor":
                return withPool(ds -> library(ds, Strategy.CURSOR, table, limit));
            case "lib-keyset":
                return withPool(ds -> library(ds, Strategy.KEYSET, table, limit));
            case "lib-offset":
                return withPool(ds -> library(ds, Strategy.OFFSET, table, limit));
            case "lib-keyset-url":
                // No pool: RowStreams.from(url) keeps one connection for the stream's batches.
                return library(null, Strategy.KEYSET, table, limit);
            case "raw-cursor":
                return withPool(ds -> rawCursor(ds, table, limit));
            case "raw-keyset":
                return withPool(ds -> rawPaged(ds, table, limit, true));
            case "raw-offset":
                return withPool(ds -> rawPaged(ds, table, limit, false));
            case "copy":
                return copy(table, limit, Path.of(out));
            default:
                if (kind.startsWith("export-")) {
                    return withPool(ds -> {
                        long[] t = Exports.export(ds, kind, table, limit, batch, Path.of(out));
                        return new Tally(t[0], t[1], t[2]);
                    });
                }
                if (kind.endsWith("-mapped") || kind.equals("lib-cursor-row-getters")) {
                    return withPool(ds -> {
                        long[] t = Mapped.read(ds, kind, table, limit, batch);
                        return new Tally(t[0], t[1], t[2]);
                    });
                }
                if (kind.equals("duckdb-csv-parquet")) {
                    return withPool(ds -> {
                        long[] t = Exports.duckDbCsvToParquet(ds, table, batch, Path.of(out));
                        return new Tally(t[0], t[1], t[2]);
                    });
                }
                throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    private interface Body {
        Tally run(DataSource ds) throws Exception;
    }

    /** A small HikariCP pool: the way an application would hand the library (and its own loop) connections. */
    private Tally withPool(Body body) throws Exception {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setMaximumPoolSize(2);
        cfg.setMinimumIdle(1);
        cfg.setPoolName("bench");
        try (HikariDataSource ds = new HikariDataSource(cfg)) {
            return body.run(ds);
        }
    }

    // ---- the library -------------------------------------------------------------------------

    private Tally library(DataSource ds, Strategy strategy, String table, long limit) {
        var builder = ds == null ? RowStreams.from(url) : RowStreams.from(ds);
        builder.table(table).key("id").strategy(strategy).batchSize(batch);
        if (limit > 0) {
            builder.where("id <= ?", limit);
        }
        long rows = 0;
        long idSum = 0;
        long nonNull = 0;
        try (RowStream<Row> stream = builder.open()) {
            for (Row row : stream) {
                rows++;
                Probe.tick(rows);
                idSum += ((Number) row.get(0)).longValue();
                for (int i = 0, n = row.size(); i < n; i++) {
                    if (row.get(i) != null) {
                        nonNull++;
                    }
                }
            }
        }
        return new Tally(rows, idSum, nonNull);
    }

    // ---- raw JDBC baselines ------------------------------------------------------------------

    /**
     * One query streamed through a server-side cursor, as a careful programmer writes it: auto-commit
     * off (pgjdbc needs it), forward-only, fetch size = the batch size (MariaDB Connector/J streams at
     * any fetch size > 0), every column read with getObject.
     */
    private Tally rawCursor(DataSource ds, String table, long limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + table + (limit > 0 ? " WHERE id <= ?" : "") + " ORDER BY id";
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            Tally t;
            try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(batch);
                if (limit > 0) {
                    ps.setLong(1, limit);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    t = consume(rs, new long[3]);
                }
            }
            c.commit();
            c.setAutoCommit(true);
            return t;
        }
    }

    /**
     * KEYSET ({@code WHERE id > ? ORDER BY id LIMIT n}) or OFFSET ({@code ORDER BY id LIMIT n OFFSET m})
     * batches on one connection, each batch read with getObject. Stops after a short batch, like the
     * library.
     */
    private Tally rawPaged(DataSource ds, String table, long limit, boolean keyset) throws SQLException {
        String bound = limit > 0 ? "id <= " + limit : null;
        String select = "SELECT " + COLUMNS + " FROM " + table;
        String first = select + (bound != null ? " WHERE " + bound : "") + " ORDER BY id LIMIT " + batch;
        String next = keyset
                ? select + " WHERE " + (bound != null ? bound + " AND " : "") + "id > ? ORDER BY id LIMIT " + batch
                : select + (bound != null ? " WHERE " + bound : "") + " ORDER BY id LIMIT " + batch + " OFFSET ?";
        long[] acc = new long[4]; // rows, id sum, non-null values, last id
        try (Connection c = ds.getConnection();
             PreparedStatement ps1 = c.prepareStatement(first);
             PreparedStatement psN = c.prepareStatement(next)) {
            long before = 0;
            boolean firstBatch = true;
            while (true) {
                PreparedStatement ps = firstBatch ? ps1 : psN;
                if (!firstBatch) {
                    ps.setLong(1, keyset ? acc[3] : acc[0]);
                }
                firstBatch = false;
                try (ResultSet rs = ps.executeQuery()) {
                    consume(rs, acc);
                }
                if (acc[0] - before < batch) {
                    break;
                }
                before = acc[0];
            }
        }
        return new Tally(acc[0], acc[1], acc[2]);
    }

    /** Reads every column of every row with getObject; acc = rows, id sum, non-null values, last id. */
    private static Tally consume(ResultSet rs, long[] acc) throws SQLException {
        int n = rs.getMetaData().getColumnCount();
        long rows = acc[0];
        long idSum = acc[1];
        long nonNull = acc[2];
        long last = 0;
        while (rs.next()) {
            rows++;
            Probe.tick(rows);
            Object id = rs.getObject(1);
            last = ((Number) id).longValue();
            idSum += last;
            nonNull++;
            for (int i = 2; i <= n; i++) {
                if (rs.getObject(i) != null) {
                    nonNull++;
                }
            }
        }
        acc[0] = rows;
        acc[1] = idSum;
        acc[2] = nonNull;
        if (acc.length > 3 && last != 0) {
            acc[3] = last;
        }
        return new Tally(rows, idSum, nonNull);
    }

    // ---- PostgreSQL COPY ---------------------------------------------------------------------

    /** {@code COPY ... TO STDOUT (FORMAT csv)} through pgjdbc's CopyManager into a buffered file. */
    private Tally copy(String table, long limit, Path out) throws SQLException, IOException {
        String source = limit > 0 ? "(SELECT * FROM " + table + " WHERE id <= " + limit + ")" : table;
        long rows;
        try (Connection c = java.sql.DriverManager.getConnection(url);
             OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + source + " TO STDOUT (FORMAT csv)", os);
        }
        long bytes = Files.size(out);
        Files.deleteIfExists(out);
        System.out.println("copy wrote " + bytes + " bytes");
        return new Tally(rows, 0, 0);
    }

    // ---- memory ------------------------------------------------------------------------------

    /** Heap pools' peaks and the process's RSS high-water mark. */
    static final class Memory {
        private Memory() {
        }

        private static final AtomicLong AFTER_GC_MAX = new AtomicLong();

        /**
         * Tracks the heap in use right after each collection: unlike the pools' peaks, which mostly
         * show how far the collector let eden fill, this follows the live data (plus old garbage not
         * yet collected).
         */
        static void watchCollections() {
            Set<String> heapPools = new HashSet<>();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    heapPools.add(p.getName());
                }
            }
            NotificationListener listener = (notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                AFTER_GC_MAX.accumulateAndGet(used, Math::max);
            };
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
        }

        static double afterGcMaxMb() {
            return AFTER_GC_MAX.get() / 1048576.0;
        }

        static void resetPeaks() throws InterruptedException {
            Thread.sleep(200); // let the notification of the System.gc() before this arrive first
            AFTER_GC_MAX.set(0);
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                p.resetPeakUsage();
            }
            // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later).
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            } catch (IOException e) {
                System.out.println("note: could not reset VmHWM (" + e + "); it includes the warm-up");
            }
        }

        /** The sum of the heap pools' peak usage since the last reset, in MiB. */
        static double heapPeakMb() {
            long sum = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    sum += p.getPeakUsage().getUsed();
                }
            }
            return sum / 1048576.0;
        }

        /** VmHWM from /proc/self/status, in MiB. */
        static double vmHwmMb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
            return -1;
        }

        static long gcCount() {
            long n = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                n += Math.max(0, gc.getCollectionCount());
            }
            return n;
        }

        static long gcMillis() {
            long n = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                n += Math.max(0, gc.getCollectionTime());
            }
            return n;
        }
    }
}
