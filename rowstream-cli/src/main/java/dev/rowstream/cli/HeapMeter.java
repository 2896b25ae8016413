package dev.rowstream.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap during one phase of the demo: the peak in use (garbage included, sampled every
 * millisecond) and the most still in use right after a garbage collection (what the phase really kept).
 */
final class HeapMeter implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong(-1);
    private volatile long lastAfterGc = -1;
    private final long baseline;
    private final AtomicInteger collections = new AtomicInteger();
    private final long startedMillis;
    private final NotificationListener listener = this::onGc;
    private final Thread sampler;
    private volatile boolean running = true;

    /** Starts measuring, after a full GC so that earlier phases' garbage does not count. */
    HeapMeter() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        startedMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        baseline = MEMORY.getHeapMemoryUsage().getUsed();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter) {
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
        }
        sample();
        sampler = new Thread(() -> {
            while (running) {
                try {
                    sample();
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                } catch (OutOfMemoryError e) {
                    // The phase that fills the heap makes even this small allocation fail now and then.
                }
            }
        }, "rowstream-heap-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        long used = MEMORY.getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(used, Math::max);
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        // Notifications arrive late: the GC that cleared the previous phase may come after we started.
        if (info.getGcInfo().getStartTime() < startedMillis) {
            return;
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(used, Math::max);
        lastAfterGc = used;
        collections.incrementAndGet();
    }

    /** Peak heap in use, in bytes. */
    long peak() {
        sample();
        return peak.get();
    }

    /** The most heap in use right after a GC during the phase, or -1 when no GC ran. */
    long peakAfterGc() {
        return peakAfterGc.get();
    }

    /** Heap in use right after the latest GC of the phase, or -1. */
    long lastAfterGc() {
        return lastAfterGc;
    }

    /** Heap in use when the phase started, right after a full GC. */
    long baseline() {
        return baseline;
    }

    int collections() {
        return collections.get();
    }

    /** Runs a full GC and returns the heap still in use: the live data, near enough. */
    static long usedAfterFullGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            Thread.sleep(20); // GC notifications are delivered a little late
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter) {
                try {
                    ((NotificationEmitter) gc).removeNotificationListener(listener);
                } catch (ListenerNotFoundException ignored) {
                    // Not added to this one.
                }
            }
        }
    }
}
