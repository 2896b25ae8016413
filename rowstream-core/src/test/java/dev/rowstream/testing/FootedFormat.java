package dev.rowstream.testing;

import dev.rowstream.Columns;
import dev.rowstream.Row;
import dev.rowstream.format.Format;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.RowWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A format for tests that, like Parquet or XLSX, cannot be appended to: CSV rows and then a footer,
 * {@code # end: 3 rows}, written by {@link RowWriter#close()}. A file without its footer, or with another
 * count, was cut short; sinks must commit such files whole. Not for stdout. The CLI's tests register it
 * (META-INF/services), as a module registers its formats; core tests pass it to a sink themselves.
 */
public class FootedFormat implements Format {
    @Override
    public String name() { return "footed"; }

    @Override
    public List<String> extensions() { return List.of(".footed"); }

    @Override
    public String mediaType() { return "text/plain"; }

    @Override
    public boolean appendable() { return false; }

    @Override
    public boolean suitsStdout() { return false; }

    @Override
    public RowWriter writer(OutputStream out, FormatOptions options) {
        check(options);
        RowWriter csv = Format.CSV.writer(out, FormatOptions.NONE);
        return new RowWriter() {
            private long rows;
            private boolean closed;

            @Override
            public void begin(Columns columns) throws IOException {
                csv.begin(columns);
            }

            @Override
            public void write(Row row) throws IOException {
                csv.write(row);
                rows++;
            }

            @Override
            public void flush() throws IOException {
                csv.flush();
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    csv.close();
                    out.write(footer(rows).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        };
    }

    /** The last line of a complete file of {@code rows} rows. */
    public static String footer(long rows) {
        return "# end: " + rows + " rows\n";
    }

    @Override
    public String toString() { return name(); }
}
