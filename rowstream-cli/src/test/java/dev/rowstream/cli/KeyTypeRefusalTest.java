package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.sink.FileSink;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A key on a column type the database cannot compare exactly as it sorts it is bad input: exit 2 before
 * any row is read, one line naming the column, its type and what to do instead, and no output file.
 * (SQLite has no such type: every value compares in its storage class.)
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES", "MARIADB", "MYSQL_CJ", "H2"})
@ExtendWith(LeakCheck.class)
class KeyTypeRefusalTest {
    private final DbTarget target;

    @TempDir
    Path dir;

    KeyTypeRefusalTest(DbTarget target) {
        this.target = target;
    }

    @Test
    void aKeyOfATypeThatCannotBeComparedExactlyExitsWithTwoBeforeAnyOutput() {
        String[] type = switch (target) {
            case POSTGRES -> new String[] {"JSON", "'{}'", "cannot order"};
            case MARIADB, MYSQL_CJ -> new String[] {"TEXT", "'a'", "max_sort_length"};
            case H2 -> new String[] {"INT ARRAY", "ARRAY[1]", "cannot hold"};
            default -> null;
        };
        Assumptions.assumeTrue(type != null);
        String t = target.table("refused_key");
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, v " + type[0] + ")",
                "INSERT INTO " + t + " (id, v) VALUES (1, " + type[1] + ")");
        for (String strategy : new String[] {"keyset", "hybrid", "cursor", "offset"}) {
            Path file = dir.resolve("out-" + strategy + ".csv");
            Cli.Result r = Cli.run("export", "--url", target.jdbcUrl(), "--table", t, "--key", "v", "--strategy",
                    strategy, "--output", file.toString());
            assertThat(r.code()).as("%s: %s", strategy, r).isEqualTo(2);
            assertThat(r.errLines()).as("%s", strategy).singleElement().asString()
                    .startsWith("rowstream: error: ")
                    .containsIgnoringCase("key column v has type")
                    .contains(type[2]);
            assertThat(file).doesNotExist();
            assertThat(FileSink.partOf(file)).doesNotExist();
        }
        target.dropTable(t);
    }
}
