package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.sink.FileSink;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code rowstream export} against every database, on a table with the values that break exports. */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class ExportTest {
    /** id, name, qty, price: NULLs, the empty string, commas, quotes, a new line, non-ASCII text. */
    private static final String[] ROWS = {
        "(1, 'plain', 10, 1.50)",
        "(2, 'comma, inside', NULL, 2.00)",
        "(3, 'say \"hi\" and ''bye''', 0, NULL)",
        "(4, 'line one\nline two', 7, 3.25)",
        "(5, 'Ünïcødé ☃ 日本語 😀', 1, 0.10)",
        "(6, NULL, NULL, NULL)",
        "(7, '', 3, 9.99)",
    };

    private final DbTarget target;
    private String table;

    @TempDir
    Path dir;

    ExportTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void createTable() {
        table = target.table("cli");
        target.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(100), qty INTEGER,"
                + " price DECIMAL(10,2))");
        target.execute("INSERT INTO " + table + " (id, name, qty, price) VALUES " + String.join(", ", ROWS));
    }

    @AfterEach
    void dropTable() {
        target.dropTable(table);
    }

    private Cli.Result export(String... options) {
        List<String> args = new ArrayList<>(List.of("export", "--url", target.jdbcUrl()));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void csvToFile() throws IOException {
        Path file = dir.resolve("out.csv");
        Cli.Result r = export("--table", table, "--output", file.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).containsPattern("rowstream: exported 7 rows in \\d+\\.\\ds \\(\\d+ rows/s\\) with strategy \\w+");
        assertThat(FileSink.partOf(file)).doesNotExist();
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow().toLowerCase(Locale.ROOT)).isEqualTo("id,name,qty,price");
        assertThat(csv).startsWith(csv.substring(0, csv.indexOf('\n') + 1) + "1,plain,10,")
                .contains("\n2,\"comma, inside\",,")
                .contains("\n3,\"say \"\"hi\"\" and 'bye'\",0,\n")
                .contains("\n4,\"line one\nline two\",7,")
                .contains("\n5,Ünïcødé ☃ 日本語 😀,1,")
                .contains("\n6,,,\n")
                .contains("\n7,\"\",3,")
                .endsWith("\n");
    }

    @Test
    void jsonLinesToStdout() {
        Cli.Result r = export("--table", table, "--format", "jsonl");
        assertThat(r.code()).as("%s", r).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(7).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        String json = r.out().toLowerCase(Locale.ROOT);
        assertThat(json).contains("\"name\":\"comma, inside\"")
                .contains("\"name\":\"say \\\"hi\\\" and 'bye'\"")
                .contains("\"name\":\"line one\\nline two\"")
                .contains("\"name\":\"ünïcødé ☃ 日本語 😀\"")
                .contains("\"name\":null")
                .contains("\"name\":\"\"");
    }

    @Test
    void columnsWhereAndKey() {
        Cli.Result r = export("--table", table, "--columns", "name, id", "--where", "qty > 0",
                "--key", "id DESC", "--strategy", "keyset", "--batch-size", "2");
        assertThat(r.code()).as("%s", r).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0).toLowerCase(Locale.ROOT)).isEqualTo("name,id");
        assertThat(lines.get(1)).isEqualTo("\"\",7");
        assertThat(r.out()).endsWith("\nplain,1\n").doesNotContain(",2\n").doesNotContain(",3\n");
        assertThat(r.err()).contains("exported 4 rows").contains("with strategy keyset");
    }

    @Test
    void everyStrategyWritesTheSameBytes() throws IOException {
        for (String format : new String[] {"csv", "jsonl"}) {
            byte[] first = null;
            for (String strategy : new String[] {"keyset", "cursor", "offset"}) {
                Path file = dir.resolve(strategy + "." + format);
                Cli.Result r = export("--table", table, "--key", "id", "--strategy", strategy, "--batch-size", "2",
                        "--format", format, "--output", file.toString());
                assertThat(r.code()).as("%s %s: %s", strategy, format, r).isZero();
                assertThat(r.err()).contains("with strategy " + strategy);
                byte[] bytes = Files.readAllBytes(file);
                if (first == null) {
                    first = bytes;
                } else {
                    assertThat(bytes).as("%s %s same as keyset", strategy, format).isEqualTo(first);
                }
            }
            // stdout gets exactly what the file gets
            Cli.Result stdout = export("--table", table, "--key", "id", "--format", format);
            assertThat(stdout.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(first);
        }
    }

    @Test
    void unknownTableIsExit2AndCreatesNoFile() throws IOException {
        Path file = dir.resolve("out.csv");
        Cli.Result r = export("--table", "no_such_table_xyz", "--output", file.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("rowstream: error: ").contains("no_such_table_xyz");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void unknownColumnIsExit2AndLeavesTheOldFile() throws IOException {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "previous export\n");
        Cli.Result r = export("--table", table, "--columns", "id,nosuch_col", "--output", file.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("nosuch_col");
        assertThat(file).hasContent("previous export");
        assertThat(FileSink.partOf(file)).doesNotExist();
    }

    @Test
    void keysetOnAQueryWithoutKeyIsExit2() {
        Cli.Result r = export("--query", "SELECT id, name FROM " + table, "--strategy", "keyset");
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("needs a key").contains("--key");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void queryWithKey() {
        Cli.Result r = export("--query", "SELECT id, qty FROM " + table + " WHERE qty IS NOT NULL", "--key", "id",
                "--strategy", "keyset", "--batch-size", "2", "--format", "jsonl");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out().lines()).hasSize(5);
    }

    @Test
    void nonUniqueKeyIsExit1AndLeavesNoFile() throws IOException {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "previous export\n");
        // grp is 0, 0, 1, 1, 1, 2, 2: a batch of 2 ends between two rows with the same key.
        Cli.Result r = export("--query", "SELECT id, id % 3 AS grp FROM " + table, "--key", "grp",
                "--strategy", "keyset", "--batch-size", "2", "--output", file.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().startsWith("rowstream: error: ").contains("not unique");
        assertThat(file).hasContent("previous export");
        assertThat(FileSink.partOf(file)).doesNotExist();
    }

    @Test
    void wrongPasswordIsMaskedEverywhere() {
        String secret = "Wr0ngPassw0rd";
        String url = target.jdbcUrl();
        // A password in the URL, and one from the environment.
        String withPassword = url + (url.contains("?") ? "&" : target == DbTarget.H2 ? ";" : "?") + "password=" + secret;
        Cli.Result inUrl = Cli.run("export", "--url", withPassword, "--table", secret, "--verbose");
        Cli.Result fromEnv = Cli.run(Map.of("RS_PW", secret), "export", "--url", url, "--password-env", "RS_PW",
                "--table", secret, "--verbose");
        for (Cli.Result r : List.of(inUrl, fromEnv)) {
            // Servers that check passwords refuse it; the others ignore it and then miss the table named
            // after it. Either way it is exit 2, and the secret is nowhere.
            assertThat(r.code()).as("%s", r).isEqualTo(2);
            assertThat(r.err()).startsWith("rowstream: error: ").doesNotContain(secret);
            assertThat(r.out()).doesNotContain(secret);
        }
    }
}
