package dev.rowstream.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rowstream.Columns;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Any strings, NULLs included, read back the same from both formats. */
class RoundTripTest {
    @Property(tries = 300)
    void csvReadsBackTheSameFields(@ForAll("fields") List<String> fields) throws IOException {
        Columns columns = columns(fields.size());
        String text = Rows.write(Format.CSV, columns, fields.toArray());
        String body = text.substring(text.indexOf('\n') + 1);
        assertThat(parseCsvRecord(body, fields.size())).containsExactlyElementsOf(fields);
    }

    @Property(tries = 300)
    void jsonReadsBackTheSameValues(@ForAll("fields") List<String> fields) throws IOException {
        String text = Rows.write(Format.JSONL, columns(fields.size()), fields.toArray());
        assertThat(text).endsWith("\n");
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1); // raw newlines are all escaped
        List<String> read = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                read.add(parser.nextToken() == JsonToken.VALUE_NULL ? null : parser.getText());
            }
        }
        assertThat(read).containsExactlyElementsOf(fields);
    }

    @Provide
    Arbitrary<List<String>> fields() {
        Arbitrary<String> tricky = Arbitraries.strings()
                .withChars(",\"\r\n \t\\a\u0000\u001f")
                .withCharRange('\u00e0', '\u00ff')
                .withChars("😀") // picked a char at a time: lone surrogate halves, passed through as is
                .ofMaxLength(8);
        return tricky.injectNull(0.2).list().ofMinSize(1).ofMaxSize(5);
    }

    private static Columns columns(int size) {
        String[] labels = new String[size];
        Arrays.setAll(labels, i -> "c" + i);
        return Rows.columns(labels);
    }

    /** A strict RFC 4180 reader of one record: an unquoted empty field is NULL. */
    private static List<String> parseCsvRecord(String text, int expectedFields) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (true) {
            if (text.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                i++;
                while (true) {
                    char c = text.charAt(i++);
                    if (c == '"' && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        break;
                    } else {
                        field.append(c);
                    }
                }
                fields.add(field.toString());
            } else {
                int end = i;
                while (text.charAt(end) != ',' && text.charAt(end) != '\n') {
                    assertThat(text.charAt(end)).isNotIn('"', '\r');
                    end++;
                }
                fields.add(end == i ? null : text.substring(i, end));
                i = end;
            }
            char separator = text.charAt(i++);
            if (separator == '\n') {
                assertThat(i).isEqualTo(text.length());
                assertThat(fields).hasSize(expectedFields);
                return fields;
            }
            assertThat(separator).isEqualTo(',');
        }
    }
}
