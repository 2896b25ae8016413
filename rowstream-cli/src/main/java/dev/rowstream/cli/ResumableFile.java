package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The output of a resumable export: {@code FILE.part}, renamed to {@code FILE} by {@link #commit()}, as
 * {@link Output#file} does, except that a run that stops (an error, Ctrl-C, a crash) keeps the part:
 * the checkpoint says how many of its bytes are complete, and {@code --resume} cuts it to that length and
 * appends. {@link #position()} and {@link #sync()} give the checkpoint its byte length and durability.
 */
final class ResumableFile extends Output {
    private final Path file;
    private final Path part;
    private final long resumeAt;
    private FileOutputStream stream;
    private Gate writer;

    /** {@code resumeAt}: the part's length to keep and append to, or -1 to start a new part. */
    ResumableFile(Path file, long resumeAt) {
        this.file = file.toAbsolutePath();
        this.part = partOf(this.file);
        this.resumeAt = resumeAt;
    }

    Path part() { return part; }

    /**
     * The part's length, or -1 when it does not exist: checked before resuming, so that a part cut short
     * (or gone) is a clear error and not a corrupt file.
     */
    long partLength() throws IOException {
        return Files.exists(part) ? Files.size(part) : -1;
    }

    @Override
    Writer open() throws IOException {
        if (resumeAt >= 0) {
            long length = partLength();
            if (length < resumeAt) {
                throw new InvalidSpecException(part + (length < 0 ? " is missing" : " has " + length + " bytes")
                        + ", but the checkpoint records " + resumeAt + ": the part was moved or cut short, so the"
                        + " export cannot resume; start over with --force");
            }
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.truncate(resumeAt); // drops the rows written after the checkpoint
                ch.force(true);
            }
            stream = new FileOutputStream(part.toFile(), true);
        } else {
            stream = new FileOutputStream(part.toFile());
        }
        writer = new Gate(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        return writer;
    }

    /**
     * While on, what is written is dropped: a resumed CSV export already has its header, and the format's
     * writer writes one in {@code begin}.
     */
    void discard(boolean on) {
        writer.discarding = on;
    }

    /** The bytes in the part; call after flushing the row writer. */
    long position() throws IOException {
        writer.flush();
        return stream.getChannel().position();
    }

    /** Puts the part's bytes on disk (fsync). */
    void sync() throws IOException {
        writer.flush();
        stream.getFD().sync();
    }

    @Override
    void commit() throws IOException {
        sync();
        stream.close();
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException ignored) {
            // The data is synced and renamed; only the rename's durability is left to the OS.
        }
    }

    @Override
    public void close() {
        // The part stays, for --resume.
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // What was not flushed is past the last checkpoint: a resume cuts it off anyway.
            }
        }
    }

    @Override
    String describe() {
        return file.toString();
    }

    /** The 64 KiB buffer, able to drop what is written (see {@link #discard}). */
    private static final class Gate extends BufferedWriter {
        boolean discarding;

        Gate(Writer out) {
            super(out, BUFFER);
        }

        @Override
        public void write(int c) throws IOException {
            if (!discarding) {
                super.write(c);
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            if (!discarding) {
                super.write(cbuf, off, len);
            }
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            if (!discarding) {
                super.write(s, off, len);
            }
        }
    }
}
