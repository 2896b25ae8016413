package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.sink.FileSink;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A condition, query or name the read cannot use as given is bad input: exit 2 with one line, before any output
 * exists, whether the tool finds it (an unbalanced --where) or the database does (a syntax error, an unknown
 * column, a key over two columns of the same name).
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class ConditionExitTest {
    private final DbTarget target;
    private final List<String> drops = new ArrayList<>();
    private String t;

    @TempDir
    Path dir;

    ConditionExitTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void table() {
        t = target.table("exit_cond");
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO " + t + " (id, v) VALUES (1, 'a)'), (2, 'b'), (3, 'c'), (9, 'i')");
        drops.add("DROP TABLE " + t);
    }

    @AfterEach
    void drop() {
        for (int i = drops.size() - 1; i >= 0; i--) {
            target.execute(drops.get(i));
        }
    }

    private Cli.Result export(Path file, String... args) {
        List<String> all = new ArrayList<>(List.of("export", "--url", target.jdbcUrl(), "--output", file.toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private void refused(String what, String[] args, String... message) {
        Path file = dir.resolve("out.csv");
        Cli.Result r = export(file, args);
        assertThat(r.code()).as("%s: %s", what, r).isEqualTo(2);
        assertThat(r.errLines()).as(what).singleElement().asString().startsWith("rowstream: error: ")
                .contains(message);
        assertThat(file).as(what).doesNotExist();
        assertThat(FileSink.partOf(file)).as(what).doesNotExist();
    }

    /** The file's lines, in lower case: H2 names columns in upper case. */
    private static List<String> lines(Path file) throws java.io.IOException {
        return Files.readAllLines(file).stream().map(l -> l.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @Test
    void aConditionThatWouldDetachTheSeekIsExit2() {
        for (String strategy : new String[] {"keyset", "hybrid", "cursor", "offset", "auto"}) {
            refused(strategy, new String[] {"--table", t, "--strategy", strategy, "--where", "id < 3) OR (id > 8"},
                    "--where is not one condition", "closes a parenthesis it did not open");
        }
    }

    @Test
    void whatTheDatabaseFindsWrongBeforeTheFirstRowIsExit2() {
        refused("syntax", new String[] {"--table", t, "--where", "id = = 1"}, "--where failed: ");
        refused("unknown column", new String[] {"--table", t, "--where", "nope = 1"}, "--where failed: ", "nope");
        refused("twice", new String[] {"--table", t, "--columns", "id,v,ID"}, "--columns names column", "twice");
        refused("twice", new String[] {"--table", t, "--key", "id, ID"}, "--key names column", "twice");
        if (target != DbTarget.SQLITE) { // SQLite calls the second column id:1, so the key is not ambiguous there
            refused("same label", new String[] {"--query", "select id, id from " + t, "--key", "id"}, "id");
        }
    }

    @Test
    void aConditionWithQuotesAndACommentWorks() throws Exception {
        Path file = dir.resolve("ok.csv");
        Cli.Result r = export(file, "--table", t, "--strategy", "keyset", "--batch-size", "1",
                "--where", "v IN ('a)', 'c') -- not b");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(lines(file)).containsExactly("id,v", "1,a)", "3,c");
    }

    @Test
    void aQuotedTableNameAndAViewWork() throws Exception {
        boolean mariadb = target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ;
        String odd = target.table("dq") + "-double-quoted";
        String quoted = mariadb ? "`" + odd + "`" : "\"" + odd + "\"";
        target.execute("CREATE TABLE " + quoted + " (id INT NOT NULL PRIMARY KEY)", "INSERT INTO " + quoted + " VALUES (5)");
        drops.add("DROP TABLE " + quoted);
        Path file = dir.resolve("dq.csv");
        Cli.Result r = export(file, "--table", "\"" + odd + "\"");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(lines(file)).containsExactly("id", "5");

        String view = target.table("exit_view");
        target.execute("CREATE VIEW " + view + " AS SELECT id, v FROM " + t);
        drops.add("DROP VIEW " + view);
        refused("view without a key", new String[] {"--table", view, "--strategy", "keyset"}, "--key");
        Path viewFile = dir.resolve("view.csv");
        Cli.Result v = export(viewFile, "--table", view, "--key", "id DESC", "--strategy", "hybrid");
        assertThat(v.code()).as("%s", v).isZero();
        assertThat(lines(viewFile)).containsExactly("id,v", "9,i", "3,c", "2,b", "1,a)");
    }
}
