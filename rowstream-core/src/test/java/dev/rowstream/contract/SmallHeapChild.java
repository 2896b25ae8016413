package dev.rowstream.contract;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a JVM of its own with a small heap by {@link BoundedMemoryTest}:
 * {@code SmallHeapChild URL TABLE STRATEGY BATCH stream|list}. Prints {@code rows=N peakHeapMb=M}.
 */
public final class SmallHeapChild {
    private SmallHeapChild() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String table = args[1];
        Strategy strategy = Strategy.valueOf(args[2]);
        int batch = Integer.parseInt(args[3]);
        boolean keepAll = args[4].equals("list");
        long rows = 0;
        long idSum = 0;
        List<Row> kept = new ArrayList<>();
        try (RowStream<Row> stream = RowStreams.from(url).table(table).key("id").strategy(strategy).batchSize(batch).open()) {
            for (Row row : stream) {
                rows++;
                idSum += ((Number) row.get(0)).longValue();
                if (keepAll) {
                    kept.add(row);
                }
            }
        } catch (OutOfMemoryError e) {
            kept = null;
            System.out.println("oom after rows=" + rows);
            System.exit(3);
        }
        System.out.println("rows=" + rows + " idSum=" + idSum + " peakHeapMb=" + peakHeapMb());
    }

    static long peakHeapMb() {
        return dev.rowstream.testing.ExportChild.peakHeapMb();
    }
}
