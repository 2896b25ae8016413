package dev.rowstream.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters, fed by hand and by real reads on an embedded H2 database. */
class MicrometerStreamListenerTest {
    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    @TempDir
    Path dir;
    private String url;

    @BeforeEach
    void database() throws SQLException, IOException {
        url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            s.execute("INSERT INTO t SELECT X, 'v' || X FROM SYSTEM_RANGE(1, 2500)");
        }
    }

    @Test
    void countsWhatItHears() {
        MicrometerStreamListener l = new MicrometerStreamListener(registry, Tags.of("table", "orders"));
        l.onStart(Strategy.KEYSET);
        assertThat(registry.get("rowstream.active").tag("strategy", "keyset").longTaskTimer().activeTasks()).isOne();
        l.onBatch(1000);
        l.onBatch(500);
        l.onRetry(1, new RuntimeException("lost"));
        clock.add(3, TimeUnit.SECONDS);
        l.onEnd(1500, true);

        Tags keyset = Tags.of("table", "orders", "strategy", "keyset");
        assertThat(registry.get("rowstream.batches").tags(keyset).counter().count()).isEqualTo(2);
        assertThat(registry.get("rowstream.retries").tags(keyset).counter().count()).isEqualTo(1);
        assertThat(registry.get("rowstream.segments").tags(keyset).counter().count()).isZero();
        assertThat(registry.get("rowstream.rows").tags(keyset).counter().count()).isEqualTo(1500);
        assertThat(registry.get("rowstream.reads").tags(keyset).tag("outcome", "complete").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(registry.get("rowstream.active").tags(keyset).longTaskTimer().activeTasks()).isZero();
    }

    @Test
    void realReadsWithEachStrategy() {
        read(Strategy.KEYSET, Long.MAX_VALUE);
        read(Strategy.HYBRID, Long.MAX_VALUE);
        read(Strategy.CURSOR, 10);

        assertThat(registry.get("rowstream.batches").tag("strategy", "keyset").counter().count()).isEqualTo(3);
        assertThat(registry.get("rowstream.rows").tag("strategy", "keyset").counter().count()).isEqualTo(2500);
        // Segments of 1000 rows: 1000, 1000, 500.
        assertThat(registry.get("rowstream.segments").tag("strategy", "hybrid").counter().count()).isEqualTo(3);
        assertThat(registry.get("rowstream.reads").tag("strategy", "hybrid").tag("outcome", "complete").timer().count())
                .isOne();
        // Closed after 10 rows.
        assertThat(registry.get("rowstream.rows").tag("strategy", "cursor").counter().count()).isEqualTo(10);
        assertThat(registry.get("rowstream.reads").tag("strategy", "cursor").tag("outcome", "closed").timer().count())
                .isOne();
        assertThat(registry.get("rowstream.active").longTaskTimers()).allMatch(t -> t.activeTasks() == 0);
    }

    private void read(Strategy strategy, long stopAfter) {
        try (RowStream<Row> rows = RowStreams.from(url).table("t").strategy(strategy).batchSize(1000).segmentRows(1000)
                .listener(new MicrometerStreamListener(registry)).open()) {
            long n = 0;
            for (Row ignored : rows) {
                if (++n == stopAfter) {
                    break;
                }
            }
        }
    }
}
