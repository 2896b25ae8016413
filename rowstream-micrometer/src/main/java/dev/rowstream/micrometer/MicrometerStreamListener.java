package dev.rowstream.micrometer;

import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;

/**
 * Micrometer metrics for a rowstream read, as a {@link StreamListener}:
 *
 * <table>
 *   <caption>Meters, each tagged {@code strategy} (cursor, keyset, offset, hybrid) plus the tags given</caption>
 *   <tr><th>name</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code rowstream.batches}</td><td>counter</td><td>KEYSET and OFFSET batches read</td></tr>
 *   <tr><td>{@code rowstream.segments}</td><td>counter</td><td>HYBRID segments ended</td></tr>
 *   <tr><td>{@code rowstream.retries}</td><td>counter</td><td>reconnections after a lost connection</td></tr>
 *   <tr><td>{@code rowstream.rows}</td><td>counter</td><td>rows read, added when a read ends</td></tr>
 *   <tr><td>{@code rowstream.reads}</td><td>timer</td><td>reads from start to end; tag {@code outcome}:
 *       {@code complete} (read to the end) or {@code closed} (closed early, or failed)</td></tr>
 *   <tr><td>{@code rowstream.active}</td><td>long task timer</td><td>reads running now, and for how long</td></tr>
 * </table>
 *
 * <pre>{@code
 * RowStreams.from(dataSource).table("orders")
 *         .listener(new MicrometerStreamListener(registry, Tags.of("table", "orders")))
 *         .open()
 * }</pre>
 *
 * <p>Use one instance per read (it is cheap: the meters live in the registry and are shared); an instance
 * keeps the state of the read it listens to. The callbacks run on the reading thread, and only touch
 * counters: they cost nanoseconds, once per batch or segment, never per row.
 */
public final class MicrometerStreamListener implements StreamListener {
    private final MeterRegistry registry;
    private final Tags tags;
    private Tags tagged;
    private Counter batches;
    private Counter segments;
    private Counter retries;
    private LongTaskTimer.Sample active;
    private long started;

    public MicrometerStreamListener(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /** {@code tags} go on every meter, e.g. the table or job the read is for. */
    public MicrometerStreamListener(MeterRegistry registry, Iterable<Tag> tags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tags = Tags.of(tags);
        meters("unknown");
    }

    private void meters(String strategy) {
        tagged = tags.and("strategy", strategy);
        batches = Counter.builder("rowstream.batches").description("KEYSET and OFFSET batches read").tags(tagged)
                .register(registry);
        segments = Counter.builder("rowstream.segments").description("HYBRID segments ended").tags(tagged)
                .register(registry);
        retries = Counter.builder("rowstream.retries").description("reconnections after a lost connection")
                .tags(tagged).register(registry);
    }

    @Override
    public void onStart(Strategy strategy) {
        meters(strategy.name().toLowerCase(Locale.ROOT));
        started = registry.config().clock().monotonicTime();
        active = LongTaskTimer.builder("rowstream.active").description("reads running now").tags(tagged)
                .register(registry).start();
    }

    @Override
    public void onBatch(int rows) {
        batches.increment();
    }

    @Override
    public void onSegment(long rows) {
        segments.increment();
    }

    @Override
    public void onRetry(int attempt, Throwable cause) {
        retries.increment();
    }

    @Override
    public void onEnd(long rows, boolean complete) {
        Counter.builder("rowstream.rows").description("rows read, counted when a read ends").tags(tagged)
                .register(registry).increment(rows);
        if (active != null) {
            active.stop();
            active = null;
            Timer.builder("rowstream.reads").description("reads, from start to end").tags(tagged)
                    .tag("outcome", complete ? "complete" : "closed").register(registry)
                    .record(registry.config().clock().monotonicTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
