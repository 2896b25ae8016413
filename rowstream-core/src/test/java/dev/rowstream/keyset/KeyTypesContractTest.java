package dev.rowstream.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import dev.rowstream.testing.Pools;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A key of every orderable type (per family, see {@link KeyTypes}) reads exactly the database's own
 * {@code ORDER BY} order with every strategy, ascending and descending, from the table and from a query
 * over it; a type that cannot be compared exactly is refused with one line before any row is read.
 *
 * <p>The table reads output only {@code id}, so the key column is read by its key rule alone and these
 * tests do not depend on how values are exported. A query's key is an output column, so a query read also
 * reads the value: where the value itself cannot be read yet (a CURSOR read without a key fails, which has
 * nothing to do with keys), the query variant is skipped, saying so.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class KeyTypesContractTest {
    /** A read stops here, so one that repeats rows forever fails instead of hanging. */
    private static final int MAX_ROWS = 200;
    /** Each strategy with a batch size of its own, so that 1, 2, 3 and 7 all run on every type. */
    private static final Strategy[] STRATEGIES = {Strategy.KEYSET, Strategy.OFFSET, Strategy.HYBRID, Strategy.CURSOR};
    private static final int[] BATCHES = {1, 2, 3, 7};

    private final DbTarget target;
    private HikariDataSource pool;

    KeyTypesContractTest(DbTarget target) {
        this.target = target;
    }

    /** Batches of one row each borrow a connection: a pool saves a physical connection per batch. */
    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void enumsAndSets() {
        family(KeyTypes.ENUMS);
    }

    @Test
    void bitsBooleansAndSmallIntegers() {
        family(KeyTypes.BITS);
    }

    @Test
    void numbersAtTheirEdges() {
        family(KeyTypes.NUMBERS);
    }

    @Test
    void datesAndTimes() {
        family(KeyTypes.TIMES);
    }

    @Test
    void textUnderCollationsWithTiesCaseAndTrailingSpaces() {
        family(KeyTypes.TEXT);
    }

    @Test
    void binaryUuidsAndJson() {
        family(KeyTypes.BINARY);
    }

    @Test
    void networksRangesArraysAndDomains() {
        family(KeyTypes.OTHER);
    }

    @Test
    void columnsOfMixedStorageClasses() {
        family(KeyTypes.MIXED);
    }

    @Test
    void typesThatCannotBeComparedExactlyAreRefusedBeforeAnyRow() {
        List<KeyTypes.Type> types = types(KeyTypes.REFUSED);
        for (KeyTypes.Type type : types) {
            String t = create(type);
            for (Strategy s : Strategy.values()) {
                if (s == Strategy.AUTO) {
                    continue;
                }
                assertThatThrownBy(() -> from().table(t).key("v").strategy(s).open())
                        .as("%s key %s", s, type)
                        .isInstanceOf(InvalidSpecException.class)
                        .satisfies(e -> assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT))
                                .startsWith("key column v has type "))
                        .hasMessageContaining(type.refused())
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
                assertThatThrownBy(() -> from().query("SELECT id, v FROM " + t).key("v, id").strategy(s).open())
                        .as("%s query key %s", s, type)
                        .isInstanceOf(InvalidSpecException.class)
                        .hasMessageContaining(type.refused());
            }
            target.dropTable(t);
        }
    }

    /** The loop: BIGINT UNSIGNED keys at and above 2^63 through Connector/J's binary protocol. */
    @Test
    void unsignedKeysAboveTwoToTheSixtyThirdThroughServerSidePreparedStatements() {
        Assumptions.assumeTrue(target == DbTarget.MYSQL_CJ || target == DbTarget.MARIADB, "MariaDB only");
        String t = target.table("ubig");
        target.execute("CREATE TABLE " + t + " (v BIGINT UNSIGNED NOT NULL PRIMARY KEY)",
                "INSERT INTO " + t + " VALUES (0), (1), (9223372036854775807), (9223372036854775808),"
                        + " (18446744073709551614), (18446744073709551615)");
        List<Object> expected = List.of(0L, 1L, 9223372036854775807L, "9223372036854775808",
                "18446744073709551614", "18446744073709551615");
        for (String option : new String[] {"useServerPrepStmts=true", "useCursorFetch=true"}) {
            String url = target.jdbcUrl() + "&" + option;
            for (Strategy s : STRATEGIES) {
                for (int batch : new int[] {1, 2}) {
                    Outcome o = read(() -> RowStreams.from(url).table(t).strategy(s).batchSize(batch).segmentRows(2)
                            .open(), "v");
                    assertThat(o.failure).as("%s %s batch %d", option, s, batch).isNull();
                    assertThat(o.values).as("%s %s batch %d", option, s, batch).map(String::valueOf)
                            .containsExactlyElementsOf(expected.stream().map(String::valueOf).toList());
                }
            }
        }
    }

    /** A key column that is the primary key: read without a key given, so the key's own type is the whole key. */
    @Test
    void keysOfUnusualTypesAsThePrimaryKey() {
        List<String[]> keys = new ArrayList<>();
        switch (target) {
            case POSTGRES -> {
                keys.add(new String[] {"VARBIT", "B'1'", "B'10'", "B'01'", "B''", "B'1000'"});
                keys.add(new String[] {"INET", "'::1'", "'10.0.0.2'", "'10.0.0.1/8'", "'10.0.0.1'"});
                keys.add(new String[] {"NUMERIC", "'NaN'", "'Infinity'", "'-Infinity'", "1e400", "0.5"});
                keys.add(new String[] {"INTERVAL", "'1 day'", "'25 hours'", "'-1 mon'", "'00:00:00.000001'"});
                keys.add(new String[] {"TIMESTAMP", "'infinity'", "'-infinity'", "'2024-03-31 02:30:00'"});
            }
            case MARIADB, MYSQL_CJ -> {
                keys.add(new String[] {"BIT(8)", "b'00000001'", "b'00000011'", "b'10000000'", "b'00000010'"});
                keys.add(new String[] {"ENUM('zz', 'aa', 'mm')", "'aa'", "'zz'", "'mm'"});
                keys.add(new String[] {"FLOAT", "0.1", "1.2345678", "16777217", "1e-38"});
                keys.add(new String[] {"DATETIME(6)", "'2024-03-31 02:30:00'", "'2024-10-27 02:30:00'",
                    "'2024-01-01 00:00:00.000001'"});
                keys.add(new String[] {"TIME(6)", "'-838:59:59'", "'25:00:00.5'", "'-00:00:01'", "'00:00:00'"});
            }
            case H2 -> {
                keys.add(new String[] {"DECFLOAT", "CAST('NaN' AS DECFLOAT)", "CAST('Infinity' AS DECFLOAT)",
                    "CAST('1.5E+400' AS DECFLOAT)", "0.1"});
                keys.add(new String[] {"ENUM('zz', 'aa', 'mm')", "'aa'", "'zz'", "'mm'"});
            }
            case SQLITE -> keys.add(new String[] {"", "1", "'1'", "x'01'", "1.5", "'abc'"});
            default -> throw new IllegalStateException();
        }
        SoftAssertions soft = new SoftAssertions();
        for (String[] key : keys) {
            String t = target.table("pktype");
            target.execute("CREATE TABLE " + t + " (v " + key[0] + " NOT NULL PRIMARY KEY, id INT NOT NULL)");
            StringJoiner rows = new StringJoiner(", ");
            for (int i = 1; i < key.length; i++) {
                rows.add("(" + key[i] + ", " + i + ")");
            }
            target.execute("INSERT INTO " + t + " (v, id) VALUES " + rows);
            List<Object> expected = reference("SELECT id FROM " + t + " ORDER BY v");
            for (int i = 0; i < STRATEGIES.length; i++) {
                Strategy s = STRATEGIES[i];
                int batch = BATCHES[i];
                Outcome o = read(() -> from().table(t).columns("id").strategy(s).batchSize(batch).segmentRows(2).open(),
                        "id");
                soft.assertThat(o.values).as("primary key %s, %s batch %d (failure: %s)", key[0], s, batch, o.failure)
                        .isEqualTo(expected);
            }
            target.dropTable(t);
        }
        soft.assertAll();
    }

    // ---- the check of one family

    private List<KeyTypes.Type> types(String family) {
        List<KeyTypes.Type> types = KeyTypes.of(target, target.table("kt")).stream()
                .filter(t -> t.family().equals(family)).toList();
        Assumptions.assumeFalse(types.isEmpty(), target + " has no types of the family " + family);
        return types;
    }

    private void family(String family) {
        SoftAssertions soft = new SoftAssertions();
        for (KeyTypes.Type type : types(family)) {
            String t = create(type);
            boolean valuesReadable = valuesReadable(t);
            for (String dir : new String[] {"ASC", "DESC"}) {
                List<Object> expected = reference("SELECT id FROM " + t + " ORDER BY v " + dir + ", id");
                for (int i = 0; i < STRATEGIES.length; i++) {
                    Strategy s = STRATEGIES[i];
                    int batch = BATCHES[(i + (dir.equals("DESC") ? 1 : 0)) % BATCHES.length];
                    Outcome table = read(() -> from().table(t).columns("id").key("v " + dir).strategy(s)
                            .batchSize(batch).segmentRows(2).open(), "id");
                    soft.assertThat(table.values).as("%s: key v %s, %s batch %d (failure: %s)", type, dir, s, batch,
                            table.failure).isEqualTo(expected);
                    if (valuesReadable) {
                        Outcome query = read(() -> from().query("SELECT id, v FROM " + t).key("v " + dir + ", id")
                                .strategy(s).batchSize(batch).segmentRows(2).open(), "id");
                        soft.assertThat(query.values).as("%s: query key v %s, id; %s batch %d (failure: %s)", type,
                                dir, s, batch, query.failure).isEqualTo(expected);
                    }
                }
            }
            target.dropTable(t);
        }
        soft.assertAll();
    }

    /**
     * True when a plain read of {@code id, v} (no key, so no seek) gets through: the query variant reads v's
     * value, which is the value readers' business, not the key's.
     */
    private boolean valuesReadable(String t) {
        try (RowStream<Row> rows = from().query("SELECT id, v FROM " + t).strategy(Strategy.CURSOR).open()) {
            rows.forEach(r -> { });
            return true;
        } catch (RuntimeException e) {
            System.out.println("[KeyTypesContractTest] " + target + ": the values of " + t + " cannot be read yet ("
                    + e.getMessage() + "): query variant skipped");
            return false;
        }
    }

    /** A table {@code (id INT PRIMARY KEY, v <type>)} with the type's values, after its setup. */
    private String create(KeyTypes.Type type) {
        String t = target.table("keytype");
        List<String> sql = new ArrayList<>(type.setup());
        sql.add("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, v " + type.type() + ")");
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 0; i < type.values().size(); i++) {
            rows.add("(" + (i + 1) + ", " + type.values().get(i) + ")");
        }
        sql.add("INSERT INTO " + t + " (id, v) VALUES " + rows);
        target.execute(sql.toArray(String[]::new));
        return t;
    }

    private ReadBuilder from() {
        if (pool == null) {
            pool = Pools.of(target, 2);
        }
        return RowStreams.from(pool);
    }

    private record Outcome(List<Object> values, RuntimeException failure) {
    }

    private static Outcome read(Supplier<RowStream<Row>> open, String column) {
        List<Object> values = new ArrayList<>();
        try (RowStream<Row> rows = open.get()) {
            for (Row r : rows) {
                values.add(r.get(column) instanceof Number n && !(r.get(column) instanceof java.math.BigInteger)
                        ? (Object) n.longValue() : r.get(column));
                if (values.size() > MAX_ROWS) {
                    throw new IllegalStateException("the stream does not end: " + values.subList(0, 12) + "...");
                }
            }
            return new Outcome(values, null);
        } catch (RuntimeException e) {
            return new Outcome(values.size() > MAX_ROWS ? values.subList(0, 12) : values, e);
        }
    }

    private List<Object> reference(String sql) {
        return new ArrayList<>(target.longs(sql));
    }
}
