package dev.rowstream.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.keyset.KeyColumn.Nulls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeySpecTest {

    @Test
    void parsesDirectionsAndNullPositions() {
        KeySpec k = KeySpec.parse(" a , b desc,c ASC NULLS first, d DESC nulls LAST ");
        assertThat(k.columns()).containsExactly(
                new KeyColumn("a", false, false, Nulls.DEFAULT),
                new KeyColumn("b", false, true, Nulls.DEFAULT),
                new KeyColumn("c", false, false, Nulls.FIRST),
                new KeyColumn("d", false, true, Nulls.LAST));
    }

    @Test
    void parsesQuotedIdentifiersWithSpacesAndQuotes() {
        KeySpec k = KeySpec.parse("\"Order Date\" DESC, `x``y`, \"a\"\"b\"");
        assertThat(k.columns()).extracting(KeyColumn::name).containsExactly("Order Date", "x`y", "a\"b");
        assertThat(k.columns()).allMatch(KeyColumn::quoted);
        assertThat(k.columns().get(0).descending()).isTrue();
    }

    @Test
    void printsBackInTheSameSyntax() {
        assertThat(KeySpec.parse("a, \"Order Date\" desc nulls last").toString())
                .isEqualTo("a ASC, \"Order Date\" DESC NULLS LAST");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "id; DROP TABLE orders",
        "id) OR 1=1 --",
        "id, (select 1)",
        "id ASC DESC",
        "id NULLS",
        "id NULLS MIDDLE",
        "\"unclosed",
        "id,",
        "",
        "   ",
        "a b",
        "1abc",
        "\"\"",
    })
    void rejectsAnythingButKeyColumns(String text) {
        assertThatThrownBy(() -> KeySpec.parse(text))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("key");
    }

    @Test
    void namesTheProblem() {
        assertThatThrownBy(() -> KeySpec.parse("id; DROP TABLE orders"))
                .hasMessage("bad key 'id; DROP TABLE orders': unexpected '; DROP TABLE orders'; write it as"
                        + " \"col [ASC|DESC] [NULLS FIRST|NULLS LAST], ...\"");
    }
}
