package dev.rowstream.bench;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.format.Compression;
import dev.rowstream.format.Compressions;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.Formats;
import dev.rowstream.format.RowWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The export cases of {@link Case}: a CURSOR read of the table written with a format, the way the CLI's export
 * will (a RowWriter over the file, compressed by a {@link Compression} for CSV), until the pipeline's export
 * command takes formats; and DuckDB turning our CSV into Parquet, the baseline for the Parquet writer.
 *
 * <p>Kinds: {@code export-csv}, {@code export-csv-gzip}, {@code export-csv-zstd},
 * {@code export-parquet-<snappy|zstd|gzip|none>}, {@code export-xlsx}; and {@code duckdb-csv-parquet}.
 */
final class Exports {
    private static long fileBytes = -1;

    private Exports() {
    }

    /** The size of the file the last export wrote (then deleted), or -1. */
    static long takeFileBytes() {
        long b = fileBytes;
        fileBytes = -1;
        return b;
    }

    /** Rows, id sum and non-null values written. */
    static long[] export(DataSource ds, String kind, String table, long limit, int batch, Path out) throws IOException {
        return export(ds, kind, table, limit, batch, out, false);
    }

    /** As above; {@code keep}: leave the file (rowstream-bench-export.FORMAT) in place. */
    static long[] export(DataSource ds, String kind, String table, long limit, int batch, Path out, boolean keep)
            throws IOException {
        String[] k = kind.split("-");
        String format = k[1];
        String codec = k.length > 2 ? k[2] : "none";
        Compression compression = format.equals("csv") ? Compressions.named(codec) : Compression.NONE;
        FormatOptions options = switch (format) {
            case "parquet" -> FormatOptions.NONE.with("compression", codec);
            case "xlsx" -> FormatOptions.NONE.with("temp-dir", out.toAbsolutePath().getParent().toString())
                    .with("sheet", table);
            default -> FormatOptions.NONE;
        };
        Path file = out.resolveSibling("rowstream-bench-export." + format + compression.extension());
        var builder = RowStreams.from(ds).table(table).key("id").strategy(Strategy.CURSOR).batchSize(batch);
        if (limit > 0) {
            builder.where("id <= ?", limit);
        }
        long rows = 0;
        long idSum = 0;
        long nonNull = 0;
        try (RowStream<Row> stream = builder.open();
             OutputStream os = compression.open(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
             RowWriter writer = Formats.named(format).writer(os, options)) {
            boolean begun = false;
            for (Row row : stream) {
                if (!begun) {
                    writer.begin(row.columns());
                    begun = true;
                }
                writer.write(row);
                rows++;
                Case.Probe.tick(rows);
                idSum += ((Number) row.get(0)).longValue();
                for (int i = 0, n = row.size(); i < n; i++) {
                    if (row.get(i) != null) {
                        nonNull++;
                    }
                }
            }
        }
        fileBytes = Files.size(file);
        if (!keep) {
            Files.delete(file);
        }
        return new long[] {rows, idSum, nonNull};
    }

    /**
     * DuckDB reads a CSV of the table that rowstream wrote (made once, untimed, on the first call: the warm-up) and
     * writes it as snappy Parquet: {@code COPY (SELECT * FROM read_csv(...)) TO ... (FORMAT parquet)}, in this JVM
     * (DuckDB's memory is native: compare RSS, not heap). The id sum is read back from the Parquet file.
     */
    static long[] duckDbCsvToParquet(DataSource ds, String table, int batch, Path out) throws Exception {
        Path csv = out.resolveSibling("rowstream-bench-duckdb-" + table + ".csv");
        if (!Files.exists(csv)) {
            export(ds, "export-csv", table, 0, batch, out, true);
            Files.move(out.resolveSibling("rowstream-bench-export.csv"), csv);
        }
        Path parquet = out.resolveSibling("rowstream-bench-duckdb.parquet");
        Files.deleteIfExists(parquet);
        long rows;
        long idSum;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = 2"); // the machine's cores
            // A COPY returns no result set through DuckDB's JDBC driver: the rows are counted in the file it wrote.
            s.executeUpdate("COPY (SELECT * FROM read_csv('" + csv + "', header = true))"
                    + " TO '" + parquet + "' (FORMAT parquet, COMPRESSION snappy)");
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(id) FROM read_parquet('" + parquet + "')")) {
                rs.next();
                rows = rs.getLong(1);
                idSum = rs.getLong(2);
            }
        }
        fileBytes = Files.size(parquet);
        Files.delete(parquet);
        return new long[] {rows, idSum, 0};
    }
}
