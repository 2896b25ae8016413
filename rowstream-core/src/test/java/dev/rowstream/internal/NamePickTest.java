package dev.rowstream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.dialect.H2Dialect;
import dev.rowstream.dialect.MariaDbDialect;
import dev.rowstream.dialect.PostgresDialect;
import dev.rowstream.dialect.SqliteDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each database's rule for names over candidate lists the servers cannot all hold (the contract tests read real
 * tables): column names, which need no connection to resolve.
 */
class NamePickTest {
    private static String pick(dev.rowstream.dialect.Dialect d, List<String> names, String name, boolean quoted)
            throws Exception {
        return Schema.pick(null, names, new Names.Part(name, quoted), d, false, "column");
    }

    @Test
    void foldingThenExactly() throws Exception {
        assertThat(pick(new PostgresDialect(), List.of("ADV_UP", "adv_up"), "ADV_UP", false)).isEqualTo("adv_up");
        assertThat(pick(new PostgresDialect(), List.of("ADV_UP", "adv_up"), "ADV_UP", true)).isEqualTo("ADV_UP");
        assertThat(pick(new H2Dialect(), List.of("ADV_UP", "adv_up"), "adv_up", false)).isEqualTo("ADV_UP");
        assertThat(pick(new PostgresDialect(), List.of("id"), "nope", false)).isNull();
    }

    @Test
    void onlyACaseVariantIsRefusedNamingIt() throws Exception {
        assertThatThrownBy(() -> pick(new PostgresDialect(), List.of("ADV_UP"), "ADV_UP", false))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("unknown column 'ADV_UP': by postgresql's rules an unquoted name means none of \"ADV_UP\","
                        + " which differ from it only in case; to mean one, give it exactly as written there, in double"
                        + " quotes");
        // SQLite folds ASCII only: É is not é.
        assertThat(pick(new SqliteDialect(), List.of("abc"), "ABC", true)).isEqualTo("abc");
        assertThatThrownBy(() -> pick(new SqliteDialect(), List.of("é"), "É", false))
                .hasMessageContaining("\"é\"");
    }

    @Test
    void aNameThatMeansSeveralIsAmbiguous() {
        // MariaDB compares column names in any case; a result can carry labels that differ only in case.
        assertThatThrownBy(() -> pick(new MariaDbDialect(), List.of("total", "TOTAL"), "Total", false))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("column name 'Total' is ambiguous on mariadb: it means each of \"total\", \"TOTAL\";"
                        + " rename one of them");
    }
}
