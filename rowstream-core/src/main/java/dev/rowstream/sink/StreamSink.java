package dev.rowstream.sink;

import dev.rowstream.Columns;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.CheckpointStore;
import dev.rowstream.format.Compression;
import dev.rowstream.format.Format;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.RowWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Rows onto a stream that belongs to the caller (stdout, a servlet's response), in any {@link Format} and
 * {@link Compression}: flushed at the end, never closed. A stream keeps no position, so an export to one
 * cannot be resumed. A {@link PrintStream} (System.out) hides write errors; this sink checks for them, so
 * {@code rowstream export | head} stops at the next write after the pipe closed instead of reading the
 * whole table into it.
 */
public final class StreamSink implements Sink {
    private final OutputStream out;
    private final boolean stdout;
    private Format format;
    private FormatOptions options = FormatOptions.NONE;
    private Compression compression = Compression.NONE;
    private Compression.CompressedStream member;
    private RowWriter writer;
    private boolean used;

    StreamSink(OutputStream out, Format format, boolean stdout) {
        this.out = out instanceof PrintStream print ? new FailFast(print) : Objects.requireNonNull(out, "out");
        this.format = Objects.requireNonNull(format, "format");
        this.stdout = stdout;
    }

    public StreamSink format(Format format) {
        this.format = Objects.requireNonNull(format, "format");
        return this;
    }

    public StreamSink options(FormatOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /** The compression (default: none). */
    public StreamSink compression(Compression compression) {
        this.compression = Objects.requireNonNull(compression, "compression");
        return this;
    }

    @Override
    public CheckpointStore prepare(SinkContext context) {
        if (used) {
            throw new IllegalStateException("this sink was used already: make a new one for each run");
        }
        used = true;
        if (context.checkpointed()) {
            throw new InvalidSpecException("an export to " + (stdout ? "stdout" : "a stream") + " cannot resume:"
                    + " write to a file (Sinks.file(...)) to keep checkpoints");
        }
        if (stdout && !format.suitsStdout()) {
            throw new InvalidSpecException("format " + format.name() + " cannot be written to stdout: write it to a"
                    + " file (Sinks.file(...))");
        }
        format.check(options);
        return null;
    }

    @Override
    public void open(Columns columns, Checkpoint from, Commit commit) throws IOException {
        member = compression.open(new KeepOpen(out)); // the stream is the caller's
        writer = format.writer(member, options);
        writer.begin(columns);
    }

    @Override
    public void write(Row row) throws IOException {
        writer.write(row);
    }

    @Override
    public boolean commit(Commit commit) {
        return false;
    }

    @Override
    public void finish(Commit commit) throws IOException {
        writer.close();
        member.close(); // ends the compression and flushes; the stream stays open
    }

    @Override
    public String summary() {
        return writer == null ? "" : writer.summary();
    }

    @Override
    public void close() {
        // The stream belongs to the caller: flushed by finish, never closed here.
    }

    @Override
    public String toString() {
        return stdout ? "stdout" : "the output stream";
    }

    /** A PrintStream that throws on a write error, rather than set a flag nobody reads. */
    private static final class FailFast extends FilterOutputStream {
        private final PrintStream print;

        FailFast(PrintStream print) {
            super(print);
            this.print = print;
        }

        @Override
        public void write(int b) throws IOException {
            print.write(b);
            check();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            print.write(b, off, len);
            check();
        }

        @Override
        public void flush() throws IOException {
            print.flush();
            check();
        }

        private void check() throws IOException {
            if (print.checkError()) {
                throw new IOException("the output is closed (broken pipe)");
            }
        }
    }
}
