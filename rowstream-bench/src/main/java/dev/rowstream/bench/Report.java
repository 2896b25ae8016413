package dev.rowstream.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The markdown tables of docs/benchmarks.md, computed from one run's results only: every figure and
 * every ratio below comes from a RESULT line printed above it.
 */
final class Report {
    private final List<Result> results;
    private final int batch;
    private final boolean quick;
    private final String heap;
    private PrintStream out;

    Report(List<Result> results, int batch, boolean quick, String heap) {
        this.results = results;
        this.batch = batch;
        this.quick = quick;
        this.heap = heap;
    }

    void print(PrintStream out) {
        this.out = out;
        out.println();
        out.println("=== REPORT (markdown, from the RESULT lines above) ===");
        out.println();
        throughput();
        mapping();
        offsetAgainstKeyset();
        export();
        fastPath();
        formats();
        memory();
        out.println("=== END REPORT ===");
    }

    /** Formats against CSV: same table, same run, each case a forked JVM. */
    private void formats() {
        Result csv = find(Db.POSTGRESQL, "export-csv", "orders_1m");
        if (csv == null) {
            return;
        }
        out.println("### Formats (PostgreSQL orders_1m, CURSOR read, batch " + batch + ", -Xmx" + heap
                + "; best of 2 passes; XLSX: orders_2m in -Xmx128m)");
        out.println();
        out.println("| case | rows | rows/s | / CSV | file MB | file / CSV | heap peak MB | live heap MB | RSS MB | JVM CPU s |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String kind : List.of("export-csv", "export-csv-gzip", "export-csv-zstd", "export-parquet-snappy",
                "export-parquet-zstd", "export-parquet-gzip", "export-parquet-none", "duckdb-csv-parquet", "export-xlsx")) {
            Result r = find(Db.POSTGRESQL, kind, kind.equals("export-xlsx") ? "orders_2m" : "orders_1m");
            if (r == null) {
                continue;
            }
            out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %.2f | %.1f | %.2f | %.1f | %.1f | %.1f | %.1f |%n", kind,
                    r.rows(), r.rowsPerSecond(), r.rowsPerSecond() / csv.rowsPerSecond(), r.number("file_bytes") / 1048576.0,
                    r.number("file_bytes") / csv.number("file_bytes"), r.number("heap_peak_mb"),
                    r.number("live_heap_mid_mb"), r.number("vmhwm_mb"), r.number("jvm_cpu_s"));
        }
        out.println();
    }

    private Result find(Db db, String kind, String table) {
        for (Result r : results) {
            if (r.db() == db && r.kind().equals(kind) && r.table().equals(table)) {
                return r;
            }
        }
        return null;
    }

    private List<Long> mainSizes() { return quick ? List.of(Bench.M) : List.of(Bench.M, 10 * Bench.M); }

    private List<Long> offsetSizes() { return quick ? List.of(Bench.M) : List.of(Bench.M, 2 * Bench.M); }

    private void throughput() {
        out.println("### Library against raw JDBC (rows/s, batch and fetch size " + batch + ", -Xmx" + heap
                + "; 1M and 2M rows: best of 3 passes)");
        out.println();
        out.println("| database | rows | strategy | raw JDBC rows/s | rowstream rows/s | rowstream / raw | target"
                + " | client JVM CPU s, raw / rowstream | GC ms, raw / rowstream | machine busy before, raw / rowstream |");
        out.println("|---|---:|---|---:|---:|---:|---|---:|---:|---:|");
        for (Db db : Db.values()) {
            for (long rows : mainSizes()) {
                for (String s : List.of("cursor", "keyset")) {
                    row(db, rows, s, "raw-" + s, "lib-" + s, 0.9);
                }
            }
            row(db, Bench.M, "keyset, no pool (`from(url)`)", "raw-keyset", "lib-keyset-url", Double.NaN);
            for (long rows : offsetSizes()) {
                row(db, rows, "offset", "raw-offset", "lib-offset", Double.NaN);
            }
        }
        out.println();
    }

    private void row(Db db, long rows, String label, String rawKind, String libKind, double target) {
        Result raw = find(db, rawKind, rows);
        Result lib = find(db, libKind, rows);
        if (raw == null && lib == null) {
            return;
        }
        String ratio = raw != null && lib != null ? ratio(lib.rowsPerSecond() / raw.rowsPerSecond()) : "n/a";
        String verdict = Double.isNaN(target) ? "-" : raw == null || lib == null ? "not measured"
                : lib.rowsPerSecond() / raw.rowsPerSecond() >= target ? "≥ " + target + ": met"
                : "≥ " + target + ": **missed**";
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s / %s | %s / %s | %s%% / %s%% |%n", db.label(),
                count(rows), label, rate(raw), rate(lib), ratio, verdict, field(raw, "jvm_cpu_s"), field(lib, "jvm_cpu_s"),
                field(raw, "gc_ms"), field(lib, "gc_ms"), field(raw, "busy_before_pct"), field(lib, "busy_before_pct"));
    }

    /** Rows into a user's record: raw JDBC typed getters, Row getters, a RowViewMapper (CURSOR, same run). */
    private void mapping() {
        out.println("### Into a record of the user's (CURSOR, 1M rows, batch " + batch + ", -Xmx" + heap
                + "; best of 3 passes)");
        out.println();
        out.println("| database | case | rows/s | / raw JDBC | bytes allocated per row | JVM CPU s | GC ms |");
        out.println("|---|---|---:|---:|---:|---:|---:|");
        for (Db db : Db.values()) {
            Result raw = find(db, "raw-cursor-mapped", Bench.M);
            for (String kind : List.of("raw-cursor-mapped", "lib-cursor-row-getters", "lib-cursor-mapped")) {
                Result r = find(db, kind, Bench.M);
                if (r == null) {
                    continue;
                }
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", db.label(), kind, rate(r),
                        raw == null ? "n/a" : ratio(r.rowsPerSecond() / raw.rowsPerSecond()),
                        field(r, "alloc_bytes_per_row"), field(r, "jvm_cpu_s"), field(r, "gc_ms"));
            }
        }
        out.println();
    }

    private void offsetAgainstKeyset() {
        out.println("### OFFSET against KEYSET (rowstream, rows/s)");
        out.println();
        out.println("| database | rows | KEYSET rows/s | OFFSET rows/s | KEYSET / OFFSET | KEYSET s | OFFSET s |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Db db : Db.values()) {
            for (long rows : offsetSizes()) {
                Result k = find(db, "lib-keyset", rows);
                Result o = find(db, "lib-offset", rows);
                if (k == null || o == null) {
                    continue;
                }
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f | %.1f |%n", db.label(), count(rows), rate(k),
                        rate(o), ratio(k.rowsPerSecond() / o.rowsPerSecond()), k.seconds(), o.seconds());
            }
        }
        out.println();
    }

    private void export() {
        out.println("### CSV export: `rowstream export --format csv` (JAVA_OPTS=-Xmx" + heap
                + ") against PostgreSQL COPY (second of two runs, wall clock of the process)");
        out.println();
        out.println("| rows | psql `\\copy` rows/s (s) | CopyManager in JVM rows/s | rowstream CLI rows/s (s)"
                + " | CLI / psql `\\copy` | target | CLI max RSS MB | CPU s (user+sys) psql / CLI | CSV bytes psql / CLI |");
        out.println("|---:|---:|---:|---:|---:|---|---:|---|---|");
        for (long rows : mainSizes()) {
            Result psql = find(Db.POSTGRESQL, "psql-copy", rows);
            Result cm = find(Db.POSTGRESQL, "copy", rows);
            Result cli = find(Db.POSTGRESQL, "cli-export", rows);
            if (psql == null && cli == null) {
                continue;
            }
            String r = psql != null && cli != null ? ratio(cli.rowsPerSecond() / psql.rowsPerSecond()) : "n/a";
            String verdict = psql == null || cli == null ? "not measured"
                    : cli.rowsPerSecond() / psql.rowsPerSecond() >= 0.5 ? "≥ 0.5: met" : "≥ 0.5: **missed**";
            out.printf(Locale.ROOT, "| %s | %s (%s) | %s | %s (%s) | %s | %s | %s | %s / %s | %s / %s |%n", count(rows),
                    rate(psql), secs(psql), rate(cm), rate(cli), secs(cli), r, verdict, field(cli, "maxrss_mb"),
                    field(psql, "cpu_s"), field(cli, "cpu_s"),
                    psql == null ? "-" : psql.text("file_bytes"), cli == null ? "-" : cli.text("file_bytes"));
        }
        out.println();
    }

    private void fastPath() {
        Result psql = find(Db.POSTGRESQL, "psql-copy-stdout", Bench.M);
        Result on = find(Db.POSTGRESQL, "cli-fastpath-auto", Bench.M);
        Result off = find(Db.POSTGRESQL, "cli-fastpath-off", Bench.M);
        if (psql == null || on == null || off == null) {
            return;
        }
        out.println("### COPY fast path: `rowstream export --format csv --strategy keyset --fast-path auto|off` (JAVA_OPTS=-Xmx"
                + heap + ") against `psql -c \"COPY t TO STDOUT (FORMAT csv)\" > file` (second of two runs, taking turns)");
        out.println();
        out.println("| rows | psql COPY rows/s (s) | --fast-path auto rows/s (s) | --fast-path off rows/s (s)"
                + " | auto / psql | off / psql | auto / off | CPU s psql / auto / off | max RSS MB auto / off |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---|---|");
        out.printf(Locale.ROOT, "| %s | %s (%s) | %s (%s) | %s (%s) | %s | %s | %s | %s / %s / %s | %s / %s |%n",
                count(Bench.M), rate(psql), secs(psql), rate(on), secs(on), rate(off), secs(off),
                ratio(on.rowsPerSecond() / psql.rowsPerSecond()), ratio(off.rowsPerSecond() / psql.rowsPerSecond()),
                ratio(on.rowsPerSecond() / off.rowsPerSecond()), field(psql, "cpu_s"), field(on, "cpu_s"),
                field(off, "cpu_s"), field(on, "maxrss_mb"), field(off, "maxrss_mb"));
        out.println();
    }

    private void memory() {
        out.println("### Memory of rowstream streaming (forked JVM, -Xmx" + heap + " -XX:+AlwaysPreTouch, reported pass)");
        out.println();
        long small = Bench.M;
        long big = quick ? Bench.M : 10 * Bench.M;
        out.println("| database | strategy | live heap near the end MB " + count(small) + " | " + count(big) + " | change"
                + " | VmHWM MB " + count(small) + " | " + count(big) + " | change"
                + " | sum of heap pools' peaks MB " + count(small) + " / " + count(big)
                + " | max heap after GC MB " + count(small) + " / " + count(big) + " | GCs " + count(small)
                + " / " + count(big) + " | target |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Db db : Db.values()) {
            for (String s : List.of("cursor", "keyset")) {
                Result a = find(db, "lib-" + s, small);
                Result b = find(db, "lib-" + s, big);
                if (a == null || b == null) {
                    continue;
                }
                double h1 = a.number("live_heap_mid_mb");
                double h2 = b.number("live_heap_mid_mb");
                double r1 = a.number("vmhwm_mb");
                double r2 = b.number("vmhwm_mb");
                double dh = (h2 - h1) / h1;
                double dr = (r2 - r1) / r1;
                boolean met = Math.abs(dh) <= 0.10 && Math.abs(dr) <= 0.10 && h1 <= 64 && h2 <= 64;
                out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s | %.1f | %.1f | %s | %s / %s | %s / %s | %s / %s | %s |%n",
                        db.label(), s, h1, h2, pct(dh), r1, r2, pct(dr), a.text("heap_peak_mb"), b.text("heap_peak_mb"),
                        a.text("heap_after_gc_max_mb"),
                        b.text("heap_after_gc_max_mb"), a.text("gc_count"), b.text("gc_count"),
                        met ? "live heap and VmHWM within 10%, ≤ 64 MB: met"
                                : "live heap and VmHWM within 10%, ≤ 64 MB: **missed**");
            }
        }
        out.println();
    }

    private Result find(Db db, String kind, long rows) {
        String table = Db.tableName(rows);
        for (Result r : results) {
            if (r.db() == db && r.kind().equals(kind) && r.table().equals(table)) {
                return r;
            }
        }
        return null;
    }

    private static String field(Result r, String name) {
        return r == null ? "-" : r.text(name);
    }

    private static String count(long rows) {
        return rows % Bench.M == 0 ? rows / Bench.M + "M" : String.valueOf(rows);
    }

    private static String rate(Result r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond());
    }

    private static String secs(Result r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.1f s", r.seconds());
    }

    private static String ratio(double x) {
        return String.format(Locale.ROOT, "%.2fx", x);
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%+.1f%%", x * 100);
    }
}
