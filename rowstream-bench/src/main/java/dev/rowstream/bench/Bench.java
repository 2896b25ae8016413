package dev.rowstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark harness: creates the {@code orders} tables, runs every case one after the other in a
 * forked JVM ({@link Case}), runs the CLI and {@code psql \copy} as separate processes, then prints
 * the tables of docs/benchmarks.md from this run's figures.
 *
 * <pre>
 * java -jar rowstream-bench.jar [--quick] [--keep] [--only postgresql|mariadb] [--batch 10000]
 *      [--cli /path/to/rowstream | --cli none] [--work DIR] [--host 127.0.0.1]
 * </pre>
 */
public final class Bench {
    static final long M = 1_000_000;
    /** The warm-up table: every case first reads (part of) it with the same code. */
    static final long WARM_TABLE_ROWS = M;
    /** OFFSET is quadratic: its warm-up reads only the first rows of the warm-up table. */
    static final long WARM_OFFSET_ROWS = 200_000;

    private final String host;
    private final int batch;
    private final boolean quick;
    private final String heap;
    private final Path work;
    private final String cli;
    private final double quietBusy;
    private final List<String> parts;
    /** The formats cases to run ({@code --cases a,b}; default all): a re-run of a few of them. */
    private final List<String> cases;
    private final long quietMaxWait;
    private final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classPath = System.getProperty("java.class.path");
    private final List<Result> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private Bench(Map<String, String> a) {
        this.host = a.getOrDefault("host", "127.0.0.1");
        this.batch = Integer.parseInt(a.getOrDefault("batch", "10000"));
        this.quick = a.containsKey("quick");
        this.heap = a.getOrDefault("heap", "64m");
        this.work = Path.of(a.getOrDefault("work", System.getProperty("java.io.tmpdir"))).toAbsolutePath();
        this.cli = a.getOrDefault("cli", "none");
        this.quietBusy = Double.parseDouble(a.getOrDefault("quiet-busy", "0.25"));
        this.parts = List.of(a.getOrDefault("parts", "stream,mapping,offset,export,formats,fastpath").split(","));
        this.cases = a.containsKey("cases") ? List.of(a.get("cases").split(",")) : null;
        this.quietMaxWait = Long.parseLong(a.getOrDefault("quiet-max-wait", "300"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        Bench b = new Bench(a);
        List<Db> dbs = new ArrayList<>();
        for (Db db : Db.values()) {
            if (!a.containsKey("only") || a.get("only").equalsIgnoreCase(db.label())) {
                dbs.add(db);
            }
        }
        long t0 = System.nanoTime();
        b.header(dbs, args);
        try {
            for (Db db : dbs) {
                b.runDatabase(db);
            }
        } finally {
            if (!a.containsKey("keep")) {
                for (Db db : dbs) {
                    db.dropDatabase(b.host);
                    say("dropped database " + Db.DATABASE + " on " + db.label());
                }
            } else {
                say("kept database " + Db.DATABASE + " (--keep): drop it when done");
            }
        }
        say(String.format(Locale.ROOT, "total run time: %.1f min", (System.nanoTime() - t0) / 60e9));
        new Report(b.results, b.batch, b.quick, b.heap).print(System.out);
        if (!b.failures.isEmpty()) {
            say("FAILED CASES:");
            b.failures.forEach(f -> say("  " + f));
            System.exit(1);
        }
    }

    private List<Long> mainSizes() { return quick ? List.of(M) : List.of(M, 10 * M); }

    private List<Long> offsetSizes() { return quick ? List.of(M) : List.of(M, 2 * M); }

    private void runDatabase(Db db) throws Exception {
        db.ensureDatabase(host);
        List<Long> sizes = new ArrayList<>(mainSizes());
        offsetSizes().stream().filter(s -> !sizes.contains(s)).forEach(sizes::add);
        sizes.sort(null);
        for (long rows : sizes) {
            say(db.ensureTable(host, rows));
        }
        for (long rows : parts.contains("stream") ? mainSizes() : List.<Long>of()) {
            for (String kind : List.of("raw-cursor", "lib-cursor", "raw-keyset", "lib-keyset")) {
                fork(db, kind, rows);
            }
        }
        if (parts.contains("stream")) {
            // RowStreams.from(url): no pool; the stream keeps one connection for all its batches.
            fork(db, "lib-keyset-url", M);
        }
        if (parts.contains("mapping")) {
            // Into a record of the user's: by hand, through Row getters, through a RowViewMapper; same run.
            for (String kind : List.of("raw-cursor-mapped", "lib-cursor-row-getters", "lib-cursor-mapped")) {
                fork(db, kind, M);
            }
        }
        for (long rows : parts.contains("offset") ? offsetSizes() : List.<Long>of()) {
            if (rows != M && !mainSizes().contains(rows)) {
                fork(db, "raw-keyset", rows);
                fork(db, "lib-keyset", rows);
            }
            fork(db, "raw-offset", rows);
            fork(db, "lib-offset", rows);
        }
        if (db == Db.POSTGRESQL && parts.contains("formats")) {
            formats(db);
        }
        if (db == Db.POSTGRESQL && parts.contains("export")) {
            for (long rows : mainSizes()) {
                export(db, rows);
            }
        }
        if (db == Db.POSTGRESQL && parts.contains("fastpath") && !cli.equals("none")) {
            fastPath(db, M);
        }
    }

    /**
     * The COPY fast path (issue 10): {@code export --format csv --strategy keyset} with {@code --fast-path auto}
     * and {@code off}, against {@code psql -c "COPY t TO STDOUT (FORMAT csv)" > file}, taking turns in one run,
     * twice each; the second runs count.
     */
    private void fastPath(Db db, long rows) throws Exception {
        String table = Db.tableName(rows);
        Path out = work.resolve("rowstream-bench-fastpath.csv");
        String psql = "psql -X -h " + host + " -U root -d " + Db.DATABASE + " -c 'COPY " + table
                + " TO STDOUT (FORMAT csv)' > " + out;
        int rebuilds = 0;
        for (int run = 1; run <= 2; run++) {
            say("--- " + db.label() + " psql-copy-stdout " + table + " run " + run);
            process(db, "psql-copy-stdout", table, rows, run, List.of("/usr/bin/time", "-f",
                    "MAXRSS_KB=%M CPU_S=%U+%S", "sh", "-c", psql), Map.of(), out, 0);
            for (String mode : List.of("auto", "off")) {
                capture(List.of(cli, "--version"), Map.of());
                List<String> cmd = List.of("/usr/bin/time", "-f", "MAXRSS_KB=%M CPU_S=%U+%S", cli, "export",
                        "--url", db.url(host), "--table", table, "--key", "id", "--strategy", "keyset",
                        "--batch-size", String.valueOf(batch), "--format", "csv", "--fast-path", mode,
                        "--output", out.toString());
                String kind = "cli-fastpath-" + mode;
                say("--- " + db.label() + " " + kind + " " + table + " run " + run + " (JAVA_OPTS=-Xmx" + heap + ")");
                if (!process(db, kind, table, rows, run, cmd, Map.of("JAVA_OPTS", "-Xmx" + heap), out, 1)
                        && rebuilds++ < 3) {
                    run--; // the launcher rebuilt the jar inside the timed run: this turn again
                    break;
                }
            }
        }
    }

    // ---- forked library and raw JDBC cases ---------------------------------------------------

    /**
     * The formats against CSV, on the same 1M-row table in one run: CSV, CSV.gz, CSV.zst, Parquet with each codec,
     * DuckDB turning our CSV into Parquet; then XLSX over 2M rows in a 128 MB heap.
     */
    private void formats(Db db) throws Exception {
        say(db.ensureTable(host, 2 * M));
        for (String kind : List.of("export-csv", "export-csv-gzip", "export-csv-zstd", "export-parquet-snappy",
                "export-parquet-zstd", "export-parquet-gzip", "export-parquet-none", "duckdb-csv-parquet")) {
            if (cases == null || cases.contains(kind)) {
                // DuckDB's warm-up is the whole table: it writes the CSV that DuckDB then reads in each pass.
                fork(db, kind, M, heap, kind.equals("duckdb-csv-parquet") ? M : 200_000, 2);
            }
        }
        if (cases == null || cases.contains("export-xlsx")) {
            fork(db, "export-xlsx", 2 * M, "128m", 100_000, 1);
        }
    }

    private void fork(Db db, String kind, long rows) throws Exception {
        long warm = kind.endsWith("offset") ? WARM_OFFSET_ROWS : WARM_TABLE_ROWS;
        // Short reads are measured three times in the JVM (the best pass is kept): a second of noise
        // from the shared machine weighs less.
        fork(db, kind, rows, heap, warm, rows <= 2 * M && !kind.endsWith("offset") ? 3 : 1);
    }

    private void fork(Db db, String kind, long rows, String heap, long warm, int passes) throws Exception {
        // AlwaysPreTouch commits the whole heap at start, so that RSS compares what is outside the heap,
        // not how much of it the collector touched.
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx" + heap, "-XX:+AlwaysPreTouch",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath, Case.class.getName(),
                "--kind", kind, "--url", db.url(host), "--table", Db.tableName(rows), "--rows", String.valueOf(rows),
                "--batch", String.valueOf(batch), "--warmup-table", Db.tableName(WARM_TABLE_ROWS),
                "--warmup-rows", String.valueOf(warm), "--passes", String.valueOf(passes),
                "--out", work.resolve("rowstream-bench-copy.csv").toString()));
        say("--- " + db.label() + " " + kind + " " + Db.tableName(rows));
        Result r = runCase(db, cmd, kind + " " + Db.tableName(rows));
        if (r != null) {
            results.add(r);
        }
    }

    private Result runCase(Db db, List<String> cmd, String what) throws Exception {
        String busy = awaitQuiet();
        String load = loadAverage();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Result result = null;
        for (String line : lines(p.getInputStream())) {
            if (line.startsWith("RESULT ")) {
                result = Result.parse(db, line + " busy_before_pct=" + busy + " load1=" + load + "->" + loadAverage());
                say(result.line());
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || result == null) {
            failures.add(db.label() + " " + what + ": exit code " + rc);
            return null;
        }
        return result;
    }

    // ---- CSV export: psql \copy, pgjdbc CopyManager, and the rowstream CLI --------------------

    private void export(Db db, long rows) throws Exception {
        String table = Db.tableName(rows);
        Path out = work.resolve("rowstream-bench-export.csv");
        // psql's \copy runs COPY ... TO STDOUT on the server and writes the file on the client side.
        for (int run = 1; run <= 2; run++) {
            List<String> cmd = List.of("/usr/bin/time", "-f", "MAXRSS_KB=%M CPU_S=%U+%S", "psql", "-X", "-h", host, "-U", "root",
                    "-d", Db.DATABASE, "-c", "\\copy " + table + " TO '" + out + "' (FORMAT csv)");
            say("--- " + db.label() + " psql-copy " + table + " run " + run);
            process(db, "psql-copy", table, rows, run, cmd, Map.of(), out, 0);
        }
        fork(db, "copy", rows);
        if (cli.equals("none")) {
            say("--- CLI skipped (--cli none)");
            return;
        }
        int rebuilds = 0;
        List<String> extra = new ArrayList<>();
        String help = capture(List.of(cli, "export", "--help"), Map.of());
        if (help.contains("--batch-size")) {
            extra.addAll(List.of("--batch-size", String.valueOf(batch)));
        }
        for (int run = 1; run <= 2; run++) {
            // The launcher rebuilds the CLI when a source file is newer than its jar: let it do that
            // untimed, just before the timed run.
            capture(List.of(cli, "--version"), Map.of());
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "MAXRSS_KB=%M CPU_S=%U+%S", cli, "export",
                    "--url", db.url(host), "--table", table, "--key", "id", "--strategy", "cursor", "--format", "csv",
                    "--output", out.toString()));
            cmd.addAll(extra);
            say("--- " + db.label() + " cli-export " + table + " run " + run + " (JAVA_OPTS=-Xmx" + heap + ")");
            if (!process(db, "cli-export", table, rows, run, cmd, Map.of("JAVA_OPTS", "-Xmx" + heap), out, 1)
                    && rebuilds++ < 3) {
                run--; // the launcher rebuilt the jar inside the timed run: run again
            }
        }
    }

    /**
     * Runs an export process, timed by wall clock from start to exit, then checks its file: the number
     * of lines must be the number of rows (plus the header line for the CLI).
     */
    /** Returns false when the run must be repeated: the launcher rebuilt the CLI while it was timed. */
    private boolean process(Db db, String kind, String table, long rows, int run, List<String> cmd,
                            Map<String, String> env, Path out, int headerLines) throws Exception {
        Files.deleteIfExists(out);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        String busy = awaitQuiet();
        String load = loadAverage();
        long t0 = System.nanoTime();
        Process p = pb.start();
        List<String> output = lines(p.getInputStream());
        int rc = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String rss = "";
        String cpu = "";
        String internal = "-";
        boolean rebuilt = false;
        for (String line : output) {
            rebuilt |= line.startsWith("building rowstream");
            // The CLI reports its own time from opening the stream to the last row written.
            Matcher t = Pattern.compile("exported (\\d+) rows in ([0-9.]+)s").matcher(line);
            if (t.find()) {
                internal = t.group(2);
            }
            Matcher m = Pattern.compile("MAXRSS_KB=(\\d+)").matcher(line);
            if (m.find()) {
                rss = String.format(Locale.ROOT, "%.1f", Long.parseLong(m.group(1)) / 1024.0);
                Matcher c = Pattern.compile("CPU_S=([0-9.]+)\\+([0-9.]+)").matcher(line);
                if (c.find()) {
                    cpu = String.format(Locale.ROOT, "%.2f", Double.parseDouble(c.group(1)) + Double.parseDouble(c.group(2)));
                }
            }
        }
        long lines = Files.exists(out) ? countLines(out) : -1;
        long bytes = Files.exists(out) ? Files.size(out) : -1;
        Files.deleteIfExists(out);
        String line = String.format(Locale.ROOT,
                "RESULT kind=%s table=%s run=%d rows=%d seconds=%.3f rows_per_s=%.0f file_lines=%d file_bytes=%d"
                        + " maxrss_mb=%s cpu_s=%s self_reported_s=%s exit=%d busy_before_pct=%s load1=%s->%s",
                kind, table, run, lines - headerLines, seconds, (lines - headerLines) / seconds, lines, bytes, rss,
                cpu, internal, rc,
                busy, load, loadAverage());
        Result r = Result.parse(db, line);
        say(r.line());
        if (rebuilt) {
            say("    (the launcher rebuilt the CLI during this run: not counted)");
            return false;
        }
        if (rc != 0 || lines - headerLines != rows) {
            failures.add(db.label() + " " + kind + " " + table + " run " + run + ": exit " + rc + ", "
                    + (lines - headerLines) + " data lines, expected " + rows);
            return true;
        }
        if (run == 2) {
            results.add(r);
        }
        return true;
    }

    private static long countLines(Path file) throws IOException {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    // ---- the machine -------------------------------------------------------------------------

    /**
     * Other work on the machine (builds, tests) distorts a 2-core benchmark. Before each case this
     * waits, up to --quiet-max-wait seconds, until the whole machine's CPU use over one second is
     * below --quiet-busy (a fraction of all cores). Returns the busy percentage it started at.
     */
    private String awaitQuiet() throws Exception {
        long deadline = System.nanoTime() + quietMaxWait * 1_000_000_000L;
        boolean told = false;
        while (true) {
            double busy = cpuBusy(1000);
            if (busy < quietBusy) {
                return String.format(Locale.ROOT, "%.0f", busy * 100);
            }
            if (System.nanoTime() > deadline) {
                say(String.format(Locale.ROOT, "    machine still busy (%.0f%% of all cores) after %d s: measuring anyway",
                        busy * 100, quietMaxWait));
                return String.format(Locale.ROOT, "%.0f", busy * 100);
            }
            if (!told) {
                say(String.format(Locale.ROOT, "    waiting for other work to finish (machine %.0f%% busy)", busy * 100));
                told = true;
            }
        }
    }

    /** The fraction of all cores busy over {@code millis}, from /proc/stat. */
    private static double cpuBusy(long millis) throws Exception {
        long[] a = cpuTimes();
        Thread.sleep(millis);
        long[] b = cpuTimes();
        double total = b[0] - a[0];
        return total <= 0 ? 0 : 1 - (b[1] - a[1]) / total;
    }

    /** Total and idle (idle + iowait) jiffies of all cores. */
    private static long[] cpuTimes() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) { // user .. steal; guest time is already in user
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private void header(List<Db> dbs, String[] args) throws Exception {
        say("# rowstream-bench " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        say("arguments: " + String.join(" ", args));
        say("mode: " + (quick ? "quick (1M rows only)" : "full (1M and 10M rows; OFFSET at 1M and 2M)")
                + ", batch/fetch size " + batch + ", forked JVMs with -Xmx" + heap + " -XX:+AlwaysPreTouch");
        say("nproc: " + Runtime.getRuntime().availableProcessors());
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                say("memory: " + line.substring(9).trim());
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                say("cpu: " + line.substring(line.indexOf(':') + 1).trim());
                break;
            }
        }
        say("kernel: " + Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        for (String line : capture(List.of(javaBin, "-version"), Map.of()).split("\n")) {
            say("java -version: " + line);
        }
        say("psql --version: " + capture(List.of("psql", "--version"), Map.of()).trim());
        for (Db db : dbs) {
            say(db.label() + " server: " + db.version(host));
        }
        say("cli: " + cli);
    }

    private static String capture(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.MINUTES);
        return out;
    }

    private static List<String> lines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (!line.startsWith("RESULT ") && !line.startsWith("MAXRSS_KB=")) {
                    // Echo progress as it happens; RESULT lines are echoed once parsed.
                    System.out.println("    " + line);
                }
            }
        }
        return lines;
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
