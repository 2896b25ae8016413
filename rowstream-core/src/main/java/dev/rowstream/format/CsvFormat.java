package dev.rowstream.format;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** {@link Format#CSV}: see {@link CsvRowWriter}. UTF-8, no byte order mark. */
final class CsvFormat implements TextFormat {
    @Override
    public String name() { return "csv"; }

    @Override
    public List<String> extensions() { return List.of(".csv"); }

    @Override
    public String mediaType() { return "text/csv; charset=utf-8"; }

    @Override
    public boolean appendable() { return true; }

    @Override
    public boolean suitsStdout() { return true; }

    @Override
    public RowWriter writer(OutputStream out, FormatOptions options) {
        check(options);
        return new CsvRowWriter(new BufferedWriter(new OutputStreamWriter(Objects.requireNonNull(out, "out"),
                StandardCharsets.UTF_8), 1 << 16));
    }

    @Override
    public RowWriter writer(Writer out) {
        return new CsvRowWriter(Objects.requireNonNull(out, "out"));
    }

    @Override
    public String toString() { return name(); }
}
