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
 * {@code rowstream explain} against every database: the report, and the index verdict where the database
 * can EXPLAIN (PostgreSQL, and MariaDB through either driver).
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class ExplainTest {
    /**
     * Enough rows that a batch of {@link #BATCH} is a small part of the table: when one batch would read
     * most of it, MariaDB rightly prefers a scan and a sort even with an index.
     */
    private static final int ROWS = 2000;
    private static final String BATCH = "100";

    private final DbTarget target;
    private String table;

    ExplainTest(DbTarget target) {
        this.target = target;
    }

    /** id, c (indexed, with id), d (no index). */
    @BeforeEach
    void createTable() {
        table = target.table("explain");
        target.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, c INTEGER, d INTEGER)",
                "CREATE INDEX " + table + "_c ON " + table + " (c, id)",
                "INSERT INTO " + table + " (id, c, d) VALUES " + IntStream.rangeClosed(1, ROWS)
                        .mapToObj(i -> "(" + i + ", " + i % 97 + ", " + i % 13 + ")").collect(Collectors.joining(", ")));
    }

    @AfterEach
    void dropTable() {
        target.dropTable(table);
    }

    private Cli.Result explain(String... options) {
        List<String> args = new ArrayList<>(List.of("explain", "--url", target.jdbcUrl(), "--table", table));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    /** True where the dialect can EXPLAIN a batch; the others say "unknown". */
    private boolean explains() {
        return target.isServer();
    }

    @Test
    void indexedKeyReadsAnIndexRange() {
        Cli.Result r = explain("--key", "c", "--strategy", "keyset", "--batch-size", BATCH);
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("strategy: keyset\n")
                .containsIgnoringCase("key: c ASC, id ASC (unique: proven by the schema)")
                .containsPattern("first batch:\n  SELECT .*\n")
                .containsPattern("following batch \\(the last row's key goes in the \\?s\\):\n  SELECT .*\\?.*\n");
        if (explains()) {
            assertThat(r.out()).contains("database plan of a following batch:\n  ").endsWith("index range: yes\n")
                    .doesNotContain("WARNING");
        } else {
            assertThat(r.out()).endsWith("index range: unknown (no EXPLAIN support for "
                    + target.name().toLowerCase(java.util.Locale.ROOT) + ")\n");
        }
        assertThat(r.err()).doesNotContain("error");
    }

    @Test
    void unindexedKeyWarns() {
        Cli.Result r = explain("--key", "d", "--strategy", "keyset", "--batch-size", BATCH);
        assertThat(r.code()).as("%s", r).isZero();
        if (explains()) {
            assertThat(r.out()).containsIgnoringCase("\nWARNING: each batch scans and sorts the table (no index on the"
                    + " key?): add an index on (d ASC, id ASC)\n").endsWith(")\n");
        } else {
            assertThat(r.out()).contains("index range: unknown (no EXPLAIN support for ").doesNotContain("WARNING");
        }
    }

    @Test
    void hybridSegmentsAreExplainedToo() {
        Cli.Result r = explain("--key", "c", "--strategy", "hybrid", "--segment-rows", BATCH);
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("strategy: hybrid\n").contains("first segment:\n")
                .contains("following segment (")
                .endsWith(explains() ? "index range: yes\n" : ")\n");
    }

    @Test
    void autoSaysWhatItChose() {
        Cli.Result r = explain();
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).containsPattern("strategy: \\w+ \\(chosen by --strategy auto\\)\n")
                .containsPattern("(?i)key: id ASC \\(unique: proven by the schema\\)\n");
    }

    @Test
    void cursorAndOffsetRepeatNoSeek() {
        Cli.Result cursor = explain("--strategy", "cursor");
        assertThat(cursor.code()).as("%s", cursor).isZero();
        assertThat(cursor.out()).contains("the query:\n  SELECT ").endsWith("index range: not applicable"
                + " (strategy cursor runs one query, and no batch repeats it)\n");
        Cli.Result offset = explain("--strategy", "offset", "--batch-size", BATCH);
        assertThat(offset.code()).as("%s", offset).isZero();
        assertThat(offset.out()).contains("following batch (the offset grows by --batch-size each time):\n  SELECT ")
                .contains("100").contains("index range: not checked");
    }

    @Test
    void noRowsNoVerdict() {
        Cli.Result r = explain("--where", "id < 0", "--key", "c", "--strategy", "keyset");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).endsWith("index range: unknown (no rows: there is no key to explain a following batch"
                + " with)\n");
    }

    @Test
    void badKeyIsExit2() {
        for (String key : new String[] {"no_such_col", "c; DROP TABLE x", ""}) {
            Cli.Result r = explain("--key", key);
            assertThat(r.code()).as("%s: %s", key, r).isEqualTo(2);
            assertThat(r.errLines()).as(key).singleElement().asString().startsWith("rowstream: error: ");
            assertThat(r.out()).as(key).isEmpty();
        }
    }
}
