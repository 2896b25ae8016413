package dev.rowstream.sink;

import dev.rowstream.copy.TableSink;
import dev.rowstream.format.Format;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The sinks rowstream has: files in any format ({@link FileSink}), streams ({@link StreamSink}) and database
 * tables ({@link TableSink}). Each call makes a new sink, for one run.
 *
 * <pre>{@code
 * RowStreams.from(ds).table("orders").exportTo(Sinks.file(Path.of("orders.csv.gz"))).run();
 * RowStreams.from(ds).table("orders").exportTo(Sinks.table(archive, "orders").createTable(true)).run();
 * }</pre>
 */
public final class Sinks {
    private Sinks() {
    }

    /** A file whose format and compression come from its name ({@code orders.jsonl.gz}; CSV, uncompressed, when none matches). */
    public static FileSink file(Path file) {
        return new FileSink(file);
    }

    /** A CSV file (compressed when its name ends in {@code .gz} or another compression's ending). */
    public static FileSink csv(Path file) {
        return file(file).format(Format.CSV);
    }

    /** A JSON Lines file (compressed when its name ends in {@code .gz} or another compression's ending). */
    public static FileSink jsonl(Path file) {
        return file(file).format(Format.JSONL);
    }

    /** {@code format} onto the caller's stream, which is flushed at the end but not closed. */
    public static StreamSink stream(OutputStream out, Format format) {
        return new StreamSink(out, format, false);
    }

    /** CSV onto the caller's stream. */
    public static StreamSink csv(OutputStream out) {
        return stream(out, Format.CSV);
    }

    /** JSON Lines onto the caller's stream. */
    public static StreamSink jsonl(OutputStream out) {
        return stream(out, Format.JSONL);
    }

    /** {@code format} onto {@code System.out}; a format that does not suit a terminal or pipe is refused. */
    public static StreamSink stdout(Format format) {
        return stdout(System.out, format);
    }

    /** As {@link #stdout(Format)}, onto {@code out} standing for stdout (a command's own stdout). */
    public static StreamSink stdout(PrintStream out, Format format) {
        return new StreamSink(out, format, true);
    }

    /**
     * A table of the {@code target} database, filled in batches, each one transaction that also saves the
     * job's checkpoint there: a copy that resumes after a crash writes every row exactly once.
     */
    public static TableSink table(DataSource target, String table) {
        return new TableSink(target, table);
    }
}
