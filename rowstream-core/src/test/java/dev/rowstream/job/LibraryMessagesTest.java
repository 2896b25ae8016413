package dev.rowstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.checkpoint.CheckpointStores;
import dev.rowstream.sink.Sinks;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library user reads the library's option names in its messages ({@code key(...)}, {@code resume(true)}),
 * never the command line's flags. On H2: the words are the library's, not a driver's.
 */
@ExtendWith(LeakCheck.class)
class LibraryMessagesTest {
    @TempDir
    Path dir;

    @Test
    void refusalsNameTheLibrarysOptions() {
        DbTarget h2 = DbTarget.H2;
        String t = h2.table("msgs");
        h2.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(5))");
        try {
            String[] messages = {
                message(() -> RowStreams.from(h2.dataSource()).query("SELECT id FROM " + t).strategy(Strategy.KEYSET)
                        .open()),
                message(() -> RowStreams.from(h2.dataSource()).table(t).columns("nope").open()),
                message(() -> RowStreams.from(h2.dataSource()).table(t).key("").open()),
                message(() -> Sinks.file(dir.resolve("x.csv")).maxRowsPerFile(0)),
                message(() -> RowStreams.from(h2.dataSource()).table(t).exportTo(Sinks.csv(dir.resolve("x.csv")))
                        .resume(true).run()),
                message(() -> RowStreams.from(h2.dataSource()).table(t).exportTo(Sinks.stream(System.out,
                        dev.rowstream.format.Format.CSV)).checkpoint(CheckpointStores.file(dir.resolve("c"))).run()),
            };
            assertThat(messages[0]).contains("give key(...)");
            assertThat(messages[1]).contains("in columns(...)");
            assertThat(messages[2]).contains("e.g. key(id)");
            assertThat(messages[3]).isEqualTo("maxRowsPerFile(0) is out of range: use 1 or more");
            assertThat(messages[4]).contains("resume(true) needs a checkpoint").contains("checkpoint(...)");
            assertThat(messages[5]).contains("Sinks.file(...)");
            assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContainPattern("--[a-z]"));
        } finally {
            h2.dropTable(t);
        }
    }

    private static String message(Runnable r) {
        return assertThatThrownBy(r::run).isInstanceOf(InvalidSpecException.class).actual().getMessage();
    }
}
