package dev.rowstream.keyset;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import dev.rowstream.testing.Pools;
import java.util.ArrayList;
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
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Keys of every orderable column type a database has ({@link KeyTypes}: enums, sets, bits, unsigned and
 * special numbers, dates and times at their edges, text under collations with ties, case and trailing
 * spaces, binary, UUIDs, ranges, arrays, mixed storage classes, NULLs everywhere) read exactly the
 * database's own {@code ORDER BY} order, with every strategy, or are refused before the first row.
 *
 * <p>One wide table per target per JVM run, a column per type, rows drawn from each type's values with a
 * seed printed in every failure ({@code -Drowstream.keytypes.seed=N} replays it). jqwik then varies the key
 * (1 to 3 type columns, random directions and NULL positions, then {@code id}, or from a table sometimes no
 * id: the planner appends the primary key), the batch size (1, 2, 3, 7; HYBRID's segments hold 2 rows), and
 * the source (the table, outputting only {@code id}, or a query over it). The reference ORDER BY is written
 * here: explicit NULLS FIRST/LAST, or {@code (c IS NULL)} on MariaDB.
 */
class KeyTypeProperties {
    private static final int TRIES = 12;
    private static final int ROWS = 40;
    private static final long SEED = Long.getLong("rowstream.keytypes.seed", new Random().nextLong());
    private static final Map<DbTarget, Fixture> FIXTURES = new EnumMap<>(DbTarget.class);
    private static final Strategy[] STRATEGIES = {Strategy.KEYSET, Strategy.OFFSET, Strategy.HYBRID, Strategy.CURSOR};

    private LeakCheck.Mark mark;
    private HikariDataSource pool;
    private DbTarget pooled;

    @BeforeProperty
    void markForLeakCheck() {
        mark = LeakCheck.mark();
    }

    @AfterProperty
    void nothingLeaked() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
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

    private void check(DbTarget target, Read read) {
        Fixture f = fixture(target);
        List<Col> key = read.key(f);
        boolean refused = key.stream().anyMatch(c -> f.types.get(c.index).isRefused());
        boolean viaQuery = read.viaQuery && key.stream().allMatch(c -> f.readable.get(c.index));
        boolean idDesc = (read.explicitId || viaQuery) && read.idDesc;
        List<Long> expected = refused ? null : reference(target, f, key, idDesc);
        for (Strategy strategy : STRATEGIES) {
            String what = target + " " + strategy + " over " + (viaQuery ? "a query" : "the table") + ", key '"
                    + keyText(f, key, read, viaQuery) + "' (" + types(f, key) + "), batch size " + read.batch + ", "
                    + ROWS + " rows from seed " + SEED;
            List<Long> got = new ArrayList<>();
            RowStream<Row> rows;
            try {
                rows = open(target, f, key, read, viaQuery, strategy);
            } catch (InvalidSpecException e) {
                assertThat(refused).as("%s: refused although every key type can be compared exactly: %s", what,
                        e.getMessage()).isTrue();
                continue;
            }
            assertThat(refused).as("%s: a key with a type that cannot be compared exactly was not refused", what)
                    .isFalse();
            try (rows) {
                for (Row r : rows) {
                    got.add(((Number) r.get("id")).longValue());
                    if (got.size() > 2 * ROWS + 10) {
                        throw new AssertionError(what + ": the stream does not end: " + got.subList(0, 40)
                                + "...; expected " + expected);
                    }
                }
            } catch (RuntimeException e) {
                throw new AssertionError(what + ": failed after " + got.size() + " rows: " + e, e);
            }
            assertThat(got).as("%s; reference ORDER BY %s", what, referenceOrderBy(target, key, idDesc))
                    .containsExactlyElementsOf(expected);
        }
    }

    private RowStream<Row> open(DbTarget target, Fixture f, List<Col> key, Read read, boolean viaQuery,
                                Strategy strategy) {
        if (pooled != target) {
            if (pool != null) {
                pool.close();
            }
            pool = Pools.of(target, 2);
            pooled = target;
        }
        var builder = RowStreams.from(pool);
        if (viaQuery) {
            StringJoiner cols = new StringJoiner(", ", "SELECT id, ", " FROM " + f.table);
            key.forEach(c -> cols.add(c.name()));
            builder.query(cols.toString());
        } else {
            builder.table(f.table).columns("id");
        }
        return builder.key(keyText(f, key, read, viaQuery)).strategy(strategy).batchSize(read.batch).segmentRows(2)
                .open();
    }

    private static String keyText(Fixture f, List<Col> key, Read read, boolean viaQuery) {
        StringJoiner j = new StringJoiner(", ");
        key.forEach(c -> j.add(c.toString()));
        if (read.explicitId || viaQuery) {
            j.add(read.idDesc ? "id DESC" : "id");
        }
        return j.toString();
    }

    private static String types(Fixture f, List<Col> key) {
        StringJoiner j = new StringJoiner(", ");
        key.forEach(c -> j.add(c.name() + " " + f.types.get(c.index).type()));
        return j.toString();
    }

    // ---- the reference, written independently of Seek.orderBy

    /** The key the library must end up with: {@code id} last, ascending unless given otherwise. */
    private static String referenceOrderBy(DbTarget target, List<Col> key, boolean idDesc) {
        List<String> terms = new ArrayList<>();
        for (Col c : key) {
            boolean nullsLast = switch (c.nulls) {
                case FIRST -> false;
                case LAST -> true;
                case DEFAULT -> (target == DbTarget.POSTGRES) != c.desc;
            };
            String dir = c.desc ? " DESC" : " ASC";
            if (target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ) {
                terms.add("(" + c.name() + " IS NULL)" + (nullsLast ? " ASC" : " DESC"));
                terms.add(c.name() + dir);
            } else {
                terms.add(c.name() + dir + (nullsLast ? " NULLS LAST" : " NULLS FIRST"));
            }
        }
        terms.add(idDesc ? "id DESC" : "id ASC");
        return String.join(", ", terms);
    }

    private List<Long> reference(DbTarget target, Fixture f, List<Col> key, boolean idDesc) {
        return target.longs("SELECT id FROM " + f.table + " ORDER BY " + referenceOrderBy(target, key, idDesc));
    }

    // ---- the wide table

    /**
     * @param types    the type of each column {@code c0, c1, ...}
     * @param readable whether a query that outputs the column can read its values at all (see
     *                 KeyTypesContractTest: a query's key column is an output column)
     */
    private record Fixture(String table, List<KeyTypes.Type> types, List<Boolean> readable) {
    }

    private static synchronized Fixture fixture(DbTarget target) {
        return FIXTURES.computeIfAbsent(target, t -> create(t, new Random(SEED ^ t.ordinal())));
    }

    private static Fixture create(DbTarget target, Random random) {
        String t = target.table("keytype_prop");
        List<KeyTypes.Type> types = KeyTypes.of(target, t);
        List<String> sql = new ArrayList<>();
        StringJoiner cols = new StringJoiner(", ", "CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, ", ")");
        for (int i = 0; i < types.size(); i++) {
            sql.addAll(types.get(i).setup());
            cols.add("c" + i + " " + types.get(i).type());
        }
        sql.add(cols.toString());
        StringJoiner rows = new StringJoiner(", ");
        for (int id = 1; id <= ROWS; id++) {
            StringJoiner row = new StringJoiner(", ", "(" + id + ", ", ")");
            for (KeyTypes.Type type : types) {
                row.add(type.values().get(random.nextInt(type.values().size())));
            }
            rows.add(row.toString());
        }
        sql.add("INSERT INTO " + t + " VALUES " + rows);
        target.execute(sql.toArray(String[]::new));
        List<Boolean> readable = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            readable.add(readable(target, "SELECT id, c" + i + " FROM " + t));
        }
        return new Fixture(t, types, readable);
    }

    private static boolean readable(DbTarget target, String query) {
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).query(query).strategy(Strategy.CURSOR).open()) {
            rows.forEach(r -> { });
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---- the generated reads

    /** One key column: which type column, direction, NULL position. */
    record Col(int index, boolean desc, KeyColumn.Nulls nulls) {
        String name() {
            return "c" + index;
        }

        @Override
        public String toString() {
            String s = name() + (desc ? " DESC" : "");
            return nulls == KeyColumn.Nulls.DEFAULT ? s : s + " NULLS " + nulls;
        }
    }

    /**
     * A read: key columns chosen by position in the target's type list (taken modulo its length, so one
     * generator serves every target), then {@code id}; the batch size; table or query.
     */
    record Read(List<Integer> picks, List<Boolean> desc, List<KeyColumn.Nulls> nulls, boolean idDesc,
                boolean explicitId, int batch, boolean viaQuery) {
        List<Col> key(Fixture f) {
            List<Col> key = new ArrayList<>();
            List<Integer> used = new ArrayList<>();
            for (int i = 0; i < picks.size(); i++) {
                int index = Math.floorMod(picks.get(i), f.types.size());
                if (!used.contains(index)) {
                    used.add(index);
                    key.add(new Col(index, desc.get(i), nulls.get(i)));
                }
            }
            return key;
        }

        @Override
        public String toString() {
            return "columns " + picks + ", desc " + desc + ", nulls " + nulls + ", id " + (idDesc ? "DESC" : "ASC")
                    + (explicitId ? " given" : "") + ", batch " + batch + ", " + (viaQuery ? "query" : "table");
        }
    }

    @Provide
    Arbitrary<Read> reads() {
        Arbitrary<List<Integer>> picks = Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Boolean>> desc = Arbitraries.of(false, true).list().ofSize(3);
        Arbitrary<List<KeyColumn.Nulls>> nulls = Arbitraries.of(KeyColumn.Nulls.class).list().ofSize(3);
        return Combinators.combine(picks, desc, nulls, Arbitraries.of(false, true), Arbitraries.of(false, true),
                Arbitraries.of(1, 2, 3, 7), Arbitraries.of(false, true)).as(Read::new);
    }
}
