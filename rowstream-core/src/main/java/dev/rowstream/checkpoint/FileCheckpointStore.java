package dev.rowstream.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A checkpoint in a file, one line of JSON. {@link #save} writes a temporary file in the same directory,
 * then renames it over the file in one atomic step, so a crash leaves the old checkpoint or the new one,
 * never a mix. A durable store also syncs the temporary file before the rename and the directory after
 * it, so that the new checkpoint survives a power loss too; a store that is not durable skips the two
 * syncs (milliseconds each), and is still safe against a killed process, whose writes the OS keeps.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private final Path file;
    private final boolean durable;

    /** A durable store in {@code file}. */
    public FileCheckpointStore(Path file) {
        this(file, true);
    }

    /** {@code durable}: sync on every save (see the class comment); {@link #saveDurably} always syncs. */
    public FileCheckpointStore(Path file, boolean durable) {
        this.file = file.toAbsolutePath();
        this.durable = durable;
    }

    public Path file() { return file; }

    @Override
    public Optional<Checkpoint> load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading checkpoint " + file + " failed: " + e.getMessage(), e);
        }
        try {
            return Optional.of(Checkpoint.parse(text.strip()));
        } catch (CheckpointException e) {
            throw new CheckpointException("checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Checkpoint checkpoint) {
        write(checkpoint, durable);
    }

    /** Saves and syncs, whatever this store's setting: for the points a sink has synced its own data. */
    public void saveDurably(Checkpoint checkpoint) {
        write(checkpoint, true);
    }

    /** Saves; syncs when {@code durable} (whatever this store's setting). */
    @Override
    public void save(Checkpoint checkpoint, boolean durable) {
        write(checkpoint, durable);
    }

    /**
     * Refuses, before any work, a checkpoint file that could not be saved: its folder is missing or not
     * writable, or it is a folder itself.
     */
    public void checkWritable() {
        Path dir = file.getParent();
        if (Files.isDirectory(file)) {
            throw new dev.rowstream.InvalidSpecException("checkpoint file " + file + " is a folder: give a file name");
        }
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new dev.rowstream.InvalidSpecException("checkpoint file " + file + ": folder " + dir
                    + " does not exist or is not writable");
        }
    }

    private void write(Checkpoint checkpoint, boolean sync) {
        byte[] bytes = (checkpoint.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
        Path dir = file.getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                if (sync) {
                    ch.force(true);
                }
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            if (sync) {
                syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("saving checkpoint " + file + " failed: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // A stray temporary file is harmless: it is never read as the checkpoint.
                }
            }
        }
    }

    @Override
    public void delete() {
        try {
            if (Files.deleteIfExists(file)) {
                syncDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting checkpoint " + file + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }

    /** Makes a rename or delete durable; best effort, as not every file system allows syncing a directory. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // The file itself is written; only the durability of its name is left to the OS.
        }
    }
}
