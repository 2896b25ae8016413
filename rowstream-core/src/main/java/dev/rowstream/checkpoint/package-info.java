/**
 * Checkpoints: where a stream stands ({@link dev.rowstream.checkpoint.Checkpoint}, made by
 * {@link dev.rowstream.RowStream#checkpoint()}, used by {@link dev.rowstream.ReadBuilder#resumeFrom}), and
 * where a job keeps it ({@link dev.rowstream.checkpoint.CheckpointStore}: a file replaced atomically, or a
 * row written in the caller's transaction).
 */
package dev.rowstream.checkpoint;
