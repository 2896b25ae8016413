package dev.rowstream.sink;

import dev.rowstream.checkpoint.CheckpointException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One output file while it is written: {@code FILE.part}, renamed to {@code FILE} once complete, in the
 * same folder (so the rename cannot cross file systems and is atomic). It counts the bytes that reach the
 * part and keeps their running CRC-32C, so a checkpoint can record both without reading the part again;
 * a resumed run reads the part once, up to the recorded length, to check it before it cuts and appends.
 */
final class PartFile {
    private final Path file;
    private final Path part;
    private final CRC32C crc = new CRC32C();
    /** False when no checkpoint will record the CRC: then it is not computed. */
    private final boolean checksummed;
    private FileOutputStream stream;
    private long length;

    PartFile(Path file) {
        this(file, true);
    }

    PartFile(Path file, boolean checksummed) {
        this.file = file;
        this.part = partOf(file);
        this.checksummed = checksummed;
    }

    /** The part file next to {@code file}. */
    static Path partOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".part");
    }

    Path file() { return file; }

    Path part() { return part; }

    /** A new, empty part (an old one is replaced). */
    OutputStream create() throws IOException {
        stream = new FileOutputStream(part.toFile());
        return new Counted();
    }

    /**
     * Continues the part after its first {@code bytes} bytes, once they are checked against {@code crc32c}:
     * a part cut short, or edited or damaged behind the checkpoint, is refused before it is touched.
     */
    OutputStream resume(long bytes, long crc32c) throws IOException {
        if (bytes == 0) {
            return create();
        }
        if (!Files.exists(part) && Files.exists(file) && Files.size(file) >= bytes) {
            // Renamed whole before the checkpoint after it reached the disk (a power loss can keep the rename and
            // lose the checkpoint): the file is this checkpoint's part with more after it, checked as any part.
            Files.move(file, part, StandardCopyOption.ATOMIC_MOVE);
        }
        long have = Files.exists(part) ? Files.size(part) : -1;
        if (have < bytes) {
            throw new CheckpointException(part + (have < 0 ? " is missing" : " has " + have + " bytes")
                    + ", but the checkpoint records " + bytes + ": the part was moved or cut short, so the"
                    + " export cannot resume; start over with force(true)");
        }
        readInto(crc, part, bytes);
        if (crc.getValue() != crc32c) {
            throw new CheckpointException(part + " does not hold what the checkpoint recorded: the CRC-32C of"
                    + " its first " + bytes + " bytes is " + hex(crc.getValue()) + ", not " + hex(crc32c)
                    + ": the part was edited or damaged, so the export cannot resume; start over with force(true)");
        }
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ch.truncate(bytes); // drops what was written after the checkpoint
            ch.force(true);
        }
        length = bytes;
        stream = new FileOutputStream(part.toFile(), true);
        return new Counted();
    }

    /** True when {@code path} has exactly {@code bytes} bytes whose CRC-32C is {@code crc32c}. */
    static boolean holds(Path path, long bytes, long crc32c) throws IOException {
        if (!Files.exists(path) || Files.size(path) != bytes) {
            return false;
        }
        CRC32C c = new CRC32C();
        readInto(c, path, bytes);
        return c.getValue() == crc32c;
    }

    private static void readInto(CRC32C crc, Path path, long bytes) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            long left = bytes;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(path + " ended before " + bytes + " bytes");
                }
                crc.update(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** The bytes that reached the part. */
    long length() { return length; }

    /** The CRC-32C of those bytes. */
    long crc() { return crc.getValue(); }

    static String hex(long crc) {
        return String.format("%08x", crc);
    }

    /** Puts the part's bytes on disk (fsync). */
    void sync() throws IOException {
        stream.getFD().sync();
    }

    /** Closes the part (synced before by the caller) and renames it to the file; the rename is made durable. */
    void publish() throws IOException {
        stream.close();
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(file.getParent());
    }

    /** Renames a part left complete by an earlier run. */
    void publishLeft() throws IOException {
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(file.getParent());
    }

    /** Closes the part's stream; the part stays. Never throws. */
    void closeQuietly() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // What was not written is past the last checkpoint: a resume cuts it off anyway.
            }
        }
    }

    /** Deletes the part. Never throws: a {@code .part} left behind is never mistaken for the output. */
    void delete() {
        try {
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // See above.
        }
    }

    /** Makes a rename durable; best effort, as not every file system allows syncing a folder. */
    static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // The data is synced and renamed; only the rename's durability is left to the OS.
        }
    }

    /** The part's stream, counting bytes and updating the CRC as they are written. */
    private final class Counted extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            stream.write(b);
            if (checksummed) {
                crc.update(b);
            }
            length++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            stream.write(b, off, len);
            if (checksummed) {
                crc.update(b, off, len);
            }
            length += len;
        }

        @Override
        public void close() {
            // The part is closed by publish or closeQuietly, after it was synced.
        }
    }
}
