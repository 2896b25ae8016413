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
        description = {"Shows bounded memory without a server: fills an embedded H2 table with N orders,",
                "then, in a small heap, loads them all into a List (which runs out of memory) and",
                "streams them with rowstream (cursor, then keyset). Temp files are deleted at the end."})
final class DemoCommand implements Callable<Integer> {
    static final int FILL_CHUNK = 100_000;
    static final int BATCH_SIZE = 1000;
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
        List<String> command = List.of(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "demo", "--child", "--rows", Long.toString(rows), "--heap", heap);
        ProcessBuilder builder = new ProcessBuilder(command);
        boolean ownStreams = main.out == System.out && main.err == System.err;
        if (ownStreams) {
            builder.inheritIO();
        }
        main.out.flush();
        main.err.flush();
        Process process = builder.start();
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
            out.printf(Locale.ROOT, "rowstream demo: %,d orders in an embedded H2 database, read in a %s heap%n",
                    rows, mb(HeapMeter.maxHeap()));
            fill(url, dir);
            out.println();
            out.println("1. Load every row into a List (plain JDBC, the usual way)");
            loadAll(url);
            out.println("2. Stream them with rowstream, strategy cursor (one query, read as it goes)");
            Totals cursor = stream(url, Strategy.CURSOR);
            out.printf(Locale.ROOT, "3. Stream them with rowstream, strategy keyset (batches of %,d rows)%n", BATCH_SIZE);
            Totals keyset = stream(url, Strategy.KEYSET);
            out.println();
            if (cursor.equals(keyset) && cursor.rows == rows) {
                out.printf(Locale.ROOT, "Both streams read all %,d rows (amounts total %,.2f) in bounded memory."
                        + " Temp files deleted.%n", rows, cursor.amount);
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
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(60) NOT NULL,"
                    + " status VARCHAR(12) NOT NULL, amount DECIMAL(12,2) NOT NULL, created_at TIMESTAMP NOT NULL,"
                    + " note VARCHAR(200))");
            // Generated inside H2, in chunks: one transaction per chunk keeps H2's undo log small.
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders SELECT X,"
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
                    + " FROM SYSTEM_RANGE(?, ?)")) {
                for (long from = 1; from <= rows; from += FILL_CHUNK) {
                    insert.setLong(1, from);
                    insert.setLong(2, Math.min(rows, from + FILL_CHUNK - 1));
                    insert.executeUpdate();
                }
            }
        }
        out.printf(Locale.ROOT, "Created table orders (id, customer, status, amount, created_at, note) in %s, %s on disk.%n",
                seconds(System.nanoTime() - start), mb(sizeOf(dir)));
    }

    /** What most code does: read the whole result into a List, then use it. */
    private void loadAll(String url) {
        List<Object[]> all = new ArrayList<>();
        long loaded = 0;
        String failure = null;
        long start = System.nanoTime();
        HeapMeter meter = new HeapMeter();
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, customer, status, amount, created_at, note FROM orders")) {
            while (rs.next()) {
                all.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getObject(5, LocalDateTime.class), rs.getString(6)});
            }
        } catch (OutOfMemoryError e) {
            failure = "OutOfMemoryError";
        } catch (SQLException e) {
            // H2 turns an OutOfMemoryError inside it into error 90108 (and closes the database; the
            // next connection opens it again).
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
        if (failure != null) {
            out.printf(Locale.ROOT, "   %s after %,d rows (%d%% of them) in %s; heap in use %s of %s.%n",
                    failure, loaded, loaded * 100 / rows, seconds(elapsed), mb(meter.peak()), mb(HeapMeter.maxHeap()));
        } else {
            out.printf(Locale.ROOT, "   all %,d rows loaded in %s; heap in use %s of %s (this many rows fit:"
                            + " try more --rows).%n", loaded, seconds(elapsed), mb(meter.peak()), mb(HeapMeter.maxHeap()));
        }
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
        String live = meter.peakAfterGc() < 0 ? "" : ", at most " + mb(meter.peakAfterGc()) + " still in use after each GC";
        out.printf(Locale.ROOT, "   %,d rows in %s (%,d rows/s) as %s of CSV; peak heap %s of %s%s.%n",
                count, seconds(elapsed), Math.round(count / Math.max(elapsed / 1e9, 1e-3)), mb(csv.chars),
                mb(meter.peak()), mb(HeapMeter.maxHeap()), live);
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
