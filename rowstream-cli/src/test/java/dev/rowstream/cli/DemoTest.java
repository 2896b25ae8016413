package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoTest {

    /** This JVM's heap is larger than 80 MB, so the demo runs in a child JVM with -Xmx64m. */
    @Test
    void smallDemoRunsInASmallHeapAndStreams() {
        Cli.Result r = Cli.run("demo", "--rows", "2000");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out())
                .contains("rowstream demo: 2,000 orders")
                .containsPattern("JVM with a 6\\d\\.\\d MB heap")
                .contains("1. Load all rows into a List")
                .contains("all 2,000 rows loaded")
                .contains("2. Stream them with rowstream, strategy cursor")
                .contains("3. Stream them with rowstream, strategy keyset")
                .containsPattern("(?m)^   2,000 rows in \\d+\\.\\ds \\([\\d,]+ rows/s\\)")
                .contains("Both streams read all 2,000 rows")
                .contains("Temp files deleted.");
        assertThat(r.out().lines().filter(l -> l.startsWith("   2,000 rows in "))).hasSize(2);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("error");
    }
}
