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
        assertThat(Format.parse(name)).isEqualTo(Format.CSV);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonl", "JSONL", "JsonL"})
    void parsesJsonLinesIgnoringCase(String name) {
        assertThat(Format.parse(name)).isEqualTo(Format.JSONL);
    }

    @Test
    void unknownNameSaysWhatIsAllowed() {
        assertThatThrownBy(() -> Format.parse("xml"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("unknown format 'xml': use csv or jsonl");
    }

    @Test
    void missingNameIsAnInvalidSpec() {
        assertThatThrownBy(() -> Format.parse(null)).isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> Format.parse(" ")).isInstanceOf(InvalidSpecException.class)
                .hasMessage("no format given: use csv or jsonl");
    }

    @Test
    void eachFormatMakesItsOwnWriter() throws Exception {
        var columns = Rows.columns("a");
        assertThat(Rows.write(Format.CSV, columns, new Object[] {1})).isEqualTo("a\n1\n");
        assertThat(Rows.write(Format.JSONL, columns, new Object[] {1})).isEqualTo("{\"a\":1}\n");
    }
}
