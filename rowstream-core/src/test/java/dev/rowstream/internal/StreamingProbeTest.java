package dev.rowstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The probe's rule, with numbers measured on this project's servers: 200,000 rows of about 200 bytes,
 * fetch size 1000, bytes allocated inside executeQuery and inside the first 1000 next() calls.
 */
class StreamingProbeTest {

    @Test
    void measuredBufferingIsCaught() {
        // pgjdbc with autocommit on, or preferQueryMode=simple: 63.7 MB in executeQuery, 272 KB for 1000 rows.
        assertThat(StreamingProbe.buffered(63_682_360, 272_000, 1000, 1000)).isTrue();
        // Connector/J without useCursorFetch and MIN_VALUE: 147 MB.
        assertThat(StreamingProbe.buffered(146_806_824, 333_968, 1000, 1000)).isTrue();
        // MariaDB Connector/J with fetch size 0: 46 MB.
        assertThat(StreamingProbe.buffered(46_002_552, 272_872, 1000, 1000)).isTrue();
        assertThat(StreamingProbe.ratio(63_682_360, 272_000, 1000, 1000)).isGreaterThan(200);
    }

    @Test
    void measuredStreamingPasses() {
        assertThat(StreamingProbe.buffered(320_112, 272_000, 1000, 1000)).isFalse(); // pgjdbc cursor
        assertThat(StreamingProbe.buffered(6_488, 333_968, 1000, 1000)).isFalse(); // Connector/J MIN_VALUE
        assertThat(StreamingProbe.buffered(212_880, 272_000, 1000, 1000)).isFalse(); // MariaDB fetch 1000
    }

    @Test
    void aBigFirstFetchIsNotBuffering() {
        // A fetch size of 200,000 rows: executeQuery holds the first fetch, 64 MB, which is what was asked for.
        assertThat(StreamingProbe.buffered(64_000_000, 272_000, 1000, 200_000)).isFalse();
    }

    @Test
    void smallResultsNeverCount() {
        // 100,000 rows read whole with fetch size 10: a ratio of thousands, but only 30 MB.
        assertThat(StreamingProbe.ratio(30_000_000, 2_720, 10, 10)).isGreaterThan(1000);
        assertThat(StreamingProbe.buffered(30_000_000, 2_720, 10, 10)).isFalse();
        // A driver's fixed overhead (a 16 KB read buffer) with a batch size of 1.
        assertThat(StreamingProbe.buffered(16_384, 100, 1, 1)).isFalse();
    }

    @Test
    void aSampleThatAllocatedNothingStillDecides() {
        // Rows read from a buffer already filled cost at least something: 16 bytes a row is assumed.
        assertThat(StreamingProbe.buffered(64_000_000, 0, 1000, 1000)).isTrue();
        assertThat(StreamingProbe.buffered(100_000, 0, 1000, 1000)).isFalse();
        assertThat(StreamingProbe.ratio(1, 1, 0, 1000)).isZero();
    }

    @Test
    void bytesForPeople() {
        assertThat(StreamingProbe.bytes(512)).isEqualTo("512 B");
        assertThat(StreamingProbe.bytes(320_112)).isEqualTo("313 KB");
        assertThat(StreamingProbe.bytes(63_682_360)).isEqualTo("61 MB");
        assertThat(StreamingProbe.bytes(5L << 30)).isEqualTo("5.0 GB");
    }
}
