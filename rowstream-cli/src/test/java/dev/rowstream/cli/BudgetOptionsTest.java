package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** --statement-timeout and --max-transaction-seconds: help, bad values (exit 2), and that they reach the read. */
@ExtendWith(LeakCheck.class)
class BudgetOptionsTest {
    /** Nothing listens there: every setting must be checked before a connection is tried. */
    private static final String UNREACHABLE = "jdbc:postgresql://192.0.2.1:1/none";

    @Test
    void helpShowsTheBudgets() {
        for (String command : new String[] {"export", "explain"}) {
            Cli.Result r = Cli.run(command, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("[--statement-timeout SECONDS] [--max-transaction-seconds S]",
                    "--statement-timeout=SECONDS", "--max-transaction-seconds=S");
            assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        }
    }

    @Test
    void badBudgetsAreOneLineAndExit2() {
        String[][] cases = {
            {"--statement-timeout", "0", "--statement-timeout 0 is out of range: use 1 to 2073600 (24 days)"},
            {"--statement-timeout", "-3", "--statement-timeout -3 is out of range"},
            {"--statement-timeout", "2073601", "--statement-timeout 2073601 is out of range"},
            {"--statement-timeout", "1.5", "--statement-timeout"},
            {"--max-transaction-seconds", "0", "--max-transaction-seconds 0 is out of range: use 1 or more"},
            {"--max-transaction-seconds", "soon", "--max-transaction-seconds"},
        };
        for (String command : new String[] {"export", "explain"}) {
            for (String[] c : cases) {
                Cli.Result r = Cli.run(command, "--url", UNREACHABLE, "--table", "t", c[0], c[1]);
                assertThat(r.code()).as("%s %s %s: %s", command, c[0], c[1], r).isEqualTo(2);
                assertThat(r.errLines()).as("%s %s", c[0], c[1]).singleElement().asString()
                        .startsWith("rowstream: error: ").contains(c[2]);
            }
        }
    }

    @Test
    void aSegmentLongerThanTheTransactionBudgetIsExit2() {
        for (String strategy : new String[] {"hybrid", "auto"}) {
            Cli.Result r = Cli.run("export", "--url", UNREACHABLE, "--table", "t", "--strategy", strategy,
                    "--segment-seconds", "30", "--max-transaction-seconds", "10");
            assertThat(r.code()).as("%s", r).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().contains("--segment-seconds 30 is longer than"
                    + " --max-transaction-seconds 10: a hybrid segment is one transaction; use 10 or less");
        }
    }

    @Test
    void explainShowsTheBudgets() {
        DbTarget target = DbTarget.POSTGRES;
        String table = target.table("budgets");
        target.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY)", "INSERT INTO " + table + " VALUES (1)");
        try {
            Cli.Result r = Cli.run("explain", "--url", target.jdbcUrl(), "--table", table, "--strategy", "cursor",
                    "--statement-timeout", "5", "--max-transaction-seconds", "60");
            assertThat(r.code()).as("%s", r).isZero();
            assertThat(r.out()).contains("\nbudgets: statement timeout 5 s per query; transactions open at most 60 s"
                    + " (the cursor fails after that)\n");
            Cli.Result none = Cli.run("explain", "--url", target.jdbcUrl(), "--table", table);
            assertThat(none.out()).doesNotContain("budgets:");
        } finally {
            target.dropTable(table);
        }
    }

    @Test
    void anExportThatRunsIntoTheStatementTimeoutIsExit1AndSaysSo() {
        DbTarget target = DbTarget.POSTGRES;
        for (String strategy : new String[] {"cursor", "keyset"}) {
            long start = System.nanoTime();
            Cli.Result r = Cli.run("export", "--url", target.jdbcUrl(), "--query", "SELECT 1 AS id FROM pg_sleep(5)",
                    "--key", "id", "--strategy", strategy, "--statement-timeout", "1");
            assertThat(r.code()).as("%s", r).isEqualTo(1);
            assertThat(r.errLines()).as(strategy).singleElement().asString()
                    .startsWith("rowstream: error: reading from postgresql failed: the query ran longer than the"
                            + " statement timeout of 1 s (statementTimeout, --statement-timeout 1)")
                    .contains("canceling statement due to")
                    .contains("Give a larger timeout, or use strategy keyset or hybrid");
            assertThat((System.nanoTime() - start) / 1e9).as(strategy).isLessThan(4);
        }
    }
}
