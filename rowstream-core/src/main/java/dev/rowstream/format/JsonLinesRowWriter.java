package dev.rowstream.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.rowstream.Columns;
import dev.rowstream.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * JSON Lines: one object per row, keys in column order (duplicate labels kept as they are),
 * NULL as {@code null}, {@code \n} after each object. Jackson does the escaping.
 */
final class JsonLinesRowWriter extends BaseRowWriter {
    private static final JsonFactory FACTORY = JsonValues.FACTORY;

    private final JsonGenerator json;
    private SerializedString[] keys;

    JsonLinesRowWriter(Writer out) {
        try {
            this.json = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a JSON generator", e);
        }
    }

    /** Straight to bytes: Jackson encodes UTF-8 itself, with no Writer in between. */
    JsonLinesRowWriter(java.io.OutputStream out) {
        try {
            this.json = FACTORY.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a JSON generator", e);
        }
    }

    @Override
    protected void writeHeader(Columns columns) {
        // Pre-encoded once, so each row copies the escaped key instead of escaping it again.
        keys = new SerializedString[columns.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new SerializedString(columns.label(i));
        }
    }

    @Override
    protected void writeRow(Row row) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < keys.length; i++) {
            json.writeFieldName(keys[i]);
            JsonValues.write(json, row.get(i));
        }
        json.writeEndObject();
        // Through the generator, not the writer: the generator has its own buffer.
        json.writeRaw('\n');
    }

    @Override
    public void flush() throws IOException {
        json.flush();
    }

    @Override
    protected void finish() throws IOException {
        json.close(); // flushes to the target and releases the buffers; the target stays open
    }
}
