package dev.rowstream.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rowstream.Columns;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static dev.rowstream.format.Rows.columns;
import static dev.rowstream.format.Rows.single;
import static dev.rowstream.format.Rows.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesRowWriterTest {
    private static final TextFormat JSONL = Format.JSONL;

    @Test
    void writesOneObjectPerLineWithKeysInColumnOrder() throws IOException {
        Columns columns = columns("z", "a", "m");
        assertThat(write(JSONL, columns, new Object[] {1, "x", null}, new Object[] {2, "y", true}))
                .isEqualTo("{\"z\":1,\"a\":\"x\",\"m\":null}\n{\"z\":2,\"a\":\"y\",\"m\":true}\n");
    }

    @Test
    void noRowsWritesNothing() throws IOException {
        assertThat(write(JSONL, columns("a"))).isEmpty();
    }

    @Test
    void duplicateLabelsAreKept() throws IOException {
        assertThat(write(JSONL, columns("a", "a", "A"), new Object[] {1, 2, 3}))
                .isEqualTo("{\"a\":1,\"a\":2,\"A\":3}\n");
    }

    @Test
    void labelsAreEscapedLikeValues() throws IOException {
        assertThat(write(JSONL, columns("say \"k\"", "a\\b", "😀"), new Object[] {1, 2, 3}))
                .isEqualTo("{\"say \\\"k\\\"\":1,\"a\\\\b\":2,\"😀\":3}\n");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() throws IOException {
        assertThat(single(JSONL, "say \"hi\"")).isEqualTo("{\"v\":\"say \\\"hi\\\"\"}");
        assertThat(single(JSONL, "C:\\dir")).isEqualTo("{\"v\":\"C:\\\\dir\"}");
        assertThat(single(JSONL, "a\nb\rc\td")).isEqualTo("{\"v\":\"a\\nb\\rc\\td\"}");
        assertThat(single(JSONL, "\u0000\u0001\u001f\b\f")).isEqualTo("{\"v\":\"\\u0000\\u0001\\u001F\\b\\f\"}");
    }

    @Test
    void leavesUnicodeAndSlashesAsTheyAre() throws IOException {
        assertThat(single(JSONL, "héllo 日本 😀👍🏽 a/b")).isEqualTo("{\"v\":\"héllo 日本 😀👍🏽 a/b\"}");
        assertThat(single(JSONL, "")).isEqualTo("{\"v\":\"\"}");
    }

    @Test
    void numbersArePlainJsonNumbers() throws IOException {
        assertThat(single(JSONL, 42)).isEqualTo("{\"v\":42}");
        assertThat(single(JSONL, Long.MIN_VALUE)).isEqualTo("{\"v\":-9223372036854775808}");
        assertThat(single(JSONL, (short) 7)).isEqualTo("{\"v\":7}");
        assertThat(single(JSONL, (byte) -8)).isEqualTo("{\"v\":-8}");
        assertThat(single(JSONL, BigInteger.TEN.pow(30))).isEqualTo("{\"v\":1" + "0".repeat(30) + "}");
        assertThat(single(JSONL, new BigDecimal("0.10"))).isEqualTo("{\"v\":0.10}");
        assertThat(single(JSONL, new BigDecimal("1E+3"))).isEqualTo("{\"v\":1000}");
        assertThat(single(JSONL, new BigDecimal("0E+3"))).isEqualTo("{\"v\":0}");
        assertThat(single(JSONL, 1e20)).isEqualTo("{\"v\":100000000000000000000}");
        assertThat(single(JSONL, 0.1)).isEqualTo("{\"v\":0.1}");
        assertThat(single(JSONL, -0.0)).isEqualTo("{\"v\":-0.0}"); // keeps its sign (was 0.0: the bug of issue 14)
        assertThat(single(JSONL, 1e-7)).isEqualTo("{\"v\":0.00000010}");
        assertThat(single(JSONL, 0.1f)).isEqualTo("{\"v\":0.1}");
    }

    @Test
    void nonFiniteNumbersAreStrings() throws IOException {
        assertThat(single(JSONL, Double.NaN)).isEqualTo("{\"v\":\"NaN\"}");
        assertThat(single(JSONL, Double.POSITIVE_INFINITY)).isEqualTo("{\"v\":\"Infinity\"}");
        assertThat(single(JSONL, Double.NEGATIVE_INFINITY)).isEqualTo("{\"v\":\"-Infinity\"}");
        assertThat(single(JSONL, Float.NaN)).isEqualTo("{\"v\":\"NaN\"}");
    }

    @Test
    void booleansAreJsonBooleansAndTheRestAreStrings() throws IOException {
        assertThat(single(JSONL, true)).isEqualTo("{\"v\":true}");
        assertThat(single(JSONL, false)).isEqualTo("{\"v\":false}");
        assertThat(single(JSONL, "true")).isEqualTo("{\"v\":\"true\"}");
        assertThat(single(JSONL, "42")).isEqualTo("{\"v\":\"42\"}");
        assertThat(single(JSONL, LocalDate.of(1969, 12, 31))).isEqualTo("{\"v\":\"1969-12-31\"}");
        assertThat(single(JSONL, LocalTime.of(10, 15))).isEqualTo("{\"v\":\"10:15:00\"}");
        assertThat(single(JSONL, LocalDateTime.of(2040, 1, 1, 0, 0, 0, 1_000)))
                .isEqualTo("{\"v\":\"2040-01-01T00:00:00.000001\"}");
        assertThat(single(JSONL, OffsetDateTime.of(2024, 1, 31, 15, 45, 30, 0, ZoneOffset.ofHoursMinutes(5, 30))))
                .isEqualTo("{\"v\":\"2024-01-31T10:15:30Z\"}");
        assertThat(single(JSONL, Instant.ofEpochMilli(-500))).isEqualTo("{\"v\":\"1969-12-31T23:59:59.5Z\"}");
        assertThat(single(JSONL, new byte[] {0, 1, 2, (byte) 0xff})).isEqualTo("{\"v\":\"AAEC/w==\"}");
        assertThat(single(JSONL, UUID.fromString("123E4567-E89B-12D3-A456-426614174000")))
                .isEqualTo("{\"v\":\"123e4567-e89b-12d3-a456-426614174000\"}");
    }

    @Test
    void everyLineIsValidJson() throws IOException {
        Columns columns = columns("s", "n", "d", "b", "z");
        String text = write(JSONL, columns,
                new Object[] {"\u0000\"\\\n😀", new BigDecimal("-1.5E-10"), 1e300, true, null},
                new Object[] {"", Double.NaN, Double.MIN_VALUE, false, new byte[0]});
        String[] lines = text.split("\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[2]).isEmpty();
        try (JsonParser parser = new JsonFactory().createParser(lines[0])) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(parser.nextFieldName()).isEqualTo("s");
            assertThat(parser.nextTextValue()).isEqualTo("\u0000\"\\\n😀");
            assertThat(parser.nextFieldName()).isEqualTo("n");
            parser.nextToken();
            assertThat(parser.getDecimalValue()).isEqualByComparingTo("-0.00000000015");
            assertThat(parser.nextFieldName()).isEqualTo("d");
            parser.nextToken();
            assertThat(parser.getDoubleValue()).isEqualTo(1e300);
        }
        try (JsonParser parser = new JsonFactory().createParser(lines[1])) {
            while (parser.nextToken() != null) {
                // reads to the end without a syntax error
            }
        }
    }

    @Test
    void closeFlushesButLeavesTheTargetOpen() throws IOException {
        Rows.TrackingWriter target = new Rows.TrackingWriter();
        Columns columns = columns("a");
        RowWriter writer = JSONL.writer(target);
        writer.begin(columns);
        writer.write(Rows.row(columns, 1));
        writer.flush();
        assertThat(target.toString()).isEqualTo("{\"a\":1}\n");
        writer.write(Rows.row(columns, 2));
        writer.close();
        writer.close();
        assertThat(target.toString()).isEqualTo("{\"a\":1}\n{\"a\":2}\n");
        assertThat(target.closed).isFalse();
    }

    @Test
    void misuseFailsClearly() throws IOException {
        Columns two = columns("a", "b");
        RowWriter writer = JSONL.writer(new java.io.StringWriter());
        assertThatThrownBy(() -> writer.write(Rows.row(two, 1, 2))).isInstanceOf(IllegalStateException.class);
        writer.begin(two);
        assertThatThrownBy(() -> writer.write(Rows.row(columns("a"), 1))).isInstanceOf(IllegalArgumentException.class);
        writer.close();
        assertThatThrownBy(() -> writer.write(Rows.row(two, 1, 2))).isInstanceOf(IllegalStateException.class);
    }
}
