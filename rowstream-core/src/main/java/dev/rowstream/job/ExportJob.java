package dev.rowstream.job;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.CheckpointException;
import dev.rowstream.checkpoint.CheckpointStore;
import dev.rowstream.checkpoint.FileCheckpointStore;
import dev.rowstream.sink.FileSink;
import dev.rowstream.sink.Sink;
import dev.rowstream.sink.SinkContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read that goes into a {@link Sink}, resumable after a crash when it keeps a checkpoint. Made by
 * {@link ReadBuilder#exportTo}:
 *
 * <pre>{@code
 * ExportResult r = RowStreams.from(ds).table("orders")
 *         .exportTo(Sinks.csv(Path.of("orders.csv")))
 *         .checkpoint(CheckpointStores.file(Path.of("orders.ckpt")))
 *         .resume(true)
 *         .run();
 * }</pre>
 *
 * <p>What {@link #run} does, in this order:
 * <ol>
 *   <li>Checks the sink ({@link Sink#prepare}: a folder that does not exist, a format that does not suit the
 *       output, a target table that cannot be written) and the checkpoint (readable, every field valid), and
 *       refuses, with an {@link InvalidSpecException} and before any output is touched, a checkpoint of a
 *       stopped run without {@code resume(true)} (unless {@code force(true)}), a checkpoint of another read,
 *       or one whose output does not hold what it counts.</li>
 *   <li>Opens the read (after the checkpoint's key), then saves a first checkpoint, "nothing done yet" (or
 *       where it resumes), before the sink creates or cuts its output: a run killed at any moment after that
 *       always leaves a checkpoint to resume from; one killed before it leaves nothing, and
 *       {@code resume(true)} without a checkpoint starts from the beginning (and says so,
 *       {@link JobListener#onNotice}).</li>
 *   <li>Writes the rows. After each batch of the read's batch size, at most as often as the sink asks
 *       ({@link Sink#commitInterval}: 50 ms for a file, every batch for a table), and whenever the sink asks
 *       ({@link Sink#wantsCommit}), a commit point: the sink makes the rows durable and the job saves the
 *       checkpoint with the sink's position. Once a second the commit point is durable: the sink syncs its
 *       data first, then the checkpoint is saved and synced, so no durable checkpoint counts what the disk
 *       does not have.</li>
 *   <li>After the last row, the final checkpoint is saved (marked done), the sink publishes its output
 *       ({@code FILE.part} renamed to {@code FILE}), and the checkpoint is deleted; a crash between those
 *       steps is finished by the next resumed run.</li>
 * </ol>
 * A job runs once. Without a checkpoint store it runs the same way, without checkpoints.
 */
public final class ExportJob {
    private static final Logger LOG = LoggerFactory.getLogger(ExportJob.class);
    /** How often a commit point is durable; a killed process loses nothing in between (the OS has the bytes). */
    static final long SYNC_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The sink's position entry that marks the final checkpoint: every row was written. */
    static final String DONE = "done";

    private final ReadBuilder read;
    private final Sink sink;
    private final DataSource source;
    private final String table;
    private final List<String> columns;
    private final int batchSize;
    private CheckpointStore store;
    private boolean resume;
    private boolean force;
    private JobListener listener = JobListener.NONE;
    private boolean ran;
    private RowStream<Row> stream;

    /**
     * Made by {@link ReadBuilder#exportTo}, which passes what the read is: its DataSource, the table and
     * columns it reads (null for a query, or all columns) and its batch size.
     */
    public ExportJob(ReadBuilder read, Sink sink, DataSource source, String table, List<String> columns,
                     int batchSize) {
        this.read = Objects.requireNonNull(read, "read");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.source = Objects.requireNonNull(source, "source");
        this.table = table;
        this.columns = columns;
        this.batchSize = batchSize;
    }

    /**
     * Keeps checkpoints in {@code store} (see {@link dev.rowstream.checkpoint.CheckpointStores}), so that a
     * run that stops can be resumed. A table sink keeps its checkpoints in its own target, in the transaction
     * of each batch, and refuses another store.
     */
    public ExportJob checkpoint(CheckpointStore store) {
        this.store = store;
        return this;
    }

    /** Goes on from the checkpoint of a run that stopped, if there is one (else starts from the beginning). */
    public ExportJob resume(boolean resume) {
        this.resume = resume;
        return this;
    }

    /** Starts over although a checkpoint of a stopped run exists (without {@code resume}): it is replaced. */
    public ExportJob force(boolean force) {
        this.force = force;
        return this;
    }

    /** Hears the start, each row, each commit point and notices (see {@link JobListener}). */
    public ExportJob listener(JobListener listener) {
        this.listener = listener == null ? JobListener.NONE : listener;
        return this;
    }

    /** Runs the job; see the class comment. Bad input throws {@link InvalidSpecException} before any output. */
    public ExportResult run() {
        if (ran) {
            throw new IllegalStateException("an export job runs once: call exportTo again, with a new sink");
        }
        ran = true;
        String name = store == null ? null : "checkpoint " + store.describe();
        SinkContext context = new SinkContext(source, table, columns, batchSize, store != null, resume, this::rowKey,
                name);
        try {
            CheckpointStore own = sink.prepare(context);
            if (own != null && store != null) {
                throw new InvalidSpecException(sink.describeJob() + " keeps its checkpoint in its target, in the"
                        + " transaction of each batch (" + own.describe() + "): leave checkpoint(...) out");
            }
            CheckpointStore checkpoints = own != null ? own : store;
            return run(checkpoints, checkpoints == null ? null : "checkpoint " + checkpoints.describe());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + sink + " failed: " + e.getMessage(), e);
        } finally {
            if (stream != null) {
                stream.close();
            }
            sink.close();
        }
    }

    private ExportResult run(CheckpointStore checkpoints, String name) throws IOException {
        if (checkpoints == null && (resume || force)) {
            throw new InvalidSpecException((resume ? "resume(true)" : "force(true)") + " needs a checkpoint to work"
                    + " with: give checkpoint(...)");
        }
        if (force && !sink.canStartOver()) {
            throw new InvalidSpecException("force(true) does not apply to " + sink.describeJob() + ": it fills an"
                    + " empty target only");
        }
        if (checkpoints instanceof FileCheckpointStore file) {
            file.checkWritable();
            if (sink instanceof FileSink out && out.writes(file.file())) {
                throw new InvalidSpecException("the checkpoint file " + file.file() + " is the output itself: give"
                        + " checkpoint(...) another file");
            }
        }
        Optional<Checkpoint> saved = load(checkpoints);
        boolean doneBefore = saved.isPresent() && "true".equals(saved.get().sink().get(DONE));
        if (saved.isPresent() && !resume && !force && !(doneBefore && sink.keepsFinalCheckpoint())) {
            throw new InvalidSpecException(name + " exists: " + sink.describeJob() + " stopped after "
                    + saved.get().rowCount() + " rows (at " + saved.get().describeKey() + "); add resume(true) to go"
                    + " on from there" + (sink.canStartOver() ? ", or force(true) to start over" : ""));
        }
        Checkpoint from = resume ? saved.orElse(null) : null;
        if (from != null && "true".equals(from.sink().get(DONE))) {
            // The last run wrote every row and stopped while finishing: do what was left.
            Map<String, String> position = new LinkedHashMap<>(from.sink());
            position.remove(DONE);
            sink.publish(position);
            if (!sink.keepsFinalCheckpoint()) {
                checkpoints.delete();
            }
            return new ExportResult(0, true, from.rowCount(), null, true);
        }
        stream = open(from, name);
        if (checkpoints != null) {
            stream.checkpoint(); // refuses a read that cannot resume (no key, offset) before any output
        }
        long before = from == null ? 0 : from.rowCount();
        sink.open(stream.columns(), from, commit(checkpoints, true, false));
        if (resume && from == null) {
            notice("resume(true): there is no " + name + ": starting " + sink.describeJob() + " from the beginning");
        }
        listener.onStart(stream.strategy(), before);
        boolean checkpointed = checkpoints != null;
        long interval = sink.commitInterval().toNanos();
        long lastCommit = System.nanoTime();
        long lastSync = lastCommit;
        int inBatch = 0;
        long committed = 0;
        for (Row row : stream) {
            sink.write(row);
            listener.onRow();
            if (checkpointed && ++inBatch >= batchSize && System.nanoTime() - lastCommit >= interval
                    || sink.wantsCommit()) {
                inBatch = 0;
                boolean durable = System.nanoTime() - lastSync >= SYNC_NANOS;
                if (sink.commit(commit(checkpoints, durable, false))) {
                    if (durable) {
                        lastSync = System.nanoTime();
                    }
                    committed = stream.rowCount();
                    listener.onCommit(committed, before + committed);
                }
                lastCommit = System.nanoTime();
            }
        }
        sink.finish(commit(checkpoints, true, true));
        if (checkpoints != null && !sink.keepsFinalCheckpoint()) {
            checkpoints.delete();
        }
        long rows = stream.rowCount();
        if (rows > committed) {
            listener.onCommit(rows, before + rows);
        }
        return new ExportResult(rows, from != null, before, stream.strategy(), false, stream.fastPath());
    }

    /** The checkpoint, if any; an unreadable one is refused, unless this run starts over and replaces it. */
    private Optional<Checkpoint> load(CheckpointStore checkpoints) {
        if (checkpoints == null) {
            return Optional.empty();
        }
        try {
            return checkpoints.load();
        } catch (CheckpointException e) {
            if (force && !resume) {
                LOG.info("starting over: the unreadable checkpoint is replaced ({})", e.getMessage());
                return Optional.empty();
            }
            throw new CheckpointException(e.getMessage() + (sink.canStartOver() ? "; start over with force(true)"
                    : ""), e);
        }
    }

    private RowStream<Row> open(Checkpoint from, String name) {
        try {
            return read.resumeFrom(from).open();
        } catch (CheckpointException e) {
            if (from == null) {
                throw e;
            }
            throw new CheckpointException("resume(true): " + name + " does not match this export: " + e.getMessage(),
                    e);
        }
    }

    /** What the sink records through: a checkpoint at the stream's last row, with the sink's position. */
    private Sink.Commit commit(CheckpointStore checkpoints, boolean durable, boolean done) {
        if (checkpoints == null) {
            return Sink.Commit.NONE;
        }
        return new Sink.Commit() {
            @Override
            public boolean durable() {
                return durable;
            }

            @Override
            public void record(Map<String, String> position) {
                Map<String, String> p = position;
                if (done) {
                    p = new LinkedHashMap<>(position);
                    p.put(DONE, "true");
                }
                checkpoints.save(stream.checkpoint().withSink(p), durable);
            }
        };
    }

    private String rowKey() {
        if (stream == null) {
            return "(start)";
        }
        try {
            return stream.checkpoint().describeKey();
        } catch (RuntimeException noKey) {
            return "row " + (stream.rowCount() + 1);
        }
    }

    private void notice(String message) {
        LOG.info("{}", message);
        listener.onNotice(message);
    }

    @Override
    public String toString() {
        return "export to " + sink;
    }
}
