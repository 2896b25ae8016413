package dev.rowstream.keyset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.StreamFailedException;
import dev.rowstream.StreamListener;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every seek is checked while reading, whatever the key: each batch and segment reads one look-ahead row,
 * and the next must start with exactly its key. Rows that change in between are read as they are now (a
 * keyset read reads what exists); a seek that leaves out the row after its key, or does not move past it,
 * or two rows that read as the same key, stop the read with {@link StreamFailedException} naming the key's
 * columns and types. Never a loop, never a silent skip.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class SeekGuardContractTest {
    private static final int MAX_ROWS = 100;

    private final DbTarget target;

    SeekGuardContractTest(DbTarget target) {
        this.target = target;
    }

    private boolean isMariaDb() {
        return target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ;
    }

    private ReadBuilder from() {
        return RowStreams.from(target.dataSource());
    }

    /** ids 10, 20, ..., 10 * n. */
    private String tens(String base, int n) {
        String t = target.table(base);
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, v VARCHAR(10))");
        if (n > 0) {
            StringJoiner rows = new StringJoiner(", ");
            for (int i = 1; i <= n; i++) {
                rows.add("(" + 10 * i + ", 'v" + i + "')");
            }
            target.execute("INSERT INTO " + t + " (id, v) VALUES " + rows);
        }
        return t;
    }

    private record Outcome(List<Long> ids, RuntimeException failure) {
    }

    private static Outcome read(ReadBuilder builder, Consumer<Long> seen) {
        return read(builder, "id", seen);
    }

    /** The values of {@code column}, a number, in stream order, until the end or the first exception. */
    private static Outcome read(ReadBuilder builder, String column, Consumer<Long> seen) {
        List<Long> ids = new ArrayList<>();
        try (RowStream<Row> rows = builder.open()) {
            for (Row r : rows) {
                long id = ((Number) r.get(column)).longValue();
                ids.add(id);
                seen.accept(id);
                if (ids.size() > MAX_ROWS) {
                    throw new IllegalStateException("the stream does not end: " + ids.subList(0, 20));
                }
            }
            return new Outcome(ids, null);
        } catch (RuntimeException e) {
            return new Outcome(ids, e);
        }
    }

    /** Counts batches and segments, and the rows each one handed out. */
    private static final class Pieces implements StreamListener {
        final List<Long> rows = new ArrayList<>();

        @Override
        public void onBatch(int n) {
            rows.add((long) n);
        }

        @Override
        public void onSegment(long n) {
            rows.add(n);
        }
    }

    /**
     * The look-ahead row tells where the data ends: n rows in batches (or segments) of b take ceil(n / b)
     * queries, never an empty last one when b divides n; an empty table takes one. Batch sizes 1, n - 1, n,
     * n + 1 and more, over a table and a query.
     */
    @Test
    void everyBatchAndSegmentReadsOneLookAheadRowSoNoEmptyLastQueryIsNeeded() {
        int n = 12;
        String t = tens("ahead", n);
        String empty = tens("ahead_empty", 0);
        List<Long> all = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            all.add(10L * i);
        }
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET, Strategy.HYBRID}) {
            for (int size : new int[] {1, 5, n - 1, n, n + 1, 100}) {
                for (boolean query : new boolean[] {false, true}) {
                    Pieces pieces = new Pieces();
                    ReadBuilder b = (query ? from().query("SELECT id, v FROM " + t).key("id") : from().table(t))
                            .strategy(s).batchSize(size).segmentRows(size).listener(pieces);
                    Outcome o = read(b, id -> { });
                    assertThat(o.failure).as("%s size %d query %s", s, size, query).isNull();
                    assertThat(o.ids).as("%s size %d query %s", s, size, query).isEqualTo(all);
                    // A query's column may hold NULLs; where they sort last (PostgreSQL), an index range of their
                    // own reads them after the values: one more query, which finds none here.
                    boolean nullTail = query && s != Strategy.OFFSET && target == DbTarget.POSTGRES;
                    List<Long> expected = new ArrayList<>();
                    for (int left = n; left > 0; left -= size) {
                        expected.add((long) Math.min(size, left));
                    }
                    if (nullTail) {
                        expected.add(0L);
                    }
                    assertThat(pieces.rows).as("%s size %d query %s: rows per batch or segment", s, size, query)
                            .isEqualTo(expected);
                }
            }
            Pieces pieces = new Pieces();
            Outcome o = read(from().table(empty).strategy(s).batchSize(3).segmentRows(3).listener(pieces), id -> { });
            assertThat(o.ids).as("%s over an empty table", s).isEmpty();
            assertThat(pieces.rows).as("%s over an empty table", s).containsExactly(0L);
        }
    }

    /**
     * At each boundary after a full batch or segment, before the next one runs, the look-ahead row is deleted
     * and a row is inserted just after the last row read: a keyset read reads the table as it is now (the new
     * row, not the deleted one) and goes on; an offset read, whose offsets those changes shift, stops instead.
     */
    @Test
    void rowsChangedAtABoundaryAreReadAsTheyAreNowAndAnOffsetReadStops() throws SQLException {
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.HYBRID, Strategy.OFFSET}) {
            for (boolean query : new boolean[] {false, true}) {
                String t = tens("changed", 10);
                long[] last = {0};
                List<Long> deleted = new ArrayList<>();
                List<Long> inserted = new ArrayList<>();
                Runnable change = () -> {
                    try (Connection c = target.dataSource().getConnection()) {
                        Long ahead = firstAfter(c, t, last[0]);
                        if (ahead != null) {
                            execute(c, "DELETE FROM " + t + " WHERE id = " + ahead);
                            deleted.add(ahead);
                        }
                        execute(c, "INSERT INTO " + t + " (id, v) VALUES (" + (last[0] + 1) + ", 'new')");
                        inserted.add(last[0] + 1);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                };
                StreamListener atBoundary = new StreamListener() {
                    @Override
                    public void onBatch(int rows) {
                        if (rows == 3) {
                            change.run();
                        }
                    }

                    @Override
                    public void onSegment(long rows) {
                        if (rows == 3) {
                            change.run();
                        }
                    }
                };
                ReadBuilder b = (query ? from().query("SELECT id, v FROM " + t).key("id") : from().table(t))
                        .strategy(s).batchSize(3).segmentRows(3).listener(atBoundary);
                Outcome o = read(b, id -> last[0] = id);
                if (s == Strategy.OFFSET) {
                    assertThat(o.failure).as("%s query %s", s, query).isInstanceOf(StreamFailedException.class)
                            .hasMessageContaining("rows changed while an offset read ran")
                            .hasMessageContaining("Use strategy keyset");
                    assertThat(o.ids).as("%s: the rows before the boundary", s).containsExactly(10L, 20L, 30L);
                } else {
                    assertThat(o.failure).as("%s query %s", s, query).isNull();
                    assertThat(deleted).as("%s: look-ahead rows deleted", s).hasSizeGreaterThan(2);
                    assertThat(o.ids).as("%s query %s: the table as it is now", s, query).isEqualTo(ids(t));
                    assertThat(o.ids).as("%s", s).containsAll(inserted).doesNotContainAnyElementsOf(deleted);
                }
                target.dropTable(t);
            }
        }
    }

    private static Long firstAfter(Connection c, String t, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(id) FROM " + t + " WHERE id > ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
        }
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<Long> ids(String t) {
        return target.longs("SELECT id FROM " + t + " ORDER BY id");
    }

    /**
     * MariaDB's ORDER BY compares only max_sort_length bytes of a value, its seek the whole value. The key's
     * column is longer than that, which the planner refuses; here only the planning connection has its
     * max_sort_length raised (a pool whose sessions differ), so the plan passes and the batches sort by
     * the first 1024 bytes: the seek after a row then leaves out the row that follows it, and the guard
     * stops the read before any row is lost.
     */
    @Test
    void aSeekThatLeavesOutTheRowAfterItsKeyStopsTheReadNamingTheKey() {
        Assumptions.assumeTrue(isMariaDb(), "MariaDB's ORDER BY only: max_sort_length");
        String t = target.table("sortlen");
        String prefix = "x".repeat(1100);
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, v VARCHAR(1200) CHARACTER SET latin1"
                        + " NOT NULL)",
                "INSERT INTO " + t + " (id, v) VALUES (1, '" + prefix + "b'), (2, '" + prefix + "a'), (3, 'y')");
        DataSource firstSessionRaised = firstConnection(target.dataSource(),
                "SET SESSION max_sort_length = 8388608");
        // The planner refuses the column where the session compares 1024 bytes only.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> from().table(t).key("v").open())
                .hasMessageContaining("max_sort_length");
        Outcome o = read(RowStreams.from(firstSessionRaised).table(t).key("v").strategy(Strategy.KEYSET).batchSize(1),
                id -> { });
        assertThat(o.failure).isInstanceOf(StreamFailedException.class)
                .hasMessageContaining("the key (v VARCHAR, id ")
                .hasMessageContaining("leaves out the row that follows it")
                .hasMessageContaining("stopped instead");
        assertThat(o.ids).containsExactly(1L);
    }

    /**
     * A database no dialect knows gets the driver's own mapping (getObject, setObject). Here that is MariaDB
     * in ANSI mode through MySQL Connector/J, which reads TINYINT(1) values 2 and 3 both as {@code true}: two
     * rows of a unique key that read as one key stop the read at the look-ahead row; resumed from a
     * checkpoint at that key (no look-ahead behind it), the seek does not move past it, and the read stops.
     */
    @Test
    void aKeyTheDriverReadsLossilyStopsTheReadInsteadOfLoopingOrSkipping() {
        Assumptions.assumeTrue(target == DbTarget.MYSQL_CJ, "MySQL Connector/J reads TINYINT(1) 2 as true");
        String t = target.table("lossy");
        target.execute("CREATE TABLE " + t + " (id TINYINT(1) NOT NULL PRIMARY KEY, v INT)",
                "INSERT INTO " + t + " (id, v) VALUES (0, 0), (2, 2), (3, 3)");
        DataSource unknown = unknownDatabase(target.dataSource());
        Outcome o = read(RowStreams.from(unknown).table(t).strategy(Strategy.KEYSET).batchSize(1), "v", id -> { });
        assertThat(o.failure).isInstanceOf(StreamFailedException.class)
                .hasMessageContaining("two rows of a unique key read as the same key [true]");
        assertThat(o.ids).containsExactly(0L, 2L);

        Checkpoint at;
        try (RowStream<Row> rows = RowStreams.from(unknown).table(t).strategy(Strategy.KEYSET).batchSize(5).open()) {
            var it = rows.iterator();
            it.next();
            it.next();
            at = rows.checkpoint();
        }
        Outcome resumed = read(RowStreams.from(unknown).table(t).strategy(Strategy.KEYSET).batchSize(5)
                .resumeFrom(at), "v", id -> { });
        assertThat(resumed.failure).isInstanceOf(StreamFailedException.class)
                .hasMessageContaining("the seek did not move past the key [true]");
        assertThat(resumed.ids).isEmpty();
    }

    /** Runs {@code sql} on the first connection {@code ds} hands out. */
    private static DataSource firstConnection(DataSource ds, String sql) {
        boolean[] first = {true};
        return forward(DataSource.class, ds, (method, result) -> {
            if (method.equals("getConnection") && first[0]) {
                first[0] = false;
                try (Statement s = ((Connection) result).createStatement()) {
                    s.execute(sql);
                }
            }
            return result;
        });
    }

    /**
     * {@code ds} as a database rowstream does not know (its product name says "Acme"), in ANSI mode so that
     * standard SQL's quoted names work on MariaDB.
     */
    private static DataSource unknownDatabase(DataSource ds) {
        return forward(DataSource.class, ds, (method, result) -> {
            if (!method.equals("getConnection")) {
                return result;
            }
            Connection c = (Connection) result;
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
            }
            return forward(Connection.class, c, (m, r) -> !m.equals("getMetaData") ? r
                    : forward(DatabaseMetaData.class, (DatabaseMetaData) r,
                        (mm, rr) -> mm.equals("getDatabaseProductName") || mm.equals("getDriverName") ? "Acme" : rr));
        });
    }

    private interface After {
        Object after(String method, Object result) throws SQLException;
    }

    private static <T> T forward(Class<T> type, T real, After after) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return after.after(method.getName(), method.invoke(real, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
