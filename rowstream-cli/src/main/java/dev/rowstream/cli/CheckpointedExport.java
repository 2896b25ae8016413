package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.CheckpointException;
import dev.rowstream.checkpoint.FileCheckpointStore;
import dev.rowstream.format.Format;
import dev.rowstream.format.Formats;
import dev.rowstream.format.TextFormat;
import dev.rowstream.format.RowWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code rowstream export --output FILE --checkpoint CKPT [--resume] [--force]}: an export that can go on
 * after a crash.
 *
 * <p>After every batch of rows (at most every 50 ms), the rows are flushed to {@code FILE.part} and the
 * checkpoint records the last row's key and the part's byte length (a temporary file renamed over CKPT). Once a second the part
 * is also synced to disk and the checkpoint saved durably, in that order, so that even after a power loss
 * no checkpoint claims bytes the disk does not have (and if the OS reorders, the part is found shorter than
 * its checkpoint: an error, never a corrupt file). {@code --resume} cuts the part to the recorded length
 * and continues the read after the recorded key, so the final file is byte for byte the one an
 * uninterrupted export writes. At the end the checkpoint is first marked done, then the part renamed, then
 * the checkpoint deleted; a crash between those steps is finished by the next {@code --resume}.
 */
final class CheckpointedExport {
    /** How often the part is fsynced and the checkpoint made durable; a killed process loses nothing in between. */
    static final long SYNC_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * The least time between two checkpoints. Saving one (a temporary file renamed over the last) takes
     * 0.3 to 0.9 ms; at 1,000-row batches and 300,000 rows/s that would be a third of the export's time.
     * A batch that ends sooner after the last checkpoint is flushed, and the next boundary records it:
     * a crash then repeats at most this much work, and the file is the same.
     */
    static final long MIN_CHECKPOINT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Main main;
    private final Path output;
    private final Path checkpointFile;
    private final TextFormat format;
    private final int batchSize;
    private final boolean resume;
    private final boolean force;
    private final String progress;

    CheckpointedExport(Main main, Path output, Path checkpointFile, TextFormat format, int batchSize, boolean resume,
                       boolean force, String progress) {
        if (output == null) {
            throw new InvalidSpecException("--checkpoint needs --output FILE: an export to stdout cannot resume");
        }
        Output.file(output); // checks the path as a plain export does
        this.main = main;
        this.output = output.toAbsolutePath();
        this.checkpointFile = checkpointFile.toAbsolutePath();
        if (this.checkpointFile.equals(this.output) || this.checkpointFile.equals(Output.partOf(this.output))) {
            throw new InvalidSpecException("--checkpoint " + checkpointFile + " is the output itself: give another file");
        }
        Path dir = this.checkpointFile.getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new InvalidSpecException("--checkpoint " + checkpointFile + ": directory " + dir
                    + " does not exist or is not writable");
        }
        this.format = format;
        this.batchSize = batchSize;
        this.resume = resume;
        this.force = force;
        this.progress = progress;
    }

    int run(ReadBuilder builder, ExportCommand.RetryCount retried) {
        FileCheckpointStore store = new FileCheckpointStore(checkpointFile, false);
        Optional<Checkpoint> saved = store.load();
        long resumeAt = -1;
        if (resume) {
            Checkpoint from = saved.orElseThrow(() -> new InvalidSpecException("--resume: there is no checkpoint "
                    + checkpointFile + ", so nothing to resume; run without --resume to start the export"));
            checkSink(from);
            if ("true".equals(from.sink().get("done"))) {
                return finishDone(store, from);
            }
            resumeAt = bytes(from);
            builder.resumeFrom(from);
        } else if (saved.isPresent()) {
            if (!force) {
                throw new InvalidSpecException("checkpoint " + checkpointFile + " exists: an export stopped after "
                        + saved.get().rowCount() + " rows (at " + saved.get().describeKey() + "); add --resume to go on"
                        + " from there, or --force to start over");
            }
        }

        long start = System.nanoTime();
        long rows;
        // A resumed export has no estimate of the rows left: the table's estimate counts those written before.
        try (Progress shown = Progress.start(progress, main.err, main.err == System.err && Progress.stderrIsTerminal(),
                     resume ? java.util.OptionalLong::empty : builder::estimateRows);
             RowStream<Row> stream = open(builder); ResumableFile out = new ResumableFile(output, resumeAt)) {
            stream.checkpoint(); // refuses a read that cannot resume (no key, offset) before any file is touched
            if (force && saved.isPresent()) {
                store.delete(); // else a crash before the first save would leave the old one over the new part
            }
            try {
                RowWriter writer = format.writer(out.open());
                if (resumeAt > 0) {
                    out.discard(true); // the part has its header already
                }
                writer.begin(stream.columns());
                writer.flush();
                out.discard(false);
                store.saveDurably(stream.checkpoint().withSink(sink(out.position(), false)));
                long lastSync = System.nanoTime();
                long lastSave = lastSync;
                int inBatch = 0;
                for (Row row : stream) {
                    writer.write(row);
                    shown.row();
                    if (++inBatch >= batchSize && System.nanoTime() - lastSave >= MIN_CHECKPOINT_NANOS) {
                        inBatch = 0;
                        writer.flush();
                        Checkpoint at = stream.checkpoint().withSink(sink(out.position(), false));
                        if (System.nanoTime() - lastSync >= SYNC_NANOS) {
                            out.sync(); // the bytes first, then the checkpoint that counts them
                            store.saveDurably(at);
                            lastSync = System.nanoTime();
                        } else {
                            store.save(at);
                        }
                        lastSave = System.nanoTime();
                    }
                }
                writer.close();
                out.sync();
                store.saveDurably(stream.checkpoint().withSink(sink(out.position(), true)));
                out.commit();
                store.delete();
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + out.describe() + " failed: " + e.getMessage(), e);
            }
            rows = stream.rowCount();
            shown.close(); // clears a live line before the summary
            double seconds = (System.nanoTime() - start) / 1e9;
            long before = stream.checkpoint().rowCount() - rows;
            main.err.printf(Locale.ROOT, "rowstream: exported %d rows in %.1fs (%d rows/s) with strategy %s%s%s%n",
                    rows, seconds, Math.round(rows / Math.max(seconds, 1e-3)), ReadOptions.name(stream.strategy()),
                    resume ? ", resumed after " + before + " rows (" + (before + rows) + " in all)" : "",
                    retried.summary());
        }
        main.err.flush();
        return ErrorHandler.OK;
    }

    private RowStream<Row> open(ReadBuilder builder) {
        try {
            return builder.open();
        } catch (CheckpointException e) {
            throw new InvalidSpecException("--resume: checkpoint " + checkpointFile + " does not match this export: "
                    + e.getMessage(), e);
        }
    }

    /** The checkpoint must be this export's: the same output file and format. */
    private void checkSink(Checkpoint from) {
        String was = from.sink().get("output");
        if (was != null && !was.equals(output.toString())) {
            throw new InvalidSpecException("--resume: checkpoint " + checkpointFile + " is for output " + was
                    + ", not " + output + ": give the same --output, or start over with --force");
        }
        String fmt = from.sink().get("format");
        if (fmt != null && !fmt.equals(formatName())) {
            throw new InvalidSpecException("--resume: checkpoint " + checkpointFile + " is for format " + fmt
                    + ", not " + formatName() + ": give --format " + fmt + ", or start over with --force");
        }
    }

    private long bytes(Checkpoint from) {
        try {
            return Long.parseLong(from.sink().get("bytes"));
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("--resume: checkpoint " + checkpointFile + " has no valid byte length of"
                    + " the output (\"bytes\": " + from.sink().get("bytes") + "): start over with --force");
        }
    }

    /** The last run wrote every row, and stopped while renaming: do what was left. */
    private int finishDone(FileCheckpointStore store, Checkpoint done) {
        Path part = Output.partOf(output);
        try {
            if (Files.exists(part)) {
                if (Files.size(part) != bytes(done)) {
                    throw new InvalidSpecException(part + " has " + Files.size(part) + " bytes, but the checkpoint"
                            + " records " + bytes(done) + ": start over with --force");
                }
                Files.move(part, output, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else if (!Files.exists(output)) {
                throw new InvalidSpecException("--resume: the checkpoint says the export was complete, but neither "
                        + output + " nor its .part exists: start over with --force");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("finishing " + output + " failed: " + e.getMessage(), e);
        }
        store.delete();
        main.err.printf(Locale.ROOT, "rowstream: the export was already complete (%d rows): %s%n", done.rowCount(), output);
        main.err.flush();
        return ErrorHandler.OK;
    }

    private Map<String, String> sink(long bytes, boolean done) {
        Map<String, String> sink = new LinkedHashMap<>();
        sink.put("output", output.toString());
        sink.put("format", formatName());
        sink.put("bytes", Long.toString(bytes));
        if (done) {
            sink.put("done", "true");
        }
        return sink;
    }

    private String formatName() {
        return format.name();
    }

    /** The format named {@code name}; until file outputs take any {@link Format}, a text one. */
    static TextFormat textFormat(String name) {
        Format f = Formats.named(name);
        if (!(f instanceof TextFormat text)) {
            throw new dev.rowstream.InvalidSpecException("--format " + f.name() + " is not supported by export yet");
        }
        return text;
    }
}
