package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.format.Format;
import dev.rowstream.format.RowWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rowstream demo}: the point of the library in one run, with no server. An embedded H2 table of
 * orders is first loaded into a List the usual way, then streamed with rowstream, in the same small heap.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = {"Shows bounded memory on an embedded H2 database; needs no server.",
                "Fills a table with N orders, then, in a small heap, loads them all into a List",
                "(which runs out of memory) and streams them with rowstream (cursor, then keyset).",
                "Temp files are deleted at the end."})
final class DemoCommand implements Callable<Integer> {
    static final int BATCH_SIZE = 1000;
    /** Heap use after a full GC at which the List phase stops: past it, the JVM only collects garbage. */
    static final int FULL_PERCENT = 90;
    /** Heap use after an ordinary GC at which the List phase starts checking with full GCs. */
    static final int NEARLY_FULL_PERCENT = 80;
    private static final long MB = 1024 * 1024;
    private static final Pattern HEAP = Pattern.compile("(\\d+)([kKmMgG]?)");

    @ParentCommand
    Main main;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000",
            description = "Orders to create (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "64m",
            description = "The small heap to run in, as for java -Xmx (default: ${DEFAULT-VALUE}).")
    String heap;

    /** Set on the re-launched JVM: run here, whatever the heap. */
    @Option(names = "--child", hidden = true)
    boolean child;

    private PrintStream out;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || rows > 100_000_000) {
            throw new InvalidSpecException("--rows " + rows + " is out of range: use 1 to 100000000");
        }
        long heapBytes = parseSize(heap);
        // The demo only means something in a heap the data does not fit in: a JVM with a larger one
        // (java's default is a quarter of the RAM) runs the demo again in a child JVM of the right size.
        if (!child && HeapMeter.maxHeap() > heapBytes * 5 / 4) {
            return relaunch();
        }
        // DriverManager loads every bundled driver; MySQL's would start a cleanup thread that the
        // out-of-memory phase kills noisily. The demo uses H2 only.
        System.setProperty("com.mysql.cj.disableAbandonedConnectionCleanup", "true");
        out = main.out;
        return demo();
    }

    static long parseSize(String size) {
        Matcher m = HEAP.matcher(size.strip());
        long bytes = -1;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            bytes = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> n * 1024;
                case "m" -> n * MB;
                case "g" -> n * 1024 * MB;
                default -> n;
            };
        }
        if (bytes < 16 * MB) {
            throw new InvalidSpecException("--heap '" + size + "' is not a heap size of 16m or more: use e.g. 64m");
        }
        return bytes;
    }

    // ---- the parent: start a JVM with the small heap

    private int relaunch() throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String size = heap.strip();
        List<String> command = List.of(java, "-Xmx" + size, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "demo", "--child", "--rows", Long.toString(rows), "--heap", size);
        ProcessBuilder builder = new ProcessBuilder(command);
        boolean ownStreams = main.out == System.out && main.err == System.err;
        if (ownStreams) {
            builder.inheritIO();
        }
        main.out.flush();
        main.err.flush();
        Process process = builder.start();
        // Ctrl-C reaches the child too (same process group); a signal to this JVM alone must not
        // leave the child running. destroy() is SIGTERM: the child still deletes its temp files.
        Thread stopChild = new Thread(process::destroy, "rowstream-demo-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            if (!ownStreams) {
                // Captured streams (tests): copy the child's output into them.
                Thread copyOut = copy(process.getInputStream(), main.out);
                Thread copyErr = copy(process.getErrorStream(), main.err);
                int code = process.waitFor();
                copyOut.join();
                copyErr.join();
                return code;
            }
            return process.waitFor();
        } finally {
            process.destroy(); // only if we were interrupted: it has exited otherwise
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // The hook is stopping the child.
            }
        }
    }

    private static Thread copy(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try (from) {
                from.transferTo(to);
                to.flush();
            } catch (IOException ignored) {
                // The child is gone; nothing more to copy.
            }
        }, "rowstream-demo-copy");
        t.setDaemon(true);
        t.start();
        return t;
    }

    // ---- the child: the demo itself

    private int demo() throws IOException, SQLException {
        Path dir = Files.createTempDirectory("rowstream-demo-");
        Thread cleanup = new Thread(() -> deleteTree(dir), "rowstream-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        // A small page cache, so H2 itself fits the heap; kept open between connections (the keyset
        // phase opens one per batch) until SHUTDOWN.
        String url = "jdbc:h2:file:" + dir.resolve("orders") + ";CACHE_SIZE=8192;DB_CLOSE_DELAY=-1";
        try {
            out.printf(Locale.ROOT, "rowstream demo: %,d orders in an embedded H2 database, and a JVM with a %s heap%n",
                    rows, mb(HeapMeter.maxHeap()));
            fill(url, dir);
            out.println();
            out.println("1. Load all rows into a List (plain JDBC, as most code does):");
            long fitted = loadAll(url);
            out.println("2. Stream them with rowstream, strategy cursor (one query, rows read as they come):");
            Totals cursor = stream(url, Strategy.CURSOR);
            out.printf(Locale.ROOT, "3. Stream them with rowstream, strategy keyset (batches of %,d rows):%n", BATCH_SIZE);
            Totals keyset = stream(url, Strategy.KEYSET);
            out.println();
            if (cursor.equals(keyset) && cursor.rows == rows) {
                out.printf(Locale.ROOT, "Both streams read all %,d rows (same total amount, %,.2f)%s.%n", rows,
                        cursor.amount, fitted < rows
                                ? String.format(Locale.ROOT, ", in the heap where the List ran out after %,d", fitted)
                                : "");
                out.println("Temp files deleted.");
            } else {
                out.printf(Locale.ROOT, "The streams disagree: cursor %s, keyset %s (expected %,d rows).%n",
                        cursor, keyset, rows);
                return ErrorHandler.FAILED;
            }
            return ErrorHandler.OK;
        } finally {
            shutdown(url);
            deleteTree(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // The hook deletes the folder.
            }
            out.flush();
        }
    }

    private void fill(String url, Path dir) throws SQLException {
        out.printf(Locale.ROOT, "Creating table orders (id, customer, status, amount, created_at, note)... ");
        out.flush();
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(60) NOT NULL,"
                    + " status VARCHAR(12) NOT NULL, amount DECIMAL(12,2) NOT NULL, created_at TIMESTAMP NOT NULL,"
                    + " note VARCHAR(200))");
            // Generated inside H2 in one statement; DIRECT inserts the rows as they are generated
            // instead of materialising the SELECT first.
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders DIRECT SELECT X,"
                    + " ARRAY['Ada','Alan','Barbara','Claude','Donald','Edsger','Frances','Grace','Hedy','John',"
                    + "'Ken','Leslie','Margaret','Niklaus','Radia','Tony'][MOD(X, 16) + 1] || ' '"
                    + " || ARRAY['Lovelace','Turing','Liskov','Shannon','Knuth','Dijkstra','Allen','Hopper','Lamarr',"
                    + "'Backus','Thompson','Lamport','Hamilton','Wirth','Perlman','Hoare'][MOD(X * 7, 16) + 1],"
                    + " CASE WHEN MOD(X, 20) < 14 THEN 'delivered' WHEN MOD(X, 20) < 17 THEN 'shipped'"
                    + " WHEN MOD(X, 20) < 19 THEN 'pending' ELSE 'cancelled' END,"
                    + " CAST(5 + MOD(X * 7919, 49500) / 100.0 AS DECIMAL(12,2)),"
                    + " DATEADD(SECOND, X * 29, TIMESTAMP '2024-01-01 08:00:00'),"
                    + " CASE MOD(X, 3) WHEN 0 THEN NULL WHEN 1 THEN 'leave at the door, ring twice'"
                    + " ELSE 'gift wrap, card says \"Happy birthday, ' || X || '!\"' END"
                    + " FROM SYSTEM_RANGE(1, ?)")) {
                insert.setLong(1, rows);
                insert.executeUpdate();
            }
        }
        out.printf(Locale.ROOT, "%s, %s on disk.%n", seconds(System.nanoTime() - start), mb(sizeOf(dir)));
    }

    /**
     * What most code does: read the whole result into a List, then use it. Stops at the
     * OutOfMemoryError, or just before it: when the heap is still {@value #FULL_PERCENT}% full after a
     * full GC. Waiting for the error itself takes many seconds of back-to-back GCs, and it may strike
     * inside H2, which then closes the database. Returns the rows that fit.
     */
    private long loadAll(String url) {
        List<Object[]> all = new ArrayList<>();
        long loaded;
        String failure = null;
        long full = HeapMeter.maxHeap() * FULL_PERCENT / 100;
        long nearlyFull = HeapMeter.maxHeap() * NEARLY_FULL_PERCENT / 100;
        long live = -1;
        int checkedAt = 0;
        long start = System.nanoTime();
        HeapMeter meter = new HeapMeter();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            // Rows as they are read, as most drivers give them: H2 would first copy the whole
            // result to a temp file, which costs time and proves nothing here.
            s.execute("SET LAZY_QUERY_EXECUTION TRUE");
            try (ResultSet rs = s.executeQuery("SELECT id, customer, status, amount, created_at, note FROM orders")) {
                while (rs.next()) {
                    all.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getObject(5, LocalDateTime.class), rs.getString(6)});
                    // An ordinary GC leaves old garbage behind; only a full GC tells what the List holds.
                    if ((all.size() & 1023) == 0 && meter.lastAfterGc() > nearlyFull
                            && all.size() - checkedAt >= 16_384) {
                        checkedAt = all.size();
                        live = HeapMeter.usedAfterFullGc();
                        if (live > full) {
                            failure = "heap full";
                            break;
                        }
                    }
                }
            }
        } catch (OutOfMemoryError e) {
            failure = "OutOfMemoryError";
        } catch (SQLException e) {
            // H2 turns an OutOfMemoryError inside it into error 90108.
            if (e.getErrorCode() != 90108 && !(e.getCause() instanceof OutOfMemoryError)) {
                throw new IllegalStateException("loading the orders failed: " + e.getMessage(), e);
            }
            failure = "OutOfMemoryError (inside H2)";
        } finally {
            loaded = all.size();
            all = null; // drop the rows before anything else needs memory
        }
        long elapsed = System.nanoTime() - start;
        meter.close();
        if (failure == null) {
            out.printf(Locale.ROOT, "   all %,d rows loaded in %s; heap in use: peak %s of %s (they fit: try more --rows)%n",
                    loaded, seconds(elapsed), mb(meter.peak()), mb(HeapMeter.maxHeap()));
            return loaded;
        }
        if (failure.equals("heap full")) {
            out.printf(Locale.ROOT, "   stopped after %,d rows (%d%%) in %s: after a full GC, %s of the %s heap is"
                    + " still in use%n", loaded, loaded * 100 / rows, seconds(elapsed), mb(live), mb(HeapMeter.maxHeap()));
            long perRow = (live - meter.baseline()) / Math.max(loaded, 1);
            long needed = perRow * rows + meter.baseline();
            if (perRow > 0 && needed > HeapMeter.maxHeap()) {
                out.printf(Locale.ROOT, "   at %d bytes per row, all %,d rows need about %s: OutOfMemoryError%n",
                        perRow, rows, mb(needed));
            }
        } else {
            out.printf(Locale.ROOT, "   %s after %,d rows (%d%%) in %s; heap in use: %s of %s%n",
                    failure, loaded, loaded * 100 / rows, seconds(elapsed), mb(meter.peak()), mb(HeapMeter.maxHeap()));
        }
        return loaded;
    }

    private Totals stream(String url, Strategy strategy) throws IOException {
        long start = System.nanoTime();
        BigDecimal amount = BigDecimal.ZERO;
        long count;
        CountingWriter csv = new CountingWriter();
        HeapMeter meter = new HeapMeter();
        try (RowStream<Row> stream = RowStreams.from(url).table("orders").key("id").strategy(strategy)
                .batchSize(BATCH_SIZE).open()) {
            // Each row goes through the CSV writer, as in an export, into a sink that only counts.
            RowWriter writer = Format.CSV.writer(csv);
            writer.begin(stream.columns());
            int amountColumn = stream.columns().indexOf("amount");
            for (Row row : stream) {
                writer.write(row);
                amount = amount.add((BigDecimal) row.get(amountColumn));
            }
            writer.close();
            count = stream.rowCount();
        } finally {
            meter.close();
        }
        long elapsed = System.nanoTime() - start;
        out.printf(Locale.ROOT, "   %,d rows in %s (%,d rows/s), written as %s of CSV (and discarded)%n",
                count, seconds(elapsed), Math.round(count / Math.max(elapsed / 1e9, 1e-3)), mb(csv.chars));
        // The peak counts garbage not yet collected; what survives a GC is what the stream holds.
        out.printf(Locale.ROOT, "   heap in use: peak %s of %s%s%n", mb(meter.peak()), mb(HeapMeter.maxHeap()),
                meter.peakAfterGc() < 0 ? " (no GC ran)" : ", at most " + mb(meter.peakAfterGc()) + " after each GC");
        return new Totals(count, amount);
    }

    private static void shutdown(String url) {
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE"); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // Not created, or closed already: the files are deleted next either way.
        }
    }

    private record Totals(long rows, BigDecimal amount) {
    }

    /** A Writer that keeps nothing: it counts characters (bytes, for this ASCII data). */
    private static final class CountingWriter extends Writer {
        long chars;

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
        }

        @Override
        public void write(String s, int off, int len) {
            chars += len;
        }

        @Override
        public void write(int c) {
            chars++;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: it is in the temp folder.
        }
    }
}
