package dev.rowstream.format;

import dev.rowstream.Columns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static dev.rowstream.format.Rows.columns;
import static dev.rowstream.format.Rows.single;
import static dev.rowstream.format.Rows.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRowWriterTest {
    private static final TextFormat CSV = Format.CSV;

    @Test
    void writesHeaderThenRowsWithLfLineEnds() throws IOException {
        Columns columns = columns("id", "name");
        assertThat(write(CSV, columns, new Object[] {1, "ann"}, new Object[] {2, "bob"}))
                .isEqualTo("id,name\n1,ann\n2,bob\n");
    }

    @Test
    void headerLabelsAreQuotedByTheSameRule() throws IOException {
        Columns columns = columns("plain", "a,b", "say \"x\"", "two\nlines", "", " spaced ");
        assertThat(write(CSV, columns))
                .isEqualTo("plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\"\", spaced \n");
    }

    @Test
    void noRowsStillWritesTheHeader() throws IOException {
        assertThat(write(CSV, columns("a", "b"))).isEqualTo("a,b\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "plain            | plain",
            "a,b              | \"a,b\"",
            "',leading'       | \",leading\"",
            "'trailing,'      | \"trailing,\"",
            "say \"hi\"       | \"say \"\"hi\"\"\"",
            "\"               | \"\"\"\"",
            "\"\"             | \"\"\"\"\"\"",
            "' a b '          | ' a b '",
            "tab\there        | tab\there",
            "semi;colon       | semi;colon",
            "héllo wörld      | héllo wörld",
            "日本語           | 日本語",
            "emoji 😀         | emoji 😀",
            "'😀,👍🏽'          | \"😀,👍🏽\"",
            "back\\slash      | back\\slash",
    })
    void quotesOnlyCommaQuoteCrAndLf(String value, String expected) throws IOException {
        assertThat(single(CSV, value)).isEqualTo(expected);
    }

    @Test
    void lineBreaksInsideAFieldAreQuotedAndKept() throws IOException {
        assertThat(single(CSV, "a\nb")).isEqualTo("\"a\nb\"");
        assertThat(single(CSV, "a\rb")).isEqualTo("\"a\rb\"");
        assertThat(single(CSV, "a\r\nb")).isEqualTo("\"a\r\nb\"");
        assertThat(single(CSV, "\n")).isEqualTo("\"\n\"");
    }

    @Test
    void nullIsAnEmptyFieldAndTheEmptyStringIsQuoted() throws IOException {
        Columns columns = columns("a", "b", "c", "d");
        assertThat(write(CSV, columns, new Object[] {null, "", null, null}))
                .isEqualTo("a,b,c,d\n,\"\",,\n");
        assertThat(write(CSV, columns("only"), new Object[] {null}, new Object[] {""}))
                .isEqualTo("only\n\n\"\"\n");
    }

    @Test
    void emptyBytesAreAnEmptyStringNotNull() throws IOException {
        assertThat(single(CSV, new byte[0])).isEqualTo("\"\"");
        assertThat(single(CSV, new byte[] {(byte) 0xfb, (byte) 0xff})).isEqualTo("+/8=");
    }

    @Test
    void numbersAreExactAndPlain() throws IOException {
        Columns columns = columns("i", "l", "d", "big", "e", "nan", "inf", "ninf", "f");
        assertThat(write(CSV, columns, new Object[] {7, -9_000_000_000L, 1e20, new BigDecimal("0.10"),
                new BigDecimal("1E+3"), Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1f}))
                .endsWith("\n7,-9000000000,100000000000000000000,0.10,1000,NaN,Infinity,-Infinity,0.1\n");
    }

    @Test
    void otherTypesUseTheSharedText() throws IOException {
        Columns columns = columns("b", "d", "ts", "tz", "u");
        assertThat(write(CSV, columns, new Object[] {true, LocalDate.of(1969, 12, 31),
                LocalDateTime.of(2040, 2, 29, 10, 15), OffsetDateTime.of(2024, 1, 31, 15, 45, 30, 500_000_000,
                        ZoneOffset.ofHoursMinutes(5, 30)), UUID.fromString("00000000-0000-0000-0000-00000000000A")}))
                .endsWith("\ntrue,1969-12-31,2040-02-29T10:15:00,2024-01-31T10:15:30.5Z,"
                        + "00000000-0000-0000-0000-00000000000a\n");
    }

    @Test
    void closeFlushesButLeavesTheTargetOpen() throws IOException {
        Rows.TrackingWriter target = new Rows.TrackingWriter();
        RowWriter writer = CSV.writer(target);
        writer.begin(columns("a"));
        writer.write(Rows.row(columns("a"), "x"));
        writer.close();
        writer.close();
        assertThat(target.toString()).isEqualTo("a\nx\n");
        assertThat(target.closed).isFalse();
    }

    @Test
    void flushPushesRowsToTheTarget() throws IOException {
        StringBuilderWriter target = new StringBuilderWriter();
        RowWriter writer = CSV.writer(target);
        writer.begin(columns("a"));
        writer.write(Rows.row(columns("a"), 1));
        writer.flush();
        assertThat(target.toString()).isEqualTo("a\n1\n");
        assertThat(target.flushes).isPositive();
    }

    @Test
    void rowsPassThroughRatherThanPilingUp() throws IOException {
        StringBuilderWriter target = new StringBuilderWriter();
        Columns columns = columns("a", "b");
        RowWriter writer = CSV.writer(target);
        writer.begin(columns);
        int written = 0;
        for (int i = 0; i < 100_000; i++) {
            writer.write(Rows.row(columns, i, "some text"));
            written += Integer.toString(i).length() + ",some text\n".length();
        }
        // Only a writer buffer's worth may be held back.
        assertThat(target.toString().length()).isGreaterThan(written - 16_384);
        writer.close();
    }

    /** An unbuffered target that counts flushes. */
    static final class StringBuilderWriter extends java.io.Writer {
        private final StringBuilder text = new StringBuilder();
        int flushes;

        @Override
        public void write(char[] buf, int off, int len) { text.append(buf, off, len); }

        @Override
        public void flush() { flushes++; }

        @Override
        public void close() {}

        @Override
        public String toString() { return text.toString(); }
    }

    @Test
    void misuseFailsClearly() throws IOException {
        Columns two = columns("a", "b");
        RowWriter writer = CSV.writer(new java.io.StringWriter());
        assertThatThrownBy(() -> writer.write(Rows.row(two, 1, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("begin(columns)");
        writer.begin(two);
        assertThatThrownBy(() -> writer.begin(two)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> writer.write(Rows.row(columns("a"), 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row has 1 values, but begin(columns) gave 2 columns");
        writer.close();
        assertThatThrownBy(() -> writer.write(Rows.row(two, 1, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessage("this row writer is closed");
    }
}
