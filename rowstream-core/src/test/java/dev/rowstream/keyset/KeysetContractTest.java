package dev.rowstream.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.NonUniqueKeyException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.ReadPlan;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keyset pagination never loses a row silently: a key that could tie is rejected before reading, made
 * unique with the primary key, or checked while reading (a tie at a batch boundary stops the stream
 * with {@link NonUniqueKeyException}); names are checked, quoted and never carry SQL.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class KeysetContractTest {
    /** Reads stop here, so a stream that repeats rows forever fails instead of hanging. */
    private static final int MAX_ROWS = 100;

    private final DbTarget target;

    KeysetContractTest(DbTarget target) {
        this.target = target;
    }

    private boolean isMariaDb() {
        return target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ;
    }

    private ReadBuilder from() {
        return RowStreams.from(target.dataSource());
    }

    /** The values of one column, in stream order, until the end or the first exception. */
    private record Outcome(List<Object> values, RuntimeException failure) {
    }

    private static Outcome read(Supplier<RowStream<Row>> open, String column) {
        List<Object> values = new ArrayList<>();
        try (RowStream<Row> rows = open.get()) {
            for (Row r : rows) {
                values.add(r.get(column) instanceof Number n ? (Object) n.longValue() : r.get(column));
                if (values.size() > MAX_ROWS) {
                    throw new IllegalStateException("the stream does not end: " + values.subList(0, 12) + "...");
                }
            }
            return new Outcome(values, null);
        } catch (RuntimeException e) {
            return new Outcome(values.size() > MAX_ROWS ? values.subList(0, 12) : values, e);
        }
    }

    private static List<Object> readAll(Supplier<RowStream<Row>> open, String column) {
        Outcome o = read(open, column);
        if (o.failure != null) {
            throw new AssertionError("the read failed after " + o.values + ": " + o.failure, o.failure);
        }
        return o.values;
    }

    private long count(String table) {
        try (Connection c = target.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError("counting " + table + " on " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code (id, k)} rows with ids 1..n and the given k values. */
    private String keyed(String base, long... k) {
        String t = target.table(base);
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, k INT NOT NULL)");
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < k.length; i++) {
            values.add("(" + (i + 1) + ", " + k[i] + ")");
        }
        target.execute("INSERT INTO " + t + " (id, k) VALUES " + values);
        return t;
    }

    private static List<Object> longs(long... values) {
        List<Object> list = new ArrayList<>();
        for (long v : values) {
            list.add(v);
        }
        return list;
    }

    // ---- keys that could tie, on tables

    @Test
    void nonUniqueKeyOnATableWithoutPrimaryKeyIsRejectedBeforeReading() {
        String t = target.table("nopk");
        target.execute("CREATE TABLE " + t + " (grp INT NOT NULL, name VARCHAR(20))",
                "INSERT INTO " + t + " (grp, name) VALUES (1, 'a'), (1, 'b'), (2, 'c')");
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET}) {
            assertThatThrownBy(() -> from().table(t).key("grp, name").strategy(s).batchSize(1).open())
                    .as("%s", s)
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("not provably unique")
                    .hasMessageContaining("no primary key")
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("(grp, name)"));
            assertThatThrownBy(() -> from().table(t).key("grp").strategy(s).plan())
                    .isInstanceOf(InvalidSpecException.class)
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("key (grp)"));
        }
        assertThat(target.openConnections()).isZero();
    }

    @Test
    void aUniqueIndexOverNullableColumnsDoesNotProveAKeyUnique() {
        String t = target.table("nullable_unique");
        target.execute("CREATE TABLE " + t + " (u INT, v INT NOT NULL)",
                "CREATE UNIQUE INDEX " + t + "_u ON " + t + " (u)",
                "CREATE UNIQUE INDEX " + t + "_v ON " + t + " (v)",
                "INSERT INTO " + t + " (u, v) VALUES (NULL, 1), (NULL, 2), (3, 3)");
        assertThatThrownBy(() -> from().table(t).key("u").strategy(Strategy.KEYSET).open())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("not provably unique");
        // A NOT NULL unique index proves it: no tiebreaker, no run-time check needed.
        ReadPlan plan = from().table(t).key("v DESC").strategy(Strategy.KEYSET).plan();
        assertThat(plan.key()).isEqualToIgnoringCase("v DESC");
        assertThat(plan.keyProvenUnique()).isTrue();
        assertThat(readAll(() -> from().table(t).key("v DESC").strategy(Strategy.KEYSET).batchSize(1).open(), "v"))
                .isEqualTo(longs(3, 2, 1));
    }

    @Test
    void nonUniqueKeyOnATableWithPrimaryKeyGetsThePrimaryKeyAsTiebreaker() {
        // k = 1, 1, 1, 2, 2, 2, 0, 0, 0, 1, 1, 1 for ids 1..12
        String t = keyed("tiebreak", 1, 1, 1, 2, 2, 2, 0, 0, 0, 1, 1, 1);
        ReadPlan asc = from().table(t).key("k").strategy(Strategy.KEYSET).plan();
        assertThat(asc.key()).isEqualToIgnoringCase("k ASC, id ASC");
        assertThat(asc.keyProvenUnique()).isTrue();
        assertThat(from().table(t).key("k DESC NULLS LAST").strategy(Strategy.OFFSET).plan().key())
                .isEqualToIgnoringCase("k DESC NULLS LAST, id ASC");
        List<Object> ascending = longs(7, 8, 9, 1, 2, 3, 10, 11, 12, 4, 5, 6);
        List<Object> descending = longs(4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9);
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET, Strategy.CURSOR}) {
            for (int batch : new int[] {1, 3, 11, 12, 13}) {
                assertThat(readAll(() -> from().table(t).key("k").strategy(s).batchSize(batch).open(), "id"))
                        .as("%s batch %d", s, batch).isEqualTo(ascending);
                assertThat(readAll(() -> from().table(t).key("k DESC").strategy(s).batchSize(batch).open(), "id"))
                        .as("%s batch %d DESC", s, batch).isEqualTo(descending);
            }
        }
    }

    // ---- keys that tie, on queries (nothing proves a query's key unique: it is checked while reading)

    @Test
    void queryWithTiesAtABatchBoundaryStopsWithNonUniqueKeyAndSkipsNothing() {
        // k: 1 2 3 | 4 5 6 | 6 7 with batch size 3: the second batch ends inside the tie on 6.
        String t = keyed("boundary", 1, 2, 3, 4, 5, 6, 6, 7);
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET}) {
            Outcome o = read(() -> from().query("SELECT k, id FROM " + t).key("k").strategy(s).batchSize(3).open(), "k");
            assertThat(o.failure).as("%s", s).isInstanceOf(NonUniqueKeyException.class);
            assertThat(o.failure.getMessage()).as("%s", s).contains("is not unique").contains("[6]");
            // Rows are handed out as they are read; the tie shows when the batch's look-ahead row is read.
            assertThat(o.values).as("%s: the rows before the failure are a prefix of the order", s)
                    .isEqualTo(longs(1, 2, 3, 4, 5, 6));
        }
        // A cursor reads one query: ties cannot be skipped.
        assertThat(readAll(() -> from().query("SELECT k, id FROM " + t).key("k").strategy(Strategy.CURSOR).batchSize(3)
                .open(), "k")).isEqualTo(longs(1, 2, 3, 4, 5, 6, 6, 7));
    }

    @Test
    void queryWithTiesAtTheFirstBoundaryStopsAfterTheFirstBatch() {
        String t = keyed("first_boundary", 1, 2, 3, 3);
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET}) {
            Outcome o = read(() -> from().query("SELECT k FROM " + t).key("k").strategy(s).batchSize(3).open(), "k");
            assertThat(o.failure).as("%s", s).isInstanceOf(NonUniqueKeyException.class).hasMessageContaining("[3]");
            assertThat(o.values).as("%s", s).isEqualTo(longs(1, 2, 3));
        }
        assertThat(target.openConnections()).isZero();
    }

    /**
     * Ties that sit inside a batch are not lost: the seek starts after the batch's last key, which
     * differs from the next row's (the look-ahead row proves it), so every tied row was already read.
     */
    @Test
    void queryWithTiesInsideABatchDeliversEveryRowOnce() {
        // Batches of 3: k = 1 2 2 | 3 3 3 | 4 9 9. Every boundary falls between different keys.
        String t = keyed("inside", 1, 2, 2, 3, 3, 3, 4, 9, 9);
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET}) {
            Outcome o = read(() -> from().query("SELECT k, id FROM " + t).key("k").strategy(s).batchSize(3).open(), "id");
            assertThat(o.failure).as("%s", s).isNull();
            assertThat(o.values).as("%s", s).containsExactlyInAnyOrder(longs(1, 2, 3, 4, 5, 6, 7, 8, 9).toArray());
            List<Object> ks = read(() -> from().query("SELECT k, id FROM " + t).key("k").strategy(s).batchSize(3).open(),
                    "k").values;
            assertThat(ks).as("%s", s).isEqualTo(longs(1, 2, 2, 3, 3, 3, 4, 9, 9));
        }
        // One batch for everything: no boundary, no check.
        assertThat(readAll(() -> from().query("SELECT k FROM " + t).key("k").strategy(Strategy.KEYSET).batchSize(100)
                .open(), "k")).hasSize(9);
    }

    @Test
    void caseInsensitiveTieAtABatchBoundaryIsDetectedNotLost() {
        String t = target.table("ci");
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                "INSERT INTO " + t + " (id, name) VALUES (1, 'a'), (2, 'A'), (3, 'b'), (4, 'c')");
        if (isMariaDb()) {
            assertThat(collationOf(t, "name")).as("the premise: a case-insensitive collation").endsWith("_ci");
            // 'a' = 'A' in the database, but not in Java: the look-ahead row ('A') differs from the last key
            // ('a'), the next batch (name > 'a') starts at 'b', and a count of name = 'a' finds the tie.
            Outcome keyset = read(() -> from().query("SELECT name FROM " + t).key("name").strategy(Strategy.KEYSET)
                    .batchSize(1).open(), "name");
            assertThat(keyset.failure).isInstanceOf(NonUniqueKeyException.class);
            assertThat(keyset.values).hasSize(1);
            assertThat(keyset.values.get(0).toString()).isEqualToIgnoringCase("a");
            // OFFSET re-sorts each batch: when the server breaks the tie the same way every time the read is
            // complete, otherwise the look-ahead check stops it. Never a silent loss.
            Outcome offset = read(() -> from().query("SELECT name FROM " + t).key("name").strategy(Strategy.OFFSET)
                    .batchSize(1).open(), "name");
            if (offset.failure == null) {
                assertThat(offset.values).containsExactlyInAnyOrder("a", "A", "b", "c");
            } else {
                assertThat(offset.failure).isInstanceOf(NonUniqueKeyException.class);
            }
        } else {
            // Case-sensitive comparison: 'a' and 'A' do not tie, every row comes once.
            assertThat(readAll(() -> from().query("SELECT name FROM " + t).key("name").strategy(Strategy.KEYSET)
                    .batchSize(1).open(), "name")).containsExactlyInAnyOrder("a", "A", "b", "c");
        }
        // A table read appends the primary key, so the same tie is harmless.
        assertThat(readAll(() -> from().table(t).key("name").strategy(Strategy.KEYSET).batchSize(1).open(), "id"))
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    }

    private String collationOf(String table, String column) {
        try (Connection c = target.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COLLATION_NAME FROM information_schema.COLUMNS"
                     + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("column %s.%s", table, column).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    // ---- values that must survive the round trip from a result into the next seek

    /**
     * The last key is read from one batch and bound into the next batch's seek: a value that loses
     * precision on the way makes the seek skip rows (DESC) or re-read them forever (ASC).
     */
    @Test
    void fractionalSecondsInATimestampKeySurviveTheSeek() {
        String t = target.table("fraction");
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, ts "
                        + (isMariaDb() ? "DATETIME(6)" : "TIMESTAMP") + " NOT NULL)",
                "INSERT INTO " + t + " (id, ts) VALUES (1, '2024-01-01 00:00:00'), (2, '2024-01-01 00:00:00.000001'),"
                        + " (3, '2024-01-01 00:00:00.5'), (4, '2024-01-01 00:00:00.999999'), (5, '2024-01-01 00:00:01')");
        SoftAssertions soft = new SoftAssertions();
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET, Strategy.CURSOR}) {
            Outcome asc = read(() -> from().table(t).key("ts").strategy(s).batchSize(1).open(), "id");
            soft.assertThat(asc.values).as("%s ASC (failure: %s)", s, asc.failure).isEqualTo(longs(1, 2, 3, 4, 5));
            Outcome desc = read(() -> from().table(t).key("ts DESC").strategy(s).batchSize(1).open(), "id");
            soft.assertThat(desc.values).as("%s DESC (failure: %s)", s, desc.failure).isEqualTo(longs(5, 4, 3, 2, 1));
        }
        soft.assertAll();
    }

    /**
     * A column declared NOT NULL in its table is nullable in a query that outer-joins it. Drivers that
     * report the base column's nullability for a query column make the seek treat it as NOT NULL (row
     * value, no {@code OR x IS NULL}); the NULL rows must still all come.
     */
    @Test
    void aQueryKeyMadeNullableByAnOuterJoinKeepsItsNullRows() {
        String a = target.table("outer_a");
        String b = target.table("outer_b");
        target.execute("CREATE TABLE " + a + " (id INT NOT NULL PRIMARY KEY)",
                "CREATE TABLE " + b + " (id INT NOT NULL PRIMARY KEY, x INT NOT NULL)",
                "INSERT INTO " + a + " (id) VALUES (1), (2), (3), (4), (5), (6), (7), (8)",
                "INSERT INTO " + b + " (id, x) VALUES (1, 10), (3, 20), (5, 30), (7, 40)");
        String query = "SELECT " + a + ".id AS id, " + b + ".x AS x FROM " + a + " LEFT JOIN " + b
                + " ON " + b + ".id = " + a + ".id";
        SoftAssertions soft = new SoftAssertions();
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET, Strategy.CURSOR}) {
            for (int batch : new int[] {1, 2, 3}) {
                Outcome last = read(() -> from().query(query).key("x NULLS LAST, id").strategy(s).batchSize(batch)
                        .open(), "id");
                soft.assertThat(last.values).as("%s batch %d, x NULLS LAST (failure: %s)", s, batch, last.failure)
                        .isEqualTo(longs(1, 3, 5, 7, 2, 4, 6, 8));
                Outcome first = read(() -> from().query(query).key("x DESC NULLS FIRST, id").strategy(s)
                        .batchSize(batch).open(), "id");
                soft.assertThat(first.values).as("%s batch %d, x DESC NULLS FIRST (failure: %s)", s, batch,
                        first.failure).isEqualTo(longs(2, 4, 6, 8, 7, 5, 3, 1));
            }
        }
        soft.assertAll();
    }

    /**
     * A partial unique index (PostgreSQL, SQLite) is unique only over the rows its WHERE selects: it
     * proves nothing about the others, so it must not remove the tiebreaker.
     */
    @Test
    void aPartialUniqueIndexDoesNotProveAKeyUnique() {
        Assumptions.assumeTrue(target == DbTarget.POSTGRES || target == DbTarget.SQLITE,
                "only PostgreSQL and SQLite have partial indexes");
        // k: 1 1 2 2 3 3 (ties), then 101 102 (unique, and the only rows the index covers)
        String t = keyed("partial", 1, 1, 2, 2, 3, 3, 101, 102);
        target.execute("CREATE UNIQUE INDEX " + t + "_k ON " + t + " (k) WHERE k > 100");
        ReadPlan plan = from().table(t).key("k").strategy(Strategy.KEYSET).plan();
        Outcome o = read(() -> from().table(t).key("k").strategy(Strategy.KEYSET).batchSize(1).open(), "id");
        assertThat(o.values).as("plan key %s; failure %s", plan.key(), o.failure)
                .containsExactlyInAnyOrder(longs(1, 2, 3, 4, 5, 6, 7, 8).toArray());
    }

    /**
     * SQLite lets a PRIMARY KEY column that is not INTEGER PRIMARY KEY (nor WITHOUT ROWID) hold many
     * NULLs, so such a primary key proves nothing about NULL rows.
     */
    @Test
    void aSqlitePrimaryKeyThatAllowsNullsDoesNotProveAKeyUnique() {
        Assumptions.assumeTrue(target == DbTarget.SQLITE, "only SQLite allows NULLs in a primary key");
        String t = target.table("null_pk");
        target.execute("CREATE TABLE " + t + " (code TEXT PRIMARY KEY, v INT)",
                "INSERT INTO " + t + " (code, v) VALUES (NULL, 1), (NULL, 2), (NULL, 3), ('a', 4), ('b', 5)");
        Outcome o = read(() -> from().table(t).key("code").strategy(Strategy.KEYSET).batchSize(1).open(), "v");
        if (o.failure == null) {
            assertThat(o.values).as("every row once").containsExactlyInAnyOrder(longs(1, 2, 3, 4, 5).toArray());
        } else {
            assertThat(o.failure).as("a refusal, not a loss").isInstanceOfAny(InvalidSpecException.class,
                    NonUniqueKeyException.class);
        }
    }

    /**
     * A single-precision float read back and bound into the next seek must compare equal to itself;
     * a driver that sends 0.1f as the decimal text "0.1" makes {@code x > ?} true for the same row.
     */
    @Test
    void floatKeysSurviveTheSeek() {
        String t = target.table("floats");
        // REAL is single precision on PostgreSQL and H2 (SQLite has only doubles); on MariaDB it means DOUBLE.
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, f " + (isMariaDb() ? "FLOAT" : "REAL")
                        + " NOT NULL, g "
                        + (isMariaDb() ? "DOUBLE" : "DOUBLE PRECISION") + " NOT NULL)",
                "INSERT INTO " + t + " (id, f, g) VALUES (1, 0.1, 0.1), (2, 0.2, 0.2), (3, 0.3, 0.3), (4, 0.7, 0.7),"
                        + " (5, 1.1, 1.1), (6, 3.3, 3.3)");
        SoftAssertions soft = new SoftAssertions();
        for (String key : new String[] {"f", "f DESC", "g", "g DESC"}) {
            List<Object> expected = key.endsWith("DESC") ? longs(6, 5, 4, 3, 2, 1) : longs(1, 2, 3, 4, 5, 6);
            for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET}) {
                Outcome o = read(() -> from().table(t).key(key).strategy(s).batchSize(1).open(), "id");
                soft.assertThat(o.values).as("%s key %s (failure: %s)", s, key, o.failure).isEqualTo(expected);
            }
        }
        soft.assertAll();
    }

    /**
     * Each key value goes from a result into the next batch's seek: whatever the type, that round trip
     * must give back a value the database compares equal to the original, or rows are skipped or
     * re-read. One table per type, unique values plus a duplicate (so the tiebreaker is used too).
     */
    @Test
    void everyKeyTypeSurvivesTheRoundTripIntoTheSeek() {
        SoftAssertions soft = new SoftAssertions();
        for (String[] type : keyTypes()) {
            String t = target.table("type");
            String column = type[0];
            target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, v " + column + " NOT NULL)");
            StringJoiner values = new StringJoiner(", ");
            for (int i = 1; i < type.length; i++) {
                values.add("(" + i + ", " + type[i] + ")");
            }
            target.execute("INSERT INTO " + t + " (id, v) VALUES " + values);
            for (String dir : new String[] {"ASC", "DESC"}) {
                List<Object> expected = referenceIds(t, "v " + dir + ", id ASC");
                for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET}) {
                    Outcome o = read(() -> from().table(t).key("v " + dir).strategy(s).batchSize(1).open(), "id");
                    soft.assertThat(o.values).as("%s v %s %s (failure: %s)", column, dir, s, o.failure)
                            .isEqualTo(expected);
                }
            }
        }
        soft.assertAll();
    }

    /** Per type: the column type on this target, then literals of its values. */
    private List<String[]> keyTypes() {
        List<String[]> types = new ArrayList<>();
        types.add(new String[] {"SMALLINT", "-2", "0", "1", "1", "3", "100"});
        types.add(new String[] {"BIGINT", "-9000000000", "0", "1", "9000000000", "9000000000"});
        types.add(new String[] {"DECIMAL(12,4)", "-1.5", "0.0001", "1.0000", "1", "2.5", "99999999.9999"});
        types.add(new String[] {isMariaDb() ? "DOUBLE" : target == DbTarget.POSTGRES ? "DOUBLE PRECISION" : "DOUBLE",
            "0.1", "0.2", "0.3", "0.30000000000000004", "1e300", "-1e-300"});
        types.add(new String[] {"DATE", "'1970-01-01'", "'2000-02-29'", "'2000-02-29'", "'2024-12-31'"});
        types.add(new String[] {target == DbTarget.SQLITE ? "TEXT" : "TIME(6)", "'00:00:00'", "'12:30:00.5'",
            "'12:30:00.5'", "'12:30:00.000001'", "'23:59:59.999999'"});
        types.add(new String[] {"VARCHAR(10)", "''", "'a'", "'a '", "'b'", "'B'", "'é'"});
        types.add(new String[] {"CHAR(5)", "'a'", "'ab'", "'b'", "'b'", "'abc'"});
        types.add(new String[] {"BOOLEAN", "TRUE", "FALSE", "TRUE", "FALSE"});
        String bin = target == DbTarget.POSTGRES ? "BYTEA" : isMariaDb() ? "VARBINARY(8)" : "VARBINARY(8)";
        types.add(target == DbTarget.POSTGRES
                ? new String[] {bin, "'\\x00'::bytea", "'\\x0001'::bytea", "'\\xff'::bytea", "'\\x7f'::bytea"}
                : new String[] {bin, "X'00'", "X'0001'", "X'FF'", "X'7F'"});
        if (isMariaDb()) {
            // Often used as a small number; the drivers report TINYINT(1) as BIT/BOOLEAN by default.
            types.add(new String[] {"TINYINT(1)", "0", "1", "2", "3", "-1"});
        }
        if (target == DbTarget.POSTGRES) {
            types.add(new String[] {"UUID", "'00000000-0000-0000-0000-000000000001'",
                "'ffffffff-0000-0000-0000-000000000000'", "'7fffffff-0000-0000-0000-000000000000'"});
            types.add(new String[] {"TIMESTAMPTZ", "'2024-01-01 00:00:00+00'", "'2024-01-01 00:00:00.000001+00'",
                "'2024-01-01 01:00:00+02'"});
        }
        return types;
    }

    private List<Object> referenceIds(String table, String orderBy) {
        return new ArrayList<>(target.longs("SELECT id FROM " + table + " ORDER BY " + orderBy));
    }

    // ---- names

    @Test
    void aKeyColumnThatDoesNotExistIsRejectedByName() {
        String t = keyed("unknown_key", 1, 2, 3);
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET, Strategy.CURSOR}) {
            assertThatThrownBy(() -> from().table(t).key("k, nope DESC").strategy(s).open())
                    .as("%s", s)
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("unknown column 'nope' in the key");
            assertThatThrownBy(() -> from().query("SELECT k FROM " + t).key("\"Nope\"").strategy(s).open())
                    .as("%s", s)
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("unknown column 'Nope' in the key");
        }
        // On PostgreSQL a quoted name keeps its case: "K" is not the column k.
        if (target == DbTarget.POSTGRES) {
            assertThatThrownBy(() -> from().table(t).key("\"K\"").open())
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("unknown column 'K'");
        }
        assertThat(target.openConnections()).isZero();
    }

    @Test
    void identifiersWithSpacesAndQuotesAreQuotedForTheDatabase() {
        String suffix = target.table("x").substring(2);
        String table = "Order Lines " + suffix;
        if (isMariaDb()) {
            target.execute("CREATE TABLE `" + table + "` (id INT NOT NULL PRIMARY KEY, `Order Date` DATE NOT NULL,"
                    + " `Say \"Hi\"` VARCHAR(20))");
            target.execute("INSERT INTO `" + table + "` (id, `Order Date`, `Say \"Hi\"`) VALUES " + orderLines());
        } else {
            target.execute("CREATE TABLE \"" + table + "\" (id INT NOT NULL PRIMARY KEY, \"Order Date\" DATE NOT NULL,"
                    + " \"Say \"\"Hi\"\"\" VARCHAR(20))");
            target.execute("INSERT INTO \"" + table + "\" (id, \"Order Date\", \"Say \"\"Hi\"\"\") VALUES " + orderLines());
        }
        String quotedTable = "\"" + table + "\"";
        List<Object> byDateDesc = longs(4, 5, 2, 3, 6, 1);
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.OFFSET, Strategy.CURSOR}) {
            assertThat(readAll(() -> from().table(quotedTable).key("\"Order Date\" DESC, id").strategy(s).batchSize(2)
                    .open(), "id")).as("%s", s).isEqualTo(byDateDesc);
            List<Object> say = readAll(() -> from().table(quotedTable).key("\"Say \"\"Hi\"\"\" NULLS LAST, id")
                    .strategy(s).batchSize(2).open(), "Say \"Hi\"");
            assertThat(say).as("%s", s).containsExactly("a\"b", "hi", "hi", "x y", null, null);
            if (isMariaDb()) {
                assertThat(readAll(() -> from().table("`" + table + "`").key("`Order Date` DESC, `id`").strategy(s)
                        .batchSize(2).open(), "id")).as("%s with backquotes", s).isEqualTo(byDateDesc);
            }
        }
        try (RowStream<Row> rows = from().table(quotedTable).key("id").open()) {
            assertThat(rows.columns().labels()).map(l -> l.toLowerCase(Locale.ROOT))
                    .containsExactly("id", "order date", "say \"hi\"");
            rows.forEach(r -> { });
        }
    }

    /** ids 1..6: dates with ties (2 and 3), values of the quote column with a NULL, a quote and a space. */
    private static String orderLines() {
        return "(1, '2024-01-01', NULL), (2, '2024-03-01', 'hi'), (3, '2024-03-01', 'hi'), (4, '2024-05-01', 'a\"b'),"
                + " (5, '2024-04-01', 'x y'), (6, '2024-02-01', NULL)";
    }

    @Test
    void injectionThroughTheKeyOrTheTableNameIsRejectedAndChangesNothing() {
        String t = keyed("inject_t", 1, 2, 3);
        String victim = keyed("inject_v", 7, 8, 9);
        List<Supplier<Object>> attempts = List.of(
                () -> from().table(t).key("id; DROP TABLE " + victim).open(),
                () -> from().table(t).key("id) OR (1=1").open(),
                () -> from().table(t).key("id DESC; DELETE FROM " + victim).open(),
                () -> from().table(t).key("id, (SELECT 1)").open(),
                () -> from().table(t).key("id -- comment").open(),
                () -> from().table(t).key("\"id\"\"; DROP TABLE " + victim + "; --\"").open(),
                () -> from().table(t).key("`id`; DROP TABLE " + victim).open(),
                () -> from().table(t).key("id /* x */").open(),
                () -> from().query("SELECT id FROM " + t).key("id) OR (1=1").open(),
                () -> from().query("SELECT id FROM " + t).key("\"id\" ; DROP TABLE " + victim).open(),
                () -> from().table(t + "; DROP TABLE " + victim).open(),
                () -> from().table("\"" + t + "; DROP TABLE " + victim + "\"").open(),
                () -> from().table("`" + t + "`; DROP TABLE " + victim).open(),
                () -> from().table(t + " WHERE 1=1; DROP TABLE " + victim).open(),
                () -> from().table(t).columns("id; DROP TABLE " + victim).open());
        for (int i = 0; i < attempts.size(); i++) {
            Supplier<Object> attempt = attempts.get(i);
            assertThatThrownBy(attempt::get).as("attempt %d", i).isInstanceOf(InvalidSpecException.class);
        }
        assertThat(count(victim)).isEqualTo(3);
        assertThat(count(t)).isEqualTo(3);
        assertThat(target.openConnections()).isZero();
    }

    @Test
    void thePlanShowsTheKeyInUseAndItsSql() {
        String t = keyed("plan", 1, 2, 3);
        ReadPlan plan = from().table(t).key("k DESC").strategy(Strategy.KEYSET).batchSize(2).plan();
        assertThat(plan.strategy()).isEqualTo(Strategy.KEYSET);
        assertThat(plan.key()).isEqualToIgnoringCase("k DESC, id ASC");
        assertThat(plan.firstSql()).doesNotContain("?");
        assertThat(plan.nextSql()).contains("?");
        assertThat(plan.nextSql().toLowerCase(Locale.ROOT)).contains("order by");
        assertThat(readAll(() -> from().table(t).key("k DESC").strategy(Strategy.KEYSET).batchSize(2).open(), "k")
                .stream().map(Object::toString).collect(Collectors.toList())).containsExactly("3", "2", "1");
    }
}
