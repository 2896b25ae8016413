package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.RowStreams;
import dev.rowstream.job.JobListener;
import dev.rowstream.sink.Sinks;
import dev.rowstream.internal.DriverManagerDataSource;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code rowstream copy} refuses with exit 2 before writing a row, and what it says: a missing target
 * table, a type it cannot map, a checkpoint of another copy, a stopped copy run again without --resume, a
 * target that already has rows. And a copy stopped in the middle, resumed.
 */
@ExtendWith(LeakCheck.class)
class CopyCommandTest {
    private final DbTarget pg = DbTarget.POSTGRES;
    private final DbTarget maria = DbTarget.MARIADB;
    private String from;
    private String to;

    @BeforeEach
    void fill() {
        from = pg.table("cpsrc");
        to = maria.table("cpdst");
        pg.execute("CREATE TABLE " + from + " (id int PRIMARY KEY, name varchar(20), amount numeric(10,2))",
                "INSERT INTO " + from + " SELECT g, 'n' || g, g / 100.0 FROM generate_series(1, 1000) g");
    }

    @AfterEach
    void drop() {
        pg.dropTable(from);
        maria.dropTable(to);
        try {
            maria.execute("DELETE FROM rowstream_checkpoint WHERE job LIKE '%" + to + "'");
        } catch (IllegalStateException noCheckpointTable) {
            // This test never got as far as creating it.
        }
    }

    private Cli.Result copy(String... more) {
        List<String> args = new ArrayList<>(List.of("copy", "--from-url", pg.jdbcUrl(), "--to-url", maria.jdbcUrl(),
                "--table", from, "--target-table", to));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aMissingTargetTableIsExit2() {
        Cli.Result r = copy();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("target table " + to + " does not exist in the mariadb database")
                .contains("--create-table");
    }

    @Test
    void anUnmappableTypeIsExit2NamingTheColumn() {
        String odd = pg.table("cpodd");
        pg.execute("CREATE TABLE " + odd + " (id int PRIMARY KEY, span interval, n numeric)");
        // An interval is copied as PostgreSQL's text of it (it was refused before every type had a faithful form).
        pg.execute("INSERT INTO " + odd + " VALUES (1, '1 day 02:00', NULL)");
        String spans = maria.table("cpspan");
        Cli.Result interval = Cli.run("copy", "--from-url", pg.jdbcUrl(), "--to-url", maria.jdbcUrl(), "--table", odd,
                "--columns", "id,span", "--target-table", spans, "--create-table");
        assertThat(interval.code()).as("%s", interval).isZero();
        assertThat(count(maria, spans + " WHERE span = '1 day 02:00:00'")).isEqualTo(1);
        maria.dropTable(spans);
        maria.dropTable("rowstream_checkpoints");
        Cli.Result numeric = Cli.run("copy", "--from-url", pg.jdbcUrl(), "--to-url", maria.jdbcUrl(), "--table", odd,
                "--columns", "id,n", "--target-table", to, "--create-table");
        assertThat(numeric.code()).isEqualTo(2);
        assertThat(numeric.err()).contains("column n (numeric) cannot be created on mariadb without losing values:"
                + " an unconstrained numeric");
        assertThat(count(maria, "information_schema.tables WHERE table_name = '" + to + "'")).isZero();
        pg.dropTable(odd);
    }

    @Test
    void aStoppedCopyResumesAndRefusesWhatDoesNotMatch() {
        // Stopped after the third batch of 100: the listener throws, as a crash would stop it.
        assertThatThrownBy(() -> RowStreams.from(pg.jdbcUrl()).table(from).batchSize(100)
                .exportTo(Sinks.table(new DriverManagerDataSource(maria.jdbcUrl(), null, null), to).createTable(true))
                .listener(new JobListener() {
                    @Override
                    public void onCommit(long copied, long total) {
                        if (copied == 300) {
                            throw new IllegalStateException("stop");
                        }
                    }
                }).run()).hasMessage("stop");
        assertThat(count(maria, to)).isEqualTo(300);

        Cli.Result again = copy("--create-table");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("a copy into " + to + " stopped after 300 rows").contains("at id=300")
                .contains("add --resume");
        Cli.Result other = copy("--resume", "--where", "id > 500");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("the checkpoint was made for another read: the condition was none, now"
                + " ((id > 500))");
        Cli.Result resumed = copy("--resume", "--batch-size", "250");
        assertThat(resumed.code()).as("%s", resumed).isZero();
        assertThat(resumed.err()).contains("resuming the copy after 300 rows")
                .contains("copied 700 rows from postgresql to mariadb table " + to)
                .contains("resumed after 300 rows (1000 in all)");
        assertThat(count(maria, to)).isEqualTo(1000);
        assertThat(count(maria, "rowstream_checkpoint WHERE job LIKE '%" + to + "' AND checkpoint LIKE '%\"done\":\"true\"%'"))
                .as("the finished copy keeps its checkpoint, marked done").isEqualTo(1);

        // Run again (a retry loop whose last run was killed just after it finished): complete, nothing written.
        Cli.Result full = copy("--resume");
        assertThat(full.code()).as("%s", full).isZero();
        assertThat(full.err()).contains("the copy was already complete (1000 rows)");
        assertThat(count(maria, to)).isEqualTo(1000);
        Cli.Result fresh = copy();
        assertThat(fresh.code()).isEqualTo(2);
        assertThat(fresh.err()).contains("already has 1000 rows: copy fills an empty table");
    }

    @Test
    void optionsAreCheckedFirst() {
        assertThat(copy("--strategy", "offset").err()).contains("--strategy offset cannot resume a copy");
        assertThat(copy("--writer", "fast").err()).contains("unknown --writer 'fast'");
        assertThat(copy("--batch-size", "0").code()).isEqualTo(2);
        Cli.Result badUrl = Cli.run("copy", "--from-url", "postgres://x", "--to-url", maria.jdbcUrl(), "--table", from);
        assertThat(badUrl.code()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--from-url 'postgres://x' is not a JDBC URL");
        Cli.Result copyWriter = copy("--writer", "copy", "--create-table");
        assertThat(copyWriter.code()).isEqualTo(2);
        assertThat(copyWriter.err()).contains("the COPY writer needs a PostgreSQL target");
    }

    @Test
    void driverOptionsForFastAndExactMariaDbAccess() {
        assertThat(ConnectionOptions.batchRewriting("jdbc:mysql://h/db")).isEqualTo("jdbc:mysql://h/db?rewriteBatchedStatements=true");
        assertThat(ConnectionOptions.batchRewriting("jdbc:mysql://h/db?user=x&rewriteBatchedStatements=false"))
                .endsWith("rewriteBatchedStatements=false");
        assertThat(ConnectionOptions.batchRewriting("jdbc:mariadb://h/db")).isEqualTo("jdbc:mariadb://h/db");
        assertThat(ConnectionOptions.exactFloats("jdbc:mariadb://h/db?user=x")).endsWith("&useServerPrepStmts=true");
        assertThat(ConnectionOptions.exactFloats("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
    }

    private static long count(DbTarget db, String from) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
