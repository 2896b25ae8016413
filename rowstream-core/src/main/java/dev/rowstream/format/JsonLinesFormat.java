package dev.rowstream.format;

import java.io.OutputStream;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/** {@link Format#JSONL}: see {@link JsonLinesRowWriter}. UTF-8. */
final class JsonLinesFormat implements TextFormat {
    @Override
    public String name() { return "jsonl"; }

    @Override
    public List<String> extensions() { return List.of(".jsonl", ".ndjson"); }

    @Override
    public String mediaType() { return "application/x-ndjson"; }

    @Override
    public boolean appendable() { return true; }

    @Override
    public boolean suitsStdout() { return true; }

    @Override
    public RowWriter writer(OutputStream out, FormatOptions options) {
        check(options);
        return new JsonLinesRowWriter(Objects.requireNonNull(out, "out"));
    }

    @Override
    public RowWriter writer(Writer out) {
        return new JsonLinesRowWriter(Objects.requireNonNull(out, "out"));
    }

    @Override
    public String toString() { return name(); }
}
