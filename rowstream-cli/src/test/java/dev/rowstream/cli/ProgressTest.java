package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The progress line's text, its styles, and the thread that shows it. */
class ProgressTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void lineWithoutAnEstimate() {
        assertThat(Progress.line(1_234_567, 3 * SECOND, OptionalLong.empty()))
                .isEqualTo("rowstream: 1,234,567 rows, 411,522 rows/s, 3.0s");
        assertThat(Progress.line(0, 0, OptionalLong.empty())).isEqualTo("rowstream: 0 rows, 0 rows/s, 0.0s");
    }

    @Test
    void lineWithAnEstimateHasPercentAndTimeLeft() {
        assertThat(Progress.line(1_000_000, 2 * SECOND, OptionalLong.of(4_000_000)))
                .isEqualTo("rowstream: 1,000,000 rows, 500,000 rows/s, 2.0s, 25% of ~4,000,000, 6.0s left");
        assertThat(Progress.line(0, 2 * SECOND, OptionalLong.of(10))).isEqualTo("rowstream: 0 rows, 0 rows/s, 2.0s, 0% of ~10");
        // Statistics are estimates: past them, no percentage above 100 and no negative time left.
        assertThat(Progress.line(5_000, SECOND, OptionalLong.of(4_000)))
                .isEqualTo("rowstream: 5,000 rows, 5,000 rows/s, 1.0s, past the estimate of ~4,000");
        assertThat(Progress.line(5, SECOND, OptionalLong.of(0))).isEqualTo("rowstream: 5 rows, 5 rows/s, 1.0s");
    }

    @Test
    void durations() {
        assertThat(Progress.duration(0.04)).isEqualTo("0.0s");
        assertThat(Progress.duration(59.94)).isEqualTo("59.9s");
        assertThat(Progress.duration(125)).isEqualTo("2m05s");
        assertThat(Progress.duration(3725)).isEqualTo("1h02m");
    }

    @Test
    void styles() {
        assertThat(Progress.style("auto", true)).isEqualTo(Progress.Style.LIVE);
        assertThat(Progress.style("auto", false)).isEqualTo(Progress.Style.LOG);
        assertThat(Progress.style("ON", false)).isEqualTo(Progress.Style.LIVE);
        assertThat(Progress.style("off", true)).isEqualTo(Progress.Style.OFF);
        assertThatThrownBy(() -> Progress.style("sometimes", true)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("--progress 'sometimes' is not one of auto, on, off");
    }

    @Test
    void liveLinesAreRewrittenAndClearedAtTheEnd() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = new Progress(Progress.Style.LIVE, err, () -> OptionalLong.of(1000), 20, System::nanoTime)) {
            for (int i = 0; i < 500; i++) {
                p.row();
            }
            Thread.sleep(150);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\rrowstream: 500 rows, ").contains("50% of ~1,000").doesNotContain("\n")
                .matches("(?s)(\rrowstream: [^\r]*)+\r +\r");
    }

    @Test
    void logLinesAreWholeLines() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = new Progress(Progress.Style.LOG, err, OptionalLong::empty, 20, System::nanoTime)) {
            p.row();
            Thread.sleep(100);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .isNotEmpty().allMatch(l -> l.matches("rowstream: 1 rows, [0-9,]+ rows/s, [0-9.]+s"));
    }

    @Test
    void offShowsNothingAndAFailingEstimateIsIgnored() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = new Progress(Progress.Style.OFF, err, OptionalLong::empty, 1, System::nanoTime)) {
            p.row();
            Thread.sleep(30);
        }
        assertThat(bytes.size()).isZero();
        try (Progress p = new Progress(Progress.Style.LOG, err, () -> {
            throw new IllegalStateException("no statistics");
        }, 10, System::nanoTime)) {
            Thread.sleep(50);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("rowstream: 0 rows");
    }
}
