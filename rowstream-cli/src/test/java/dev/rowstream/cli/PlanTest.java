package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code rowstream plan}: one JSON object per split on stdout, key values typed as in JSON Lines output, the
 * method and its time on stderr; bad input refused with exit 2 and one line.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class PlanTest {
    private final DbTarget target;
    private String table;

    PlanTest(DbTarget target) {
        this.target = target;
    }

    /** ids 1 to 10; b 'a' for ids 1 to 5, 'b' for 6 to 10; c NULL for even ids. */
    @BeforeEach
    void createTable() {
        table = target.table("plan");
        target.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, b VARCHAR(5) NOT NULL, c INTEGER)",
                "INSERT INTO " + table + " (id, b, c) VALUES " + IntStream.rangeClosed(1, 10)
                        .mapToObj(i -> "(" + i + ", '" + (i <= 5 ? "a" : "b") + "', " + (i % 2 == 0 ? "NULL" : i) + ")")
                        .collect(Collectors.joining(", ")));
    }

    @AfterEach
    void dropTable() {
        target.dropTable(table);
    }

    private Cli.Result plan(String... options) {
        List<String> args = new ArrayList<>(List.of("plan", "--url", target.jdbcUrl(), "--table", table));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void printsOneLinePerSplitAndTheMethod() {
        // Splits end at ranks ceil(10 / 3) = 4 and ceil(20 / 3) = 7.
        Cli.Result r = plan("--splits", "3");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).isEqualTo("""
                {"split":1,"after":null,"upTo":[4],"estimatedRows":4}
                {"split":2,"after":[4],"upTo":[7],"estimatedRows":3}
                {"split":3,"after":[7],"upTo":null,"estimatedRows":3}
                """);
        assertThat(r.errLines()).singleElement().asString()
                .matches("rowstream plan: 3 splits by the exact method \\(ROW_NUMBER over the key, 10 rows counted\\)"
                        + " in \\d+ ms");
    }

    @Test
    void compositeKeyValuesComeInTheKeysOrderAndTypes() {
        Cli.Result r = plan("--key", "c DESC NULLS LAST, b, id", "--where", "id > 2", "--splits", "2", "--exact");
        assertThat(r.code()).as("%s", r).isZero();
        // Rows 3 to 10 by c DESC NULLS LAST: 9, 7, 5, 3, then the NULLs 4, 6, 8, 10 by b, id.
        assertThat(r.out()).isEqualTo("""
                {"split":1,"after":null,"upTo":[3,"a",3],"estimatedRows":4}
                {"split":2,"after":[3,"a",3],"upTo":null,"estimatedRows":4}
                """);
    }

    @Test
    void refusesBadInputWithOneLine() {
        assertThat(plan("--splits", "0")).satisfies(r -> refused(r, "--splits 0 is out of range: use 1 to 1024"));
        assertThat(plan("--splits", "1025")).satisfies(r -> refused(r, "--splits 1025 is out of range: use 1 to 1024"));
        String noKey = target.table("nokey");
        target.execute("CREATE TABLE " + noKey + " (v INTEGER)");
        try {
            Cli.Result r = Cli.run("plan", "--url", target.jdbcUrl(), "--table", noKey, "--splits", "2");
            refused(r, "--splits 2 needs a key: give --key, columns that order the rows uniquely, or read a table"
                    + " with a primary key");
        } finally {
            target.dropTable(noKey);
        }
        Cli.Result missing = plan();
        assertThat(missing.code()).as("%s", missing).isEqualTo(2);
        assertThat(missing.err()).contains("--splits");
    }

    @Test
    void helpNamesTheOptions() {
        Cli.Result help = Cli.run("plan", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--url", "--table", "--where", "--key", "--splits", "--exact", "about 10% of")
                .doesNotContain("%n"); // a description picocli cannot format is printed raw
        assertThat(help.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    private static void refused(Cli.Result r, String message) {
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("rowstream: error: " + message);
    }
}
