package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A condition and a query stay where they are put: a where(...) is one balanced condition and a query(...) one
 * statement, by the database's own lexical rules; what the database finds wrong in them, and names that a read
 * would use twice or could not tell apart, are refused before any row is read.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class ConditionContractTest {
    private static final Strategy[] ALL = {Strategy.CURSOR, Strategy.KEYSET, Strategy.OFFSET, Strategy.HYBRID,
        Strategy.AUTO};
    private final DbTarget target;
    private String t;

    ConditionContractTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void table() {
        t = target.table("cond");
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO " + t + " (id, v) VALUES (1, 'a)'), (2, 'b--'), (3, 'c;'), (4, 'd'), (5, 'e'),"
                        + " (6, 'f'), (7, 'g'), (8, 'h'), (9, 'i'), (10, 'a'')')");
    }

    @AfterEach
    void drop() {
        target.dropTable(t);
    }

    private ReadBuilder read() {
        return RowStreams.from(target.dataSource()).table(t).key("id").batchSize(2);
    }

    private static List<Long> ids(ReadBuilder read) {
        List<Long> ids = new ArrayList<>();
        try (RowStream<Row> rows = read.open()) {
            rows.forEach(r -> ids.add(((Number) r.get("id")).longValue()));
        }
        return ids;
    }

    private void refused(UnaryOperator<ReadBuilder> spec, String... message) {
        for (Strategy s : ALL) {
            assertThatThrownBy(() -> ids(spec.apply(read().strategy(s)))).as("%s", s)
                    .isInstanceOf(InvalidSpecException.class).hasMessageContainingAll(message);
            assertThatThrownBy(() -> spec.apply(read().strategy(s)).plan()).as("%s", s)
                    .isInstanceOf(InvalidSpecException.class);
        }
    }

    @Test
    void aConditionThatWouldDetachTheSeekIsRefusedByEveryStrategy() {
        refused(r -> r.where("id < 3) OR (id > 8"), "where(...)", "closes a parenthesis it did not open");
        refused(r -> r.where("(id < 3"), "where(...)", "left open");
        refused(r -> r.where("id < 3; DELETE FROM " + t), "where(...)", "';'");
        refused(r -> r.where("v = 'abc"), "where(...)", "string that is not closed");
        refused(r -> r.where("id < 3 /* x"), "where(...)", "comment that is not closed");
        refused(r -> r.where("-- nothing but a comment"), "where(...)", "no condition");
        assertThat(ids(read())).hasSize(10); // nothing was changed
    }

    @Test
    void quotesAndCommentsStayInside() {
        for (Strategy s : ALL) {
            assertThat(ids(read().strategy(s).where("v IN ('a)', 'b--', 'c;', 'a'')')"))).as("%s", s)
                    .containsExactly(1L, 2L, 3L, 10L);
            // The comment ends before the seek that follows the condition.
            assertThat(ids(read().strategy(s).where("id > 6 -- the newest"))).as("%s", s)
                    .containsExactly(7L, 8L, 9L, 10L);
            assertThat(ids(read().strategy(s).where("/* ) */ id > ? AND id < ?", 7, 10))).as("%s", s)
                    .containsExactly(8L, 9L);
        }
    }

    @Test
    void backslashesEscapeWhereTheDatabaseSaysSo() {
        String escaped = "v = 'a\\')'";
        switch (target) {
            case MARIADB, MYSQL_CJ -> {
                // MariaDB's default sql_mode reads \' as a quote inside the string: one string, balanced.
                for (Strategy s : ALL) {
                    assertThat(ids(read().strategy(s).where(escaped))).as("%s", s).containsExactly(10L);
                }
                // A session without backslash escapes reads 'a\' as a whole string, as the standard does.
                String url = target.jdbcUrl() + "&sessionVariables=sql_mode=NO_BACKSLASH_ESCAPES";
                assertThatThrownBy(() -> ids(RowStreams.from(url).table(t).key("id").where(escaped)))
                        .isInstanceOf(InvalidSpecException.class).hasMessageContaining("string that is not closed");
                assertThat(ids(RowStreams.from(url).table(t).key("id").where("v = 'a\\'"))).isEmpty();
            }
            case POSTGRES -> {
                // 'a\' is a whole string here, so the last quote opens one that is never closed.
                refused(r -> r.where(escaped), "where(...)", "string that is not closed");
                assertThat(ids(read().where("v = E'a\\')'"))).containsExactly(10L);
                assertThat(ids(read().where("v = $q$a)$q$ OR v = $$b--$$"))).containsExactly(1L, 2L);
            }
            case H2 -> {
                refused(r -> r.where(escaped), "where(...)", "string that is not closed");
                assertThat(ids(read().where("v = $$a)$$ // a comment that ends with its line"))).containsExactly(1L);
            }
            default -> {
                refused(r -> r.where(escaped), "where(...)", "string that is not closed");
                assertThat(ids(read().where("[v] = 'a)'"))).containsExactly(1L);
            }
        }
    }

    @Test
    void whatTheDatabaseFindsWrongInAConditionIsRefusedBeforeAnyRow() {
        refused(r -> r.where("id = = 1"), "where(...) failed: ");
        refused(r -> r.where("nope = 1"), "where(...) failed: ", "nope");
    }

    @Test
    void aQueryIsOneBalancedStatement() {
        String q = "SELECT id, v FROM " + t;
        assertThatThrownBy(() -> ids(RowStreams.from(target.dataSource()).query(q + "; SELECT 1").key("id")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("more than one statement");
        assertThatThrownBy(() -> ids(RowStreams.from(target.dataSource()).query(q + " WHERE (id > 1").key("id")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContainingAll("query(...)", "left open");
        for (Strategy s : ALL) {
            ReadBuilder read = RowStreams.from(target.dataSource())
                    .query(q + " WHERE v NOT IN ('c;', 'a)') -- not those;\n ; ").key("id").strategy(s).batchSize(2);
            assertThat(ids(read)).as("%s", s).containsExactly(2L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            ReadBuilder commented = RowStreams.from(target.dataSource()).query(q + " -- all of them")
                    .key("id").strategy(s).batchSize(3);
            assertThat(ids(commented)).as("%s", s).hasSize(10);
        }
    }

    @Test
    void aKeyOverDuplicateLabelsIsRefusedByName() {
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.CURSOR, Strategy.HYBRID}) {
            ReadBuilder read = RowStreams.from(target.dataSource()).query("SELECT id, id FROM " + t).key("id")
                    .strategy(s);
            if (target == DbTarget.SQLITE) {
                // SQLite names the second column of the derived table id:1, so the key means the first one.
                assertThat(ids(read)).as("%s", s).hasSize(10).isSorted();
                continue;
            }
            assertThatThrownBy(() -> ids(read)).as("%s", s)
                    .isInstanceOf(InvalidSpecException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("id")
                            .containsAnyOf("ambiguous", "uplicate"));
        }
    }

    @Test
    void aColumnNamedTwiceIsRefused() {
        refused(r -> r.columns("id", "v", "ID"), "columns(...) names column", "twice");
        refused(r -> r.key("id, ID"), "key(...) names column", "twice");
    }
}
