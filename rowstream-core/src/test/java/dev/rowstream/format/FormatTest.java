package dev.rowstream.format;

import dev.rowstream.InvalidSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatTest {
    @ParameterizedTest
    @ValueSource(strings = {"csv", "CSV", "Csv", " csv "})
    void parsesCsvIgnoringCase(String name) {
        assertThat(Formats.named(name)).isEqualTo(Format.CSV);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonl", "JSONL", "JsonL"})
    void parsesJsonLinesIgnoringCase(String name) {
        assertThat(Formats.named(name)).isEqualTo(Format.JSONL);
    }

    @Test
    void unknownNameSaysWhatIsAllowed() {
        assertThatThrownBy(() -> Formats.named("xml"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("unknown format 'xml': use csv or jsonl");
    }

    @Test
    void missingNameIsAnInvalidSpec() {
        assertThatThrownBy(() -> Formats.named(null)).isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> Formats.named(" ")).isInstanceOf(InvalidSpecException.class)
                .hasMessage("no format given: use csv or jsonl");
    }

    @Test
    void eachFormatMakesItsOwnWriter() throws Exception {
        var columns = Rows.columns("a");
        assertThat(Rows.write(Format.CSV, columns, new Object[] {1})).isEqualTo("a\n1\n");
        assertThat(Rows.write(Format.JSONL, columns, new Object[] {1})).isEqualTo("{\"a\":1}\n");
    }

    @Test
    void theFileNameChoosesTheFormatPastACompressionEnding() {
        assertThat(Formats.forFileName("orders.csv")).contains(Format.CSV);
        assertThat(Formats.forFileName("/tmp/Orders.JSONL.gz")).contains(Format.JSONL);
        assertThat(Formats.forFileName("orders.ndjson")).contains(Format.JSONL);
        assertThat(Formats.forFileName("orders.txt")).isEmpty();
    }

    @Test
    void formatsTakeOnlyTheirOwnOptions() {
        FormatOptions bad = FormatOptions.of(java.util.Map.of("Sheet", "x"));
        assertThatThrownBy(() -> Format.CSV.check(bad)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("format csv has no option sheet: it takes none");
        assertThatThrownBy(() -> Format.CSV.writer(new java.io.ByteArrayOutputStream(), bad))
                .isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void optionsAreReadWithTheirRanges() {
        FormatOptions o = FormatOptions.of(java.util.Map.of("row-group-mb", "0", "codec", "Zstd", "strings", "yes"));
        assertThatThrownBy(() -> o.number("row-group-mb", 8, 1, 1024)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("format option row-group-mb=0 is out of range: use 1 to 1024");
        assertThat(o.choice("codec", "snappy", "snappy", "zstd", "gzip", "none")).isEqualTo("zstd");
        assertThat(o.flag("strings", false)).isTrue();
        assertThat(o.number("missing", 8, 1, 1024)).isEqualTo(8);
    }

    @Test
    void bytesAndTextWritersAgree() throws Exception {
        var columns = Rows.columns("a", "b");
        for (TextFormat f : new TextFormat[] {Format.CSV, Format.JSONL}) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (RowWriter w = f.writer(bytes, FormatOptions.NONE)) {
                w.begin(columns);
                w.write(new dev.rowstream.Row(columns, new Object[] {"é😀,\"q\"", null}));
            }
            assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(Rows.write(f, columns, new Object[] {"é😀,\"q\"", null}));
        }
    }
}
