package dev.rowstream.checkpoint;

import java.util.Optional;

/**
 * Where a job keeps its checkpoint: one at a time, replaced by each {@link #save}. See
 * {@link FileCheckpointStore} (a file, replaced atomically) and {@link JdbcCheckpointStore} (a row in a
 * table, saved in the caller's transaction).
 */
public interface CheckpointStore {

    /** The saved checkpoint, or empty when there is none. Throws {@link CheckpointException} when unreadable. */
    Optional<Checkpoint> load();

    /** Replaces the saved checkpoint: after a crash, {@link #load} returns this one or the one before. */
    void save(Checkpoint checkpoint);

    /**
     * Saves, and when {@code durable} makes sure the checkpoint survives a power loss too (a file store syncs
     * the file and its folder; a database commits anyway). A job saves cheaply after most batches and durably
     * once a second, after its sink has synced its own data. By default, {@link #save}.
     */
    default void save(Checkpoint checkpoint, boolean durable) {
        save(checkpoint);
    }

    /** Removes the saved checkpoint, if any: the job is done. */
    void delete();

    /** Where the checkpoint is, for messages (a file name, a table and job). */
    String describe();
}
