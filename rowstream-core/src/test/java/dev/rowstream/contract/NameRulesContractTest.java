package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Names mean what the database makes of them: PostgreSQL folds an unquoted name to lower case, H2 to upper case,
 * MariaDB compares table names as written (lower_case_table_names=0 on this server) and column names in any case,
 * SQLite compares every name in any case (ASCII); a quoted name, with " on every database, means its exact text.
 * A name that means nothing while others differ from it only in case is refused, naming them.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class NameRulesContractTest {
    private final DbTarget target;

    NameRulesContractTest(DbTarget target) {
        this.target = target;
    }

    private boolean mariadb() {
        return target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ;
    }

    /** {@code name} quoted for DDL on this target. */
    private String q(String name) {
        return mariadb() ? "`" + name + "`" : "\"" + name + "\"";
    }

    /** Creates table {@code name} (quoted as written) holding one row whose v is {@code name}. */
    private void create(String name) {
        target.execute("CREATE TABLE " + q(name) + " (id INT NOT NULL PRIMARY KEY, v VARCHAR(40))",
                "INSERT INTO " + q(name) + " (id, v) VALUES (1, '" + name + "')");
    }

    private List<String> values(ReadBuilder read) {
        List<String> v = new ArrayList<>();
        try (RowStream<Row> rows = read.open()) {
            rows.forEach(r -> v.add(String.valueOf(r.values().get(r.values().size() - 1))));
        }
        return v;
    }

    private String read(String table) {
        return values(RowStreams.from(target.dataSource()).table(table)).get(0);
    }

    @Test
    void tableNamesFollowTheDatabasesFolding() {
        String lower = target.table("adv_up");
        String upper = lower.toUpperCase(Locale.ROOT);
        String quotedUpper = "\"" + upper + "\"";
        String quotedLower = "\"" + lower + "\"";
        create(lower);
        if (target == DbTarget.SQLITE) {
            // SQLite cannot hold both: every spelling, quoted or not, means the one table.
            assertThat(List.of(read(lower), read(upper), read(quotedUpper))).containsOnly(lower);
            target.dropTable(q(lower));
            return;
        }
        create(upper);
        switch (target) {
            case POSTGRES -> {
                assertThat(read(upper)).as("unquoted ADV_UP folds to adv_up").isEqualTo(lower);
                assertThat(read(lower)).isEqualTo(lower);
                assertThat(read(quotedUpper)).isEqualTo(upper);
            }
            case H2 -> {
                assertThat(read(lower)).as("unquoted adv_up folds to ADV_UP").isEqualTo(upper);
                assertThat(read(upper)).isEqualTo(upper);
                assertThat(read(quotedLower)).isEqualTo(lower);
            }
            default -> {
                assertThat(read(lower)).isEqualTo(lower);
                assertThat(read(upper)).isEqualTo(upper);
                assertThat(read(quotedUpper)).as("the ANSI quote").isEqualTo(upper);
                assertThat(read("`" + upper + "`")).isEqualTo(upper);
            }
        }
        // Only the one the folding does not reach: refused, naming it and how to write it.
        String reached = target == DbTarget.H2 ? upper : lower;
        String other = reached.equals(upper) ? lower : upper;
        target.dropTable(q(reached));
        String unquoted = target == DbTarget.H2 ? lower : mariadb() ? lower : upper;
        assertThatThrownBy(() -> read(unquoted))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContainingAll("unknown table '" + unquoted + "'", "\"" + other + "\"", "double quotes");
        assertThatThrownBy(() -> read("\"" + reached + "\""))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("\"" + other + "\"");
        assertThat(read("\"" + other + "\"")).isEqualTo(other);
        target.dropTable(q(other));
    }

    @Test
    void aNameWithUnusualCharactersInDoubleQuotes() {
        String name = target.table("dq") + "-double-quoted";
        create(name);
        assertThat(read("\"" + name + "\"")).isEqualTo(name);
        target.dropTable(q(name));
    }

    @Test
    void columnNamesFollowTheDatabasesRules() {
        String t = target.table("cols");
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, " + q("Mixed") + " VARCHAR(10))",
                "INSERT INTO " + t + " VALUES (1, 'm')");
        ReadBuilder exact = RowStreams.from(target.dataSource()).table(t).columns("id", "\"Mixed\"");
        assertThat(values(exact)).containsExactly("m");
        ReadBuilder unquoted = RowStreams.from(target.dataSource()).table(t).columns("id", "Mixed");
        if (target == DbTarget.POSTGRES || target == DbTarget.H2) {
            // Folded to mixed or MIXED, which is not the column's name.
            assertThatThrownBy(() -> values(unquoted)).isInstanceOf(InvalidSpecException.class)
                    .hasMessageContainingAll("unknown column 'Mixed'", "\"Mixed\"", "double quotes");
        } else {
            assertThat(values(unquoted)).containsExactly("m");
            assertThat(values(RowStreams.from(target.dataSource()).table(t).columns("ID", "MIXED"))).containsExactly("m");
        }
        target.dropTable(t);
    }
}
