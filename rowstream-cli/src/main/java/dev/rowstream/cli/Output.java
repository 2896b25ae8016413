package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where the rows go: stdout, or a file that appears only when it is complete.
 *
 * <p>A file is written as {@code FILE.part}, then flushed, fsynced and renamed over {@code FILE} in
 * one atomic step by {@link #commit()}. Whatever stops the run first (an error, or Ctrl-C, which runs
 * the shutdown hook) leaves {@code FILE} as it was and deletes the {@code .part}. The rename and the
 * hook take the same lock, so the hook either sees the run committed, or stops the rename.
 */
abstract class Output implements AutoCloseable {
    /** Writes reach the encoder and the OS in 64 KiB pieces, never row by row. */
    static final int BUFFER = 64 * 1024;

    /** Opens the writer; call once. */
    abstract Writer open() throws IOException;

    /** The writer's data is complete: make it the output. */
    abstract void commit() throws IOException;

    /** Gives up unless committed; idempotent. */
    @Override
    public abstract void close();

    /** What to call it in messages. */
    abstract String describe();

    /** What the shutdown hook does on Ctrl-C: make sure an unfinished output never becomes the output. */
    void onShutdown() {
    }

    static Output stdout(OutputStream stdout) {
        return new Stdout(stdout);
    }

    /**
     * A file output, checked now (before any connection) so a bad path is a usage error; nothing is
     * created until {@link #open()}.
     */
    static Output file(Path file) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new InvalidSpecException("--output " + file + " is a directory: give a file name");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidSpecException("--output " + file + ": directory " + dir
                    + " does not exist: create it first");
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidSpecException("--output " + file + ": directory " + dir
                    + " is not writable: choose another place");
        }
        return new AtomicFile(absolute);
    }

    /** The part file next to {@code file}: same directory, so the rename cannot cross file systems. */
    static Path partOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".part");
    }

    private static final class Stdout extends Output {
        private final OutputStream stream;
        private Writer writer;

        Stdout(OutputStream stream) {
            this.stream = stream instanceof PrintStream ? new FailFast((PrintStream) stream) : stream;
        }

        @Override
        Writer open() {
            writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER);
            return writer;
        }

        @Override
        void commit() throws IOException {
            writer.flush();
        }

        @Override
        public void close() {
            // stdout belongs to the process: flushed by commit, never closed here.
        }

        @Override
        String describe() {
            return "stdout";
        }
    }

    /**
     * A PrintStream (System.out) hides write errors. Without this, {@code rowstream export | head}
     * would read the whole table into a closed pipe; with it, the export stops at the next 8 KiB.
     */
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

    private static final class AtomicFile extends Output {
        private final Path file;
        private final Path part;
        private final Object lock = new Object();
        private final Thread guard = new Thread(this::onShutdown, "rowstream-output-guard");
        private FileOutputStream stream;
        private Writer writer;
        private boolean committed;
        private boolean abandoned;

        AtomicFile(Path file) {
            this.file = file;
            this.part = partOf(file);
        }

        @Override
        Writer open() throws IOException {
            Runtime.getRuntime().addShutdownHook(guard);
            stream = new FileOutputStream(part.toFile());
            writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER);
            return writer;
        }

        @Override
        void commit() throws IOException {
            writer.flush();
            // On disk before it gets the final name: after a crash, FILE is complete or the old one.
            stream.getFD().sync();
            stream.close();
            synchronized (lock) {
                if (abandoned) {
                    throw new IOException("interrupted: " + file + " was not written");
                }
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                committed = true;
            }
            syncDirectory();
        }

        /** Makes the rename itself durable; best effort, as not every file system allows it. */
        private void syncDirectory() {
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException | RuntimeException ignored) {
                // The data is synced and renamed; only the rename's durability is left to the OS.
            }
        }

        @Override
        void onShutdown() {
            abandon(false);
        }

        /**
         * Run by close() after a failure, and by the shutdown hook on Ctrl-C. The hook leaves the
         * stream open: the main thread may still be writing, and should not fail noisily while the JVM
         * exits; the unlinked part is freed with the process.
         */
        private void abandon(boolean closeStream) {
            synchronized (lock) {
                if (committed || abandoned) {
                    return;
                }
                abandoned = true;
                try {
                    if (closeStream && stream != null) {
                        stream.close();
                    }
                } catch (IOException ignored) {
                    // The part is deleted next; what was buffered does not matter.
                }
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // Left behind: a .part is never mistaken for the output.
                }
            }
        }

        @Override
        public void close() {
            abandon(true);
            try {
                Runtime.getRuntime().removeShutdownHook(guard);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run.
            }
        }

        @Override
        String describe() {
            return file.toString();
        }
    }
}
