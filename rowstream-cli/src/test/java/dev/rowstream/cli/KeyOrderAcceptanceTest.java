package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 3, at the command line: a key with DESC, NULLS LAST, nullable columns and ties gives, with every
 * strategy and batch size, the same bytes as the database's own ORDER BY read by one cursor.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class KeyOrderAcceptanceTest {
    private static final int ROWS = 60;
    private static final String KEY = "a DESC NULLS LAST, b, id";
    private static final String[] STRATEGIES = {"cursor", "keyset", "offset", "hybrid", "auto"};
    /** Around the edges: one row, two, a batch that does not divide the rows, rows - 1, rows, rows + 1. */
    private static final int[] BATCH_SIZES = {1, 2, 7, ROWS - 1, ROWS, ROWS + 1};
    private static final String[] A = {"NULL", "1", "2", "3"};
    private static final String[] B = {"NULL", "'x'", "'y'"};

    private final DbTarget target;
    private String table;

    KeyOrderAcceptanceTest(DbTarget target) {
        this.target = target;
    }

    /**
     * 60 rows, each (a, b) pair 5 times, ids shuffled (37 is prime to 61) so that neither insertion order
     * nor id order is the key's order.
     */
    @BeforeEach
    void createTable() {
        table = target.table("keyorder");
        target.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, a INTEGER NULL, b VARCHAR(20) NULL,"
                        + " c VARCHAR(20) NULL)",
                "INSERT INTO " + table + " (id, a, b, c) VALUES " + IntStream.rangeClosed(1, ROWS)
                        .mapToObj(i -> "(" + (i * 37 % 61) + ", " + A[i % 4] + ", " + B[i / 4 % 3] + ", 'row " + i + "')")
                        .collect(Collectors.joining(", ")));
    }

    @AfterEach
    void dropTable() {
        target.dropTable(table);
    }

    /**
     * The key's order written by hand. MariaDB has no NULLS LAST (its NULLs sort as the lowest values), so
     * (a IS NULL) puts them last; b keeps each database's own default place for NULLs on both sides.
     */
    private String referenceOrder() {
        return switch (target) {
            case MARIADB, MYSQL_CJ -> "(a IS NULL), a DESC, b, id";
            case POSTGRES, H2, SQLITE -> "a DESC NULLS LAST, b, id";
        };
    }

    private Cli.Result export(String... options) {
        List<String> args = new ArrayList<>(List.of("export", "--url", target.jdbcUrl()));
        args.addAll(List.of(options));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as("%s: %s", args, r).isZero();
        return r;
    }

    @Test
    void everyStrategyAndBatchSizeGivesTheReferenceBytes() {
        String expected = export("--query", "SELECT * FROM " + table + " ORDER BY " + referenceOrder(),
                "--strategy", "cursor").out();
        assertThat(expected.lines()).hasSize(ROWS + 1);
        for (String strategy : STRATEGIES) {
            for (int batch : BATCH_SIZES) {
                List<String> options = new ArrayList<>(List.of("--table", table, "--key", KEY, "--strategy", strategy,
                        "--batch-size", Integer.toString(batch)));
                if (strategy.equals("hybrid")) {
                    // Segments as small as the batches, so that the seek between them runs too.
                    options.addAll(List.of("--segment-rows", Integer.toString(batch)));
                }
                Cli.Result r = export(options.toArray(String[]::new));
                assertThat(r.out()).as("%s, --strategy %s --batch-size %d", target, strategy, batch).isEqualTo(expected);
                if (!strategy.equals("auto")) {
                    assertThat(r.err()).contains("with strategy " + strategy);
                }
            }
        }
    }
}
