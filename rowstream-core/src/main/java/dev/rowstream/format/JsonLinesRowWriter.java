package dev.rowstream.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
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
    // The target belongs to the caller, and the line end is ours: Jackson would put a space
    // between root values and close the writer with the generator.
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .rootValueSeparator((SerializableString) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            // Writing bytes, Jackson would escape a character outside the BMP (an emoji) as two \\u escapes;
            // a Writer gets it as it is. The same text either way, so outputs compare byte for byte.
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

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
            value(row.get(i));
        }
        json.writeEndObject();
        // Through the generator, not the writer: the generator has its own buffer.
        json.writeRaw('\n');
    }

    private void value(Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean) {
            json.writeBoolean((Boolean) value);
        } else if (ValueText.isJsonNumber(value)) {
            // Raw plain text: writeNumber(double) or (BigDecimal) could print an exponent.
            json.writeNumber(ValueText.of(value));
        } else {
            json.writeString(ValueText.of(value));
        }
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
