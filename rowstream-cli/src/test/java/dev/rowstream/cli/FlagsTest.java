package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The library's option names in its messages become this tool's flags; anything else stays as it was. */
class FlagsTest {
    @Test
    void libraryOptionsBecomeFlags() {
        assertThat(Flags.of("strategy keyset needs a key to order by: give key(...) (a unique column list)"))
                .isEqualTo("strategy keyset needs a key to order by: give --key (a unique column list)");
        assertThat(Flags.of("checkpoint c exists: add resume(true) to go on from there, or force(true) to start over"))
                .isEqualTo("checkpoint c exists: add --resume to go on from there, or --force to start over");
        assertThat(Flags.of("maxRowsPerFile(0) is out of range: use 1 or more"))
                .isEqualTo("--max-rows-per-file 0 is out of range: use 1 or more");
        assertThat(Flags.of("give compression(gzip), or format(csv); checkpoint(...) another file; write to a file"
                + " (Sinks.file(...)); use strategy(hybrid), every segmentSeconds(...); createTable(true)"))
                .isEqualTo("give --compress gzip, or --format csv; --checkpoint CKPT another file; write to a file"
                        + " (--output FILE); use --strategy hybrid, every --segment-seconds; --create-table");
    }

    @Test
    void otherParenthesesStay() {
        String sql = "reading failed: SQL: SELECT COUNT(*) FROM t WHERE lower(name) = ? AND key(x) (id > 5)";
        assertThat(Flags.of(sql)).isEqualTo(sql.replace("key(x)", "--key x"));
        assertThat(Flags.of("the condition was none, now ((id > 500))")).isEqualTo("the condition was none, now ((id > 500))");
        assertThat(Flags.of(null)).isNull();
    }
}
