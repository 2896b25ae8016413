package dev.rowstream.testing;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.Formats;
import dev.rowstream.format.RowWriter;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An export in a JVM of its own, for the small-heap tests of the format modules:
 * {@code ExportChild URL TABLE FORMAT FILE [name=value ...]} reads the table by its key {@code id} in batches of
 * 1000 and writes it with the format (options as given). Prints {@code rows=N idSum=S peakHeapMb=M}; exits 3 on
 * an OutOfMemoryError.
 */
public final class ExportChild {
    private ExportChild() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            options.put(kv[0], kv[1]);
        }
        long rows = 0;
        long idSum = 0;
        try (RowStream<Row> stream = RowStreams.from(args[0]).table(args[1]).key("id").batchSize(1000).open();
             OutputStream out = Files.newOutputStream(Path.of(args[3]));
             RowWriter writer = Formats.named(args[2]).writer(out, FormatOptions.of(options))) {
            boolean begun = false;
            for (Row row : stream) {
                if (!begun) {
                    writer.begin(row.columns());
                    begun = true;
                }
                writer.write(row);
                rows++;
                idSum += ((Number) row.get(0)).longValue();
            }
        } catch (OutOfMemoryError e) {
            System.out.println("oom after rows=" + rows);
            System.exit(3);
        }
        System.out.println("rows=" + rows + " idSum=" + idSum + " peakHeapMb=" + peakHeapMb());
    }

    /** The sum of the heap pools' peak usage, in MiB. */
    public static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
