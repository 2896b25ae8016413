package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.NonUniqueKeyException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every object that can be read like a table is read by table(...): views on every database; on PostgreSQL also
 * partitioned tables and their partitions, materialized views and foreign tables (file_fdw). An object without a
 * primary key takes its key from key(...), and ties in it are then checked while reading, as for a query.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class ReadableObjectsContractTest {
    private static final Strategy[] KEYED = {Strategy.KEYSET, Strategy.HYBRID, Strategy.CURSOR};
    private static final List<Long> ALL = LongStream.rangeClosed(1, 7).boxed().toList();
    private final DbTarget target;
    private final List<String> drops = new ArrayList<>();
    private String base;

    ReadableObjectsContractTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void baseTable() {
        base = target.table("objects");
        target.execute("CREATE TABLE " + base + " (id INT NOT NULL PRIMARY KEY, g INT NOT NULL, v VARCHAR(10))",
                "INSERT INTO " + base + " (id, g, v) VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 2, 'c'), (4, 2, 'd'),"
                        + " (5, 3, 'e'), (6, 3, 'f'), (7, 4, 'g')");
    }

    @AfterEach
    void drop() {
        for (int i = drops.size() - 1; i >= 0; i--) {
            target.execute(drops.get(i));
        }
        target.dropTable(base);
    }

    private String object(String kind, String create, String drop) {
        String name = target.table(kind);
        target.execute(create.replace("$name", name).replace("$base", base));
        drops.add(drop + " " + name);
        return name;
    }

    private static List<Long> ids(ReadBuilder read) {
        List<Long> ids = new ArrayList<>();
        try (RowStream<Row> rows = read.open()) {
            rows.forEach(r -> ids.add(((Number) r.get(0)).longValue()));
        }
        return ids;
    }

    private ReadBuilder read(String name) {
        return RowStreams.from(target.dataSource()).table(name).batchSize(2);
    }

    /** Read with key(...) by every strategy, all rows in order; refused without a key where one is needed. */
    private void readsLikeATableWithAKeyFromTheUser(String name) {
        for (Strategy s : KEYED) {
            assertThat(ids(read(name).key("id").strategy(s))).as("%s %s", name, s).isEqualTo(ALL);
            assertThat(ids(read(name).key("id DESC").strategy(s))).as("%s %s", name, s).isEqualTo(LongStream.rangeClosed(1, 7).map(i -> 8 - i).boxed().toList());
        }
        assertThat(ids(read(name).strategy(Strategy.CURSOR))).as("no key, no order").containsExactlyInAnyOrderElementsOf(ALL);
        for (Strategy s : new Strategy[] {Strategy.KEYSET, Strategy.HYBRID}) {
            assertThatThrownBy(() -> ids(read(name).strategy(s))).as("%s %s", name, s)
                    .isInstanceOf(InvalidSpecException.class).hasMessageContaining("give key(...)");
        }
    }

    @Test
    void aView() {
        String view = object("view", "CREATE VIEW $name AS SELECT id, g, v FROM $base", "DROP VIEW");
        readsLikeATableWithAKeyFromTheUser(view);
        assertThat(read(view).key("id").strategy(Strategy.KEYSET).plan().keyProvenUnique()).isFalse();
    }

    @Test
    void tiesInAViewsKeyAreFoundWhileReading() {
        String view = object("tied", "CREATE VIEW $name AS SELECT g AS id, v FROM $base", "DROP VIEW");
        assertThatThrownBy(() -> ids(read(view).key("id").strategy(Strategy.KEYSET).batchSize(1)))
                .isInstanceOf(NonUniqueKeyException.class).hasMessageContaining("batch boundary");
        assertThatThrownBy(() -> ids(read(view).key("id").strategy(Strategy.HYBRID).segmentRows(1)))
                .isInstanceOf(NonUniqueKeyException.class).hasMessageContaining("segment boundary");
    }

    @Test
    void postgresPartitionedTablesAndTheirPartitions() {
        // The only one of the five with partitioned tables, materialized views and foreign tables.
        Assumptions.assumeTrue(target == DbTarget.POSTGRES);
        String parted = object("parted", "CREATE TABLE $name (id INT NOT NULL PRIMARY KEY, v VARCHAR(10))"
                + " PARTITION BY RANGE (id)", "DROP TABLE");
        String low = object("part_low", "CREATE TABLE $name PARTITION OF " + parted + " FOR VALUES FROM (0) TO (4)",
                "DROP TABLE");
        object("part_high", "CREATE TABLE $name PARTITION OF " + parted + " FOR VALUES FROM (4) TO (100)", "DROP TABLE");
        target.execute("INSERT INTO " + parted + " SELECT id, v FROM " + base);
        for (Strategy s : KEYED) {
            assertThat(ids(read(parted).strategy(s))).as("%s, by its primary key", s).isEqualTo(ALL);
            assertThat(ids(read(low).strategy(s))).as("%s", s).containsExactly(1L, 2L, 3L);
        }
        assertThat(read(parted).strategy(Strategy.KEYSET).plan().keyProvenUnique()).isTrue();
    }

    @Test
    void postgresMaterializedViews() {
        Assumptions.assumeTrue(target == DbTarget.POSTGRES);
        String mv = object("matview", "CREATE MATERIALIZED VIEW $name AS SELECT id, g, v FROM $base",
                "DROP MATERIALIZED VIEW");
        readsLikeATableWithAKeyFromTheUser(mv);
    }

    @Test
    void postgresForeignTables() throws Exception {
        Assumptions.assumeTrue(target == DbTarget.POSTGRES);
        // file_fdw reads a file on the server's machine (the server is local): world-readable, for its user.
        Path csv = Files.createTempFile("rowstream-fdw", ".csv");
        try {
            Files.writeString(csv, "1,1,a\n2,1,b\n3,2,c\n4,2,d\n5,3,e\n6,3,f\n7,4,g\n");
            Files.setPosixFilePermissions(csv, PosixFilePermissions.fromString("rw-r--r--"));
            target.execute("CREATE EXTENSION IF NOT EXISTS file_fdw",
                    "CREATE SERVER IF NOT EXISTS rowstream_files FOREIGN DATA WRAPPER file_fdw");
            String foreign = object("foreign", "CREATE FOREIGN TABLE $name (id INT NOT NULL, g INT, v VARCHAR(10))"
                    + " SERVER rowstream_files OPTIONS (filename '" + csv + "', format 'csv')", "DROP FOREIGN TABLE");
            readsLikeATableWithAKeyFromTheUser(foreign);
        } finally {
            Files.deleteIfExists(csv);
        }
    }
}
