package dev.rowstream.keyset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Keyset pagination never loses, repeats or reorders a row: over a random table full of NULLs and ties
 * (small value domains, mixed-case and accented text, empty strings), every strategy streams exactly
 * the ids of one plain {@code SELECT id ... ORDER BY <key>}, whatever the key (1 to 3 columns, random
 * directions and NULL positions, then the unique id) and the batch size.
 *
 * <p>The reference ORDER BY is written here, not by {@link Seek#orderBy}: an explicit NULLS FIRST/LAST
 * on PostgreSQL, H2 and SQLite, and {@code (col IS NULL)} on MariaDB, from this class's own table of
 * each database's NULL defaults.
 *
 * <p>One table per target per JVM run (the rows come from a seed printed in every failure; set
 * {@code -Drowstream.keyset.seed=N} to replay one), then jqwik varies the key, batch size and source
 * (the table, or a query over it). Each property is one target, so a failure names the target; the
 * sample names the key, batch size and source; the assertion adds the strategy, the row count, the
 * data seed and the reference ORDER BY.
 */
class KeysetOrderProperties {
    private static final int TRIES = 25;
    private static final long SEED = Long.getLong("rowstream.keyset.seed", new Random().nextLong());
    private static final Map<DbTarget, Fixture> FIXTURES = new EnumMap<>(DbTarget.class);
    private static final Strategy[] STRATEGIES = {Strategy.KEYSET, Strategy.OFFSET, Strategy.CURSOR, Strategy.HYBRID};

    private LeakCheck.Mark mark;

    @BeforeProperty
    void markForLeakCheck() {
        mark = LeakCheck.mark();
    }

    @AfterProperty
    void nothingLeaked() {
        LeakCheck.assertNoLeaksSince(mark);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void postgres(@ForAll("reads") Read read) {
        check(DbTarget.POSTGRES, read);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void mariadb(@ForAll("reads") Read read) {
        check(DbTarget.MARIADB, read);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void mysqlConnectorJ(@ForAll("reads") Read read) {
        check(DbTarget.MYSQL_CJ, read);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void h2(@ForAll("reads") Read read) {
        check(DbTarget.H2, read);
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void sqlite(@ForAll("reads") Read read) {
        check(DbTarget.SQLITE, read);
    }

    // ---- the property

    private static void check(DbTarget target, Read read) {
        Fixture f = fixture(target);
        List<Long> expected = reference(target, f, read.fullKey());
        assertThat(expected).as("reference rows").hasSize(f.rows);
        for (Strategy strategy : STRATEGIES) {
            String what = target + " " + strategy + " over " + (read.viaQuery ? "a query" : "the table")
                    + ", key '" + read.keyText() + "', batch size " + read.batch.size(f.rows) + ", " + f.rows
                    + " rows from seed " + SEED;
            List<Long> got = new ArrayList<>();
            try (RowStream<Row> rows = open(target, f, read, strategy)) {
                for (Row r : rows) {
                    got.add(((Number) r.get("id")).longValue());
                    if (got.size() > 2 * f.rows + 10) {
                        throw new AssertionError(what + ": the stream does not end: " + got.size()
                                + " rows read from a table of " + f.rows + "; the first ones: "
                                + got.subList(0, Math.min(40, got.size())) + "; expected " + expected);
                    }
                }
            } catch (RuntimeException e) {
                throw new AssertionError(what + ": failed after " + got.size() + " rows (ids " + tail(got)
                        + "): " + e, e);
            }
            assertThat(got).as("%s; reference ORDER BY %s", what, referenceOrderBy(target, read.fullKey()))
                    .containsExactlyElementsOf(expected);
        }
    }

    private static RowStream<Row> open(DbTarget target, Fixture f, Read read, Strategy strategy) {
        var builder = RowStreams.from(target.dataSource());
        if (read.viaQuery) {
            builder.query("SELECT id, i, n, s, sn, d, ts FROM " + f.table);
        } else {
            builder.table(f.table);
        }
        int batch = read.batch.size(f.rows);
        // HYBRID's segments are cut at the batch size, so that its seeks between segments run too.
        return builder.key(read.keyText()).strategy(strategy).batchSize(batch).segmentRows(batch).open();
    }

    private static String tail(List<Long> ids) {
        return ids.size() <= 5 ? ids.toString() : "..." + ids.subList(ids.size() - 5, ids.size());
    }

    // ---- the reference, written independently of Seek.orderBy

    /** PostgreSQL sorts NULLs above every value; MariaDB, H2 (default NULL ordering LOW) and SQLite below. */
    private static boolean nullsSortHigh(DbTarget target) {
        return target == DbTarget.POSTGRES;
    }

    private static boolean isMariaDb(DbTarget target) {
        return target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ;
    }

    static String referenceOrderBy(DbTarget target, List<Col> key) {
        StringJoiner sql = new StringJoiner(", ");
        for (Col c : key) {
            boolean nullsLast = switch (c.nulls) {
                case FIRST -> false;
                case LAST -> true;
                case DEFAULT -> nullsSortHigh(target) != c.desc;
            };
            String dir = c.desc ? " DESC" : " ASC";
            if (isMariaDb(target)) {
                sql.add("(" + c.name + " IS NULL)" + (nullsLast ? " ASC" : " DESC"));
                sql.add(c.name + dir);
            } else {
                sql.add(c.name + dir + (nullsLast ? " NULLS LAST" : " NULLS FIRST"));
            }
        }
        return sql.toString();
    }

    private static List<Long> reference(DbTarget target, Fixture f, List<Col> key) {
        return target.longs("SELECT id FROM " + f.table + " ORDER BY " + referenceOrderBy(target, key));
    }

    // ---- the random table

    private record Fixture(String table, int rows) {
    }

    private static final Object[] INTS = {null, null, null, -1, 0, 1, 2};
    private static final Object[] SMALL_INTS = {0, 1, 2};
    private static final String[] TEXTS = {"", "a", "A", "b", "B", "e", "E", "é", "É", "ab", "Ab", "a ", " a", "zoë",
        "Zoe", "ß", "ss"};
    private static final String[] DECIMALS = {"-1.50", "0.00", "0.01", "2.50", "10.00"};
    private static final String[] TIMESTAMPS = {"1999-12-31 23:59:59", "2024-01-01 00:00:00",
        "2024-01-01 00:00:00.000001", "2024-02-29 12:30:00.5"};

    private static synchronized Fixture fixture(DbTarget target) {
        Fixture f = FIXTURES.get(target);
        if (f == null) {
            f = create(target, new Random(SEED));
            FIXTURES.put(target, f);
        }
        return f;
    }

    private static Fixture create(DbTarget target, Random random) {
        String t = target.table("keyset_prop");
        String ts = isMariaDb(target) ? "DATETIME(6)" : "TIMESTAMP";
        target.execute("CREATE TABLE " + t + " (id BIGINT NOT NULL PRIMARY KEY, i INT, n INT NOT NULL,"
                + " s VARCHAR(20), sn VARCHAR(20) NOT NULL, d DECIMAL(10,2), ts " + ts + ")");
        int rows = 60 + random.nextInt(31);
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= 10 * rows; id += 1 + random.nextInt(9)) {
            ids.add(id);
        }
        Collections.shuffle(ids, random);
        ids = ids.subList(0, Math.min(rows, ids.size()));
        StringJoiner values = new StringJoiner(", ");
        for (long id : ids) {
            values.add("(" + id + ", " + pick(random, INTS) + ", " + pick(random, SMALL_INTS)
                    + ", " + nullOr(random, text(pick(random, TEXTS))) + ", " + text(pick(random, TEXTS))
                    + ", " + nullOr(random, String.valueOf(pick(random, DECIMALS)))
                    + ", " + nullOr(random, text(pick(random, TIMESTAMPS))) + ")");
        }
        target.execute("INSERT INTO " + t + " (id, i, n, s, sn, d, ts) VALUES " + values);
        return new Fixture(t, ids.size());
    }

    private static Object pick(Random random, Object[] domain) {
        return domain[random.nextInt(domain.length)];
    }

    /** A third of the values are NULL. */
    private static String nullOr(Random random, String sql) {
        return random.nextInt(3) == 0 ? "NULL" : sql;
    }

    private static String text(Object value) {
        return "'" + value.toString().replace("'", "''") + "'";
    }

    // ---- the generated reads

    /** One key column: name, direction, NULL position, and whether ASC is spelled out. */
    record Col(String name, boolean desc, KeyColumn.Nulls nulls, boolean spellAsc) {
        @Override
        public String toString() {
            String s = name + (desc ? " DESC" : spellAsc ? " ASC" : "");
            return nulls == KeyColumn.Nulls.DEFAULT ? s : s + " NULLS " + nulls;
        }
    }

    /**
     * A read: 1 to 3 key columns, then {@code id} (or, from a table, sometimes no id: the library must
     * append the primary key itself), the batch size, and table or query.
     */
    record Read(List<Col> key, boolean idDesc, boolean explicitId, Batch batch, boolean viaQuery) {
        /** The key the library is given. */
        String keyText() {
            StringJoiner j = new StringJoiner(", ");
            key.forEach(c -> j.add(c.toString()));
            if (explicitId || viaQuery) {
                j.add(idDesc ? "id DESC" : "id");
            }
            return j.toString();
        }

        /** The key the library must end up with: the primary key id ASC is appended when not given. */
        List<Col> fullKey() {
            List<Col> all = new ArrayList<>(key);
            boolean withId = explicitId || viaQuery;
            all.add(new Col("id", withId && idDesc, KeyColumn.Nulls.DEFAULT, false));
            return all;
        }

        @Override
        public String toString() {
            return "key '" + keyText() + "', batch size " + batch + ", " + (viaQuery ? "query" : "table");
        }
    }

    /** A batch size, or (relative) the table's row count plus -1, 0 or 1: the edges of the last batch. */
    record Batch(int value, boolean relative) {
        int size(int rows) {
            return relative ? rows + value : value;
        }

        @Override
        public String toString() {
            return relative ? "rows" + (value == 0 ? "" : value > 0 ? "+" + value : String.valueOf(value))
                    : String.valueOf(value);
        }
    }

    @Provide
    Arbitrary<Read> reads() {
        Arbitrary<Col> col = Combinators.combine(
                Arbitraries.of("i", "n", "s", "sn", "d", "ts"),
                Arbitraries.of(false, true),
                Arbitraries.of(KeyColumn.Nulls.class),
                Arbitraries.of(false, true)).as(Col::new);
        Arbitrary<List<Col>> key = col.list().ofMinSize(1).ofMaxSize(3).uniqueElements(Col::name);
        Arbitrary<Batch> batch = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new Batch(1, false))),
                Tuple.of(4, Arbitraries.integers().between(2, 12).map(n -> new Batch(n, false))),
                Tuple.of(3, Arbitraries.integers().between(13, 100).map(n -> new Batch(n, false))),
                Tuple.of(1, Arbitraries.integers().between(-1, 1).map(n -> new Batch(n, true))));
        return Combinators.combine(key, Arbitraries.of(false, true), Arbitraries.of(false, true), batch,
                Arbitraries.of(false, true)).as(Read::new);
    }
}
