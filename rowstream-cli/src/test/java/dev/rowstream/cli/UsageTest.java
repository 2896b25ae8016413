package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the tool says and returns before it touches a database. */
class UsageTest {
    private static final String H2 = "jdbc:h2:mem:usage";

    @Test
    void version() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).startsWith("rowstream ").doesNotContain("unknown").contains("Java 17");
        assertThat(r.out().lines().findFirst().orElseThrow()).matches("rowstream \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("export", "explain", "demo", "Exit codes", "130");
        Cli.Result export = Cli.run("export", "--help");
        assertThat(export.code()).isZero();
        assertThat(export.out()).contains("--url", "--password-env", "--table", "--query", "--key", "--strategy",
                "auto|cursor|keyset|offset|hybrid", "--batch-size", "--segment-rows", "--segment-seconds", "--retries",
                "--format", "--output", "--verbose");
        assertThat(export.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        Cli.Result explain = Cli.run("explain", "--help");
        assertThat(explain.code()).isZero();
        assertThat(explain.out()).contains("--url", "--table", "--query", "--key", "--strategy", "--batch-size",
                "--segment-rows", "--segment-seconds", "--retries", "--verbose").doesNotContain("--format", "--output");
        assertThat(explain.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void outOfRangeSettingsAreOneLineAndExit2() {
        String[][] cases = {
            {"--batch-size", "0", "--batch-size 0 is out of range: use 1 to 1000000"},
            {"--batch-size", "1000001", "--batch-size 1000001 is out of range"},
            {"--segment-rows", "0", "--segment-rows 0 is out of range: use 1 or more"},
            {"--segment-seconds", "-5", "--segment-seconds -5 is out of range: use 1 or more"},
            {"--retries", "-1", "--retries -1 is out of range: use 0"},
            {"--segment-rows", "lots", "--segment-rows"},
        };
        for (String command : new String[] {"export", "explain"}) {
            for (String[] c : cases) {
                // An unreachable server: the settings are checked before any connection is tried.
                Cli.Result r = Cli.run(command, "--url", "jdbc:postgresql://192.0.2.1:1/none", "--table", "t",
                        c[0], c[1]);
                assertThat(r.code()).as("%s %s %s: %s", command, c[0], c[1], r).isEqualTo(2);
                assertThat(r.errLines()).as("%s %s", c[0], c[1]).singleElement().asString()
                        .startsWith("rowstream: error: ").contains(c[2]);
            }
        }
    }

    @Test
    void settingsTheStrategyWouldIgnoreAreExit2() {
        Cli.Result segments = Cli.run("export", "--url", H2, "--table", "t", "--strategy", "keyset",
                "--segment-rows", "100");
        assertThat(segments.code()).isEqualTo(2);
        assertThat(segments.errLines()).singleElement().asString()
                .contains("--segment-rows applies to strategy hybrid only, not keyset");
        Cli.Result retries = Cli.run("export", "--url", H2, "--table", "t", "--strategy", "cursor", "--retries", "3");
        assertThat(retries.code()).isEqualTo(2);
        assertThat(retries.errLines()).singleElement().asString().contains("--retries applies to strategies that can"
                + " resume, not cursor");
    }

    @Test
    void nothingToExplainIsExit2() {
        Cli.Result r = Cli.run("explain", "--url", H2);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .isEqualTo("rowstream: error: nothing to explain: give --table NAME or --query SQL");
    }

    @Test
    void retriesAreSummedUpOnlyWhenThereWereSome() {
        RetryCount count = new RetryCount();
        assertThat(count.summary()).isEmpty();
        count.onRetry(1, new java.sql.SQLException("gone"));
        assertThat(count.summary()).isEqualTo(", 1 retry");
        count.onRetry(1, new java.sql.SQLException("gone"));
        assertThat(count.summary()).isEqualTo(", 2 retries");
    }

    @Test
    void unknownOptionIsOneLineAndExit2() {
        Cli.Result r = Cli.run("export", "--url", H2, "--table", "t", "--tabel", "u");
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("rowstream: error: ")
                .contains("--tabel")
                .contains("rowstream export --help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void noCommandIsExit2() {
        Cli.Result r = Cli.run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("rowstream: error: ");
    }

    @Test
    void missingUrlIsExit2() {
        Cli.Result r = Cli.run("export", "--table", "t");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--url");
    }

    @Test
    void badIntegerIsExit2() {
        Cli.Result r = Cli.run("export", "--url", H2, "--table", "t", "--batch-size", "many");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--batch-size").contains("many");
    }

    @Test
    void tableOrQueryExactlyOnce() {
        assertThat(Cli.run("export", "--url", H2).errLines()).singleElement().asString()
                .isEqualTo("rowstream: error: nothing to export: give --table NAME or --query SQL");
        Cli.Result both = Cli.run("export", "--url", H2, "--table", "t", "--query", "SELECT 1");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.errLines()).singleElement().asString().contains("--table and --query");
        Cli.Result columns = Cli.run("export", "--url", H2, "--query", "SELECT 1", "--columns", "a");
        assertThat(columns.code()).isEqualTo(2);
        assertThat(columns.errLines()).singleElement().asString().contains("--columns applies to --table only");
    }

    @Test
    void unknownStrategyAndFormatAreExit2() {
        Cli.Result strategy = Cli.run("export", "--url", H2, "--table", "t", "--strategy", "fast");
        assertThat(strategy.code()).isEqualTo(2);
        assertThat(strategy.errLines()).singleElement().asString().contains("unknown strategy 'fast'");
        Cli.Result format = Cli.run("export", "--url", H2, "--table", "t", "--format", "xml");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.errLines()).singleElement().asString().contains("unknown format 'xml'");
    }

    @Test
    void missingPasswordVariableIsExit2AndNamed() {
        Cli.Result r = Cli.run(Map.of(), "export", "--url", H2, "--table", "t", "--password-env", "RS_NO_SUCH_VAR");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("rowstream: error: environment variable RS_NO_SUCH_VAR")
                .contains("not set");
    }

    @Test
    void urlNoDriverAcceptsIsExit2WithPrefixesAndNoPassword() {
        Cli.Result r = Cli.run("export", "--url", "jdbc:oracle:thin:scott/tiger@db?password=T1gerSecret",
                "--table", "t");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .contains("check the URL prefix")
                .contains("jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:, jdbc:h2:, jdbc:sqlite:")
                .contains("password=***")
                .doesNotContain("T1gerSecret");
    }

    @Test
    void notAJdbcUrlIsExit2() {
        Cli.Result r = Cli.run("export", "--url", "postgres://app:S3cretPw@db/shop", "--table", "t");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .contains("is not a JDBC URL").contains("app:***@db").doesNotContain("S3cretPw");
    }

    @Test
    void passwordFromEnvironmentIsMaskedInErrorsAndStackTraces() {
        // The password is also the name of an unknown table, so the message quotes it; --verbose adds
        // the stack trace, whose messages quote it too.
        Map<String, String> env = Map.of("RS_PW", "Env5ecret");
        Cli.Result r = Cli.run(env, "export", "--url", "jdbc:h2:mem:masked", "--password-env", "RS_PW",
                "--table", "Env5ecret", "--verbose");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("rowstream: error: ").contains("unknown table '***'").contains("\tat ")
                .doesNotContain("Env5ecret");
    }

    @Test
    void outputDirectoryMustExist() {
        Cli.Result r = Cli.run("export", "--url", H2, "--table", "t", "--output", "/no/such/dir/out.csv");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("/no/such/dir").contains("does not exist");
    }

    @Test
    void badRowsAndHeapForDemoAreExit2() {
        assertThat(Cli.run("demo", "--rows", "0").code()).isEqualTo(2);
        Cli.Result heap = Cli.run("demo", "--heap", "lots");
        assertThat(heap.code()).isEqualTo(2);
        assertThat(heap.errLines()).singleElement().asString().contains("--heap 'lots'");
    }

    @Test
    void columnsSplitOnCommasOutsideQuotes() {
        assertThat(ReadOptions.splitColumns("id")).containsExactly("id");
        assertThat(ReadOptions.splitColumns(" id , name,qty ")).containsExactly("id", "name", "qty");
        assertThat(ReadOptions.splitColumns("id,\"a, b\",`c,d`,\"say \"\"x,y\"\"\""))
                .containsExactly("id", "\"a, b\"", "`c,d`", "\"say \"\"x,y\"\"\"");
    }

    @Test
    void badColumnListsAreExit2() {
        for (String columns : new String[] {"id,,name", "id,", ",id", "\"open"}) {
            Cli.Result r = Cli.run("export", "--url", H2, "--table", "t", "--columns", columns);
            assertThat(r.code()).as(columns).isEqualTo(2);
            assertThat(r.errLines()).as(columns).singleElement().asString().contains("bad --columns");
        }
    }
}
