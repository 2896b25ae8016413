package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.RowStreamException;
import dev.rowstream.RowStreams;
import dev.rowstream.copy.TableSink;
import dev.rowstream.job.ExportResult;
import dev.rowstream.sink.Sinks;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A copy checks the read, the key and the target fully before it changes the target: a refused copy, into
 * each database, leaves no table and no checkpoint table behind (the parameter is the target; the source is
 * H2, or SQLite when H2 is the target).
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class CopyRefusalContractTest {
    private final DbTarget target;
    private final DbTarget source;

    CopyRefusalContractTest(DbTarget target) {
        this.target = target;
        this.source = target == DbTarget.H2 ? DbTarget.SQLITE : DbTarget.H2;
    }

    @Test
    void aRefusedCopyLeavesNoTableBehind() throws Exception {
        String from = Tables.orders(source, "refsrc", 50, 0);
        String to = target.table("refdst");
        String checkpoints = target.table("refckpt");
        Supplier<TableSink> sink = () -> Sinks.table(target.dataSource(), to).createTable(true).checkpointTable(checkpoints);
        UnaryOperator<ReadBuilder> read = r -> r.table(from).batchSize(10);
        // The read: a key column that is not there, a condition the database refuses, a strategy without a key.
        refused(() -> read.apply(RowStreams.from(source.dataSource())).key("nosuch").exportTo(sink.get()).run(),
                "nosuch", to, checkpoints);
        refused(() -> read.apply(RowStreams.from(source.dataSource())).where("nosuch = 1").exportTo(sink.get()).run(),
                "nosuch", to, checkpoints);
        refused(() -> RowStreams.from(source.dataSource()).query("SELECT id FROM " + from).exportTo(sink.get()).run(),
                "createTable(true) needs a table to read", to, checkpoints);
        // The target: a writer it cannot have, columns that are not there.
        if (target != DbTarget.POSTGRES) {
            refused(() -> read.apply(RowStreams.from(source.dataSource())).exportTo(sink.get()
                    .writer(TableSink.Writer.COPY)).run(), "the COPY writer needs a PostgreSQL target", to, checkpoints);
        }
        refused(() -> read.apply(RowStreams.from(source.dataSource())).exportTo(Sinks.table(target.dataSource(), to)
                .checkpointTable(checkpoints)).run(), "does not exist", to, checkpoints);
        // And one that is not refused, for contrast: it creates both.
        ExportResult r = read.apply(RowStreams.from(source.dataSource())).exportTo(sink.get()).run();
        assertThat(r.rows()).isEqualTo(50);
        assertThat(exists(target, to)).isTrue();
        assertThat(exists(target, checkpoints)).isTrue();
        // A target that already has rows is refused before the checkpoint is written.
        dropExact(checkpoints);
        refused(() -> read.apply(RowStreams.from(source.dataSource())).exportTo(Sinks.table(target.dataSource(), to)
                .checkpointTable(checkpoints)).run(), "already has 50 rows", null, checkpoints);
        target.dropTable(to);
        source.dropTable(from);
    }

    /** The checkpoint table's name is used exactly as written (quoted): drop it the same way. */
    private void dropExact(String table) {
        boolean maria = target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ;
        target.dropTable(maria ? "`" + table + "`" : "\"" + table + "\"");
    }

    /** A type the target cannot hold is refused with its column's name, before the table is created. */
    @Test
    void anUnmappableColumnIsRefusedBeforeTheTableIsCreated() throws Exception {
        if (target == DbTarget.POSTGRES || target == DbTarget.SQLITE) {
            return; // both hold PostgreSQL's unconstrained numeric (SQLite as exact text); the others cannot
        }
        String from = DbTarget.POSTGRES.table("refodd");
        DbTarget.POSTGRES.execute("CREATE TABLE " + from + " (id int PRIMARY KEY, n numeric)");
        String to = target.table("refodd");
        String checkpoints = target.table("refckpt");
        refused(() -> RowStreams.from(DbTarget.POSTGRES.dataSource()).table(from).exportTo(Sinks.table(
                target.dataSource(), to).createTable(true).checkpointTable(checkpoints)).run(),
                "column n (numeric) cannot be created on", to, checkpoints);
        DbTarget.POSTGRES.dropTable(from);
    }

    private void refused(Runnable copy, String why, String table, String checkpoints) throws SQLException {
        assertThatThrownBy(copy::run).isInstanceOf(RowStreamException.class).hasMessageContaining(why)
                .satisfies(e -> assertThat(e instanceof InvalidSpecException || why.equals("nosuch")).isTrue());
        if (table != null) {
            assertThat(exists(target, table)).as("%s: target table", why).isFalse();
        }
        assertThat(exists(target, checkpoints)).as("%s: checkpoint table", why).isFalse();
    }

    private static boolean exists(DbTarget db, String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
