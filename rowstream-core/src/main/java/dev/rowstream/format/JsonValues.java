package dev.rowstream.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;

/** A value as JSON Lines output writes it: numbers as plain numbers, booleans, null, the rest as text. */
public final class JsonValues {
    // The target belongs to the caller, and the line end is ours: Jackson would put a space
    // between root values and close the writer with the generator.
    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .rootValueSeparator((SerializableString) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            // Writing bytes, Jackson would escape a character outside the BMP (an emoji) as two \\u escapes;
            // a Writer gets it as it is. The same text either way, so outputs compare byte for byte.
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private JsonValues() {
    }

    /** A generator that writes JSON Lines to {@code out} in UTF-8 (each line's {@code \n} is the caller's). */
    public static JsonGenerator lines(java.io.OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8);
    }

    /** Writes {@code value} as a JSON Lines row writes a column value. */
    public static void write(JsonGenerator json, Object value) throws IOException {
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
}
