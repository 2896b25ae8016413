package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code export --progress}: the live line (forced with {@code on}, since tests have no terminal) over a
 * read slow enough to show it, the default that stays quiet in a short run without a terminal, and off.
 */
@ExtendWith(LeakCheck.class)
class ExportProgressTest {

    @Test
    void onShowsALiveLineThenClearsItForTheSummary() {
        DbTarget pg = DbTarget.POSTGRES;
        // 12 rows, each 0.06 s late: long enough for two or three updates at 4 a second.
        Cli.Result r = Cli.run("export", "--url", pg.jdbcUrl(), "--progress", "on", "--batch-size", "1",
                "--query", "SELECT g, pg_sleep(0.06) AS s FROM generate_series(1, 12) g");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).startsWith("\rrowstream: ").containsPattern("\rrowstream: \\d+ rows, [0-9,]+ rows/s, [0-9.]+s")
                .containsPattern("\r +\rrowstream: exported 12 rows in [0-9.]+s \\(\\d+ rows/s\\) with strategy cursor\n$");
    }

    @Test
    void aTableWithStatisticsShowsThePercentage() {
        DbTarget pg = DbTarget.POSTGRES;
        String table = pg.table("progress");
        pg.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY)",
                "INSERT INTO " + table + " SELECT g FROM generate_series(1, 100000) g", "ANALYZE " + table);
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            // stdout that stalls once, on its first write (a full buffer, some thousands of rows in): the
            // export waits there long enough for the progress line to show where it is.
            OutputStream slow = new OutputStream() {
                private boolean stalled;

                @Override
                public void write(int b) {
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (!stalled) {
                        stalled = true;
                        try {
                            Thread.sleep(700);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            };
            int code = Main.run(new String[] {"export", "--url", pg.jdbcUrl(), "--table", table, "--progress", "on"},
                    new PrintStream(slow, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.<String, String>of()::get);
            String text = err.toString(StandardCharsets.UTF_8);
            assertThat(code).as(text).isZero();
            assertThat(text).containsPattern("\rrowstream: [0-9,]+ rows, [0-9,]+ rows/s, [0-9.]+s, \\d+% of ~100,000, ")
                    .endsWith("with strategy hybrid (fast path: COPY binary)\n");
        } finally {
            pg.dropTable(table);
        }
    }

    @Test
    void withoutATerminalAShortExportPrintsOnlyTheSummary() {
        DbTarget db = DbTarget.SQLITE;
        String table = db.table("progress");
        db.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY)", "INSERT INTO " + table + " VALUES (1), (2)");
        try {
            for (String mode : new String[] {"auto", "off"}) {
                Cli.Result r = Cli.run("export", "--url", db.jdbcUrl(), "--table", table, "--progress", mode);
                assertThat(r.code()).as("%s", r).isZero();
                assertThat(r.errLines()).as(mode).singleElement().asString().startsWith("rowstream: exported 2 rows in ");
            }
            Cli.Result bad = Cli.run("export", "--url", db.jdbcUrl(), "--table", table, "--progress", "loud");
            assertThat(bad.code()).isEqualTo(2);
            assertThat(bad.errLines()).singleElement().isEqualTo("rowstream: error: --progress 'loud' is not one of auto, on, off");
        } finally {
            db.dropTable(table);
        }
    }
}
