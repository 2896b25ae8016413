package dev.rowstream.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.dialect.ColumnType;
import dev.rowstream.dialect.CopyTypes;
import dev.rowstream.dialect.PostgresDialect;
import dev.rowstream.job.ExportResult;
import dev.rowstream.sink.Sinks;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A table copied from each database into each database (a new table, created from the source's types), with
 * the values that break copies: NULL next to the empty string, decimals with their scale, microseconds,
 * dates before 1970 and after 2038, binary, emoji, tabs and backslashes. The rows read back from the target
 * are the source's, value for value. (MySQL Connector/J is a target too: the same MariaDB server through
 * another driver, whose timestamp parameters lose their fraction unless bound through the dialect.)
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class TableSinkContractTest {
    private static final int ROWS = 2_500;
    private final DbTarget source;

    TableSinkContractTest(DbTarget source) {
        this.source = source;
    }

    private String createSource() throws SQLException {
        // MySQL Connector/J reads the table MariaDB Connector/J wrote (its own timestamp parameters would lose
        // their fraction: that trap is the target side's, tested there).
        DbTarget writer = source == DbTarget.MYSQL_CJ ? DbTarget.MARIADB : source;
        String t = source.table("copysrc");
        String binary = switch (source) {
            case POSTGRES -> "bytea";
            case SQLITE -> "BLOB";
            default -> "VARBINARY(16)";
        };
        String ts = writer == DbTarget.MARIADB ? "DATETIME(6)" : "TIMESTAMP(6)";
        writer.execute("CREATE TABLE " + t + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(60), amount DECIMAL(12,2),"
                + " d DATE, ts " + ts + " NULL, flag BOOLEAN, bin " + binary + ", x DOUBLE PRECISION)");
        try (Connection c = writer.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= ROWS; i++) {
                Object[] row = row(i);
                for (int j = 0; j < row.length; j++) {
                    bind(ps, j + 1, row[j]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
            c.setAutoCommit(true);
        }
        return t;
    }

    static Object[] row(int i) {
        return switch (i) {
            case 1 -> new Object[] {1L, "plain", new BigDecimal("1.50"), LocalDate.of(2024, 1, 31),
                LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_456_000), true, new byte[] {0, 1, 2}, 0.1};
            case 2 -> new Object[] {2L, "", new BigDecimal("0.10"), LocalDate.of(1969, 12, 31),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), false, new byte[0], -1.5e300};
            case 3 -> new Object[] {3L, null, null, null, null, null, null, null};
            case 4 -> new Object[] {4L, "emoji 😀 ü, \"q\" \\ \t tab\nline", new BigDecimal("-9999999999.99"),
                LocalDate.of(2100, 12, 31), LocalDateTime.of(2040, 2, 29, 0, 0), true, new byte[] {(byte) 0xff}, 4.9e-324};
            default -> new Object[] {(long) i, "name-" + i, BigDecimal.valueOf(i, 2), LocalDate.of(2000, 1, 1).plusDays(i),
                LocalDateTime.of(2000, 1, 1, 0, 0).plusSeconds(i).plusNanos(i * 1000L), i % 2 == 0,
                new byte[] {(byte) i, (byte) (i >> 8)}, i / 7.0};
        };
    }

    /** SQLite has no date, decimal or boolean types: store them as the copy itself would (text, 0 and 1). */
    private void bind(PreparedStatement ps, int index, Object v) throws SQLException {
        if (source == DbTarget.SQLITE && (v instanceof BigDecimal || v instanceof LocalDate || v instanceof LocalDateTime)) {
            ps.setString(index, v instanceof BigDecimal d ? d.toPlainString() : v.toString());
        } else if (source == DbTarget.SQLITE && v instanceof Boolean b) {
            ps.setInt(index, b ? 1 : 0);
        } else if (v == null) {
            ps.setObject(index, null);
        } else {
            ps.setObject(index, v);
        }
    }

    @Test
    void copiesEveryValueIntoEveryDatabase() throws Exception {
        String from = createSource();
        for (DbTarget to : DbTarget.values()) {
            String table = to.table("copydst");
            TableSink sink = Sinks.table(to.dataSource(), table).createTable(true);
            ExportResult r = RowStreams.from(source.dataSource()).table(from).batchSize(1000).exportTo(sink).run();
            assertThat(r.rows()).as("%s to %s", source, to).isEqualTo(ROWS);
            assertThat(sink.created()).isTrue();
            assertThat(sink.writerName()).isEqualTo(to == DbTarget.POSTGRES ? "COPY" : "batched INSERT");
            List<ColumnType> kinds = kinds(from);
            // SQLite's DECIMAL column has NUMERIC affinity: it stored 1.50 as the REAL 1.5, so only the value compares.
            boolean scaleless = source == DbTarget.SQLITE;
            List<String> want = canonical(source, from, kinds, scaleless);
            List<String> got = canonical(to, table, kinds, scaleless);
            assertThat(got).as("%s to %s", source, to).hasSize(ROWS);
            for (int i = 0; i < ROWS; i++) {
                assertThat(got.get(i)).as("%s to %s, row %d", source, to, i + 1).isEqualTo(want.get(i));
            }
            // The job is named after the source's real name, which H2 folds to upper case.
            String real = source == DbTarget.H2 ? from.toUpperCase(java.util.Locale.ROOT) : from;
            try (Connection c = to.dataSource().getConnection()) {
                assertThat(new dev.rowstream.checkpoint.JdbcCheckpointStore(c, "rowstream_checkpoint",
                        "copy " + real + " to " + table).load()).as("%s to %s: kept at the end, marked done", source, to)
                        .hasValueSatisfying(done -> assertThat(done.sink()).containsEntry("done", "true"));
            }
            to.dropTable(table);
        }
        source.dropTable(from);
    }

    /**
     * A copy killed after its last commit, before it could say so, is run again with resume(true): the done
     * checkpoint says the copy is complete (nothing is written). Emptied, the target can be copied into again.
     */
    @Test
    void aCompletedCopyResumedAgainIsCompleteAndAnEmptiedTargetCanBeFilledAgain() throws Exception {
        String from = createSource();
        DbTarget to = source;
        String table = to.table("copyagain");
        RowStreams.from(source.dataSource()).table(from).batchSize(2)
                .exportTo(Sinks.table(to.dataSource(), table).createTable(true)).run();
        ExportResult again = RowStreams.from(source.dataSource()).table(from).batchSize(2)
                .exportTo(Sinks.table(to.dataSource(), table)).resume(true).run();
        assertThat(again.alreadyComplete()).isTrue();
        assertThat(again.total()).isEqualTo(ROWS);
        assertThat(count(to, table)).isEqualTo(ROWS);

        to.execute("DELETE FROM " + table);
        ExportResult fresh = RowStreams.from(source.dataSource()).table(from).batchSize(2)
                .exportTo(Sinks.table(to.dataSource(), table)).run();
        assertThat(fresh.rows()).isEqualTo(ROWS);
        assertThat(count(to, table)).isEqualTo(ROWS);
        to.dropTable(table);
        source.dropTable(from);
    }

    private static long count(DbTarget target, String table) throws SQLException {
        try (Connection c = target.dataSource().getConnection();
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Each value as its source column's kind says, in one text: equal texts mean equal values. */
    static List<String> canonical(DbTarget target, String table, List<ColumnType> kinds, boolean scaleless)
            throws SQLException {
        CopyTypes any = new PostgresDialect().copyTypes();
        List<String> rows = new ArrayList<>();
        try (RowStream<Row> stream = RowStreams.from(target.dataSource()).table(table).key("id").open()) {
            for (Row r : stream) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < r.size(); i++) {
                    Object v = Coerce.to(kinds.get(i), any, r.get(i));
                    sb.append(i > 0 ? " | " : "").append(v instanceof byte[] b ? Base64.getEncoder().encodeToString(b)
                            : v instanceof BigDecimal bd ? (scaleless ? bd.stripTrailingZeros() : bd).toPlainString()
                            : String.valueOf(v));
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }

    /** The source columns' kinds, as the copy reads them. */
    private List<ColumnType> kinds(String table) throws SQLException {
        List<ColumnType> kinds = new ArrayList<>();
        try (Connection c = source.dataSource().getConnection()) {
            var d = dev.rowstream.dialect.Dialects.detect(c.getMetaData());
            for (var col : dev.rowstream.internal.TableColumns.describe(c, d, table, null).columns()) {
                kinds.add(d.copyTypes().source(col));
            }
        }
        return kinds;
    }

    @Test
    void aMissingTargetTableAndAnUnmappableTypeAreRefusedBeforeAnyWrite() throws Exception {
        String from = source.table("copyref");
        source.execute("CREATE TABLE " + from + " (id INTEGER NOT NULL PRIMARY KEY, v VARCHAR(10))");
        source.execute("INSERT INTO " + from + " VALUES (1, 'a')");
        DbTarget to = source == DbTarget.POSTGRES ? DbTarget.MARIADB : DbTarget.POSTGRES;
        assertThatThrownBy(() -> RowStreams.from(source.dataSource()).table(from)
                .exportTo(Sinks.table(to.dataSource(), to.table("nosuch"))).run())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("does not exist")
                .hasMessageContaining("createTable(true)");
        source.dropTable(from);
    }
}
