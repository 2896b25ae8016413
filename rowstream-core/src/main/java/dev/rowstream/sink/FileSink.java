package dev.rowstream.sink;

import dev.rowstream.Columns;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.CheckpointException;
import dev.rowstream.checkpoint.CheckpointStore;
import dev.rowstream.format.Compression;
import dev.rowstream.format.Compressions;
import dev.rowstream.format.Format;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.Formats;
import dev.rowstream.format.RowWriter;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Rows into a file, in any {@link Format} and {@link Compression}, that appears only when complete: it is
 * written as {@code FILE.part}, synced, and renamed to {@code FILE} after the last row. A run that fails or
 * is interrupted (Ctrl-C runs a shutdown hook) leaves {@code FILE} as it was and deletes the part, unless the
 * job keeps checkpoints: then the part stays, for the next run to resume.
 *
 * <p>Commit points: the rows so far are flushed to the part (a compressed part ends its gzip member or zstd
 * frame there, so the part up to that point decompresses on its own), synced when the job asks for a
 * durable point, and the position recorded: the part's byte length and the CRC-32C of those bytes, kept up
 * to date as they are written. A resumed run checks the part against both (one read of it), cuts it to that
 * length and appends: an appendable format's file then ends up byte for byte what an uninterrupted run
 * writes (compressed files: their content is; where members end depends on when the checkpoints came).
 *
 * <p>Numbered files: with {@link #maxRowsPerFile} or {@link #maxFileMb}, rows go into {@code orders-00001.csv},
 * {@code orders-00002.csv}, ..., each one written, synced and renamed whole (each CSV file with its header).
 * A format that cannot be appended to ({@link Format#appendable()} false: Parquet, XLSX) commits only whole
 * files, so a resumable export of it needs one of the two limits, and resumes with the file after the last
 * complete one. When the export completes, numbered files of the same name with higher numbers (left by an
 * earlier, longer export) are deleted. A file rolls over after the row during which it reached the limit;
 * {@code maxFileMb} counts the bytes that reached the file, so a file may be larger by what the format and
 * the compression still buffer.
 */
public final class FileSink implements Sink {
    /** The digits of a file's number: {@code orders-00001.csv}. */
    static final String NUMBER = "%05d";
    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private Format format;
    private FormatOptions options = FormatOptions.NONE;
    private Compression compression;
    private long maxRows;
    private long maxMb;

    private SinkContext context;
    private Columns columns;
    private final Object lock = new Object();
    private Thread guard;
    private boolean abandoned;
    private boolean finished;
    private int fileNumber = 1;
    private long fileRows;
    private PartFile part;
    private OutputStream zipped;
    private Compression.CompressedStream member;
    private Gate gate;
    private RowWriter writer;
    private final List<Path> written = new ArrayList<>();
    private final List<String> summaries = new ArrayList<>();
    private int lastFile;

    /** A file sink for {@code file}; the format and compression come from its name unless set. */
    FileSink(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    /** The format (default: by the file name's ending, {@code .jsonl}; CSV when none matches). */
    public FileSink format(Format format) {
        this.format = Objects.requireNonNull(format, "format");
        return this;
    }

    /** The format's options (default: none). */
    public FileSink options(FormatOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /** The compression (default: by the file name's ending, {@code .gz}; none when none matches). */
    public FileSink compression(Compression compression) {
        this.compression = Objects.requireNonNull(compression, "compression");
        return this;
    }

    /** Rolls over into numbered files of at most {@code rows} rows each (see the class comment). */
    public FileSink maxRowsPerFile(long rows) {
        if (rows < 1) {
            throw new InvalidSpecException("maxRowsPerFile(" + rows + ") is out of range: use 1 or more");
        }
        this.maxRows = rows;
        return this;
    }

    /** Rolls over into numbered files once a file holds {@code mb} MiB (see the class comment). */
    public FileSink maxFileMb(long mb) {
        if (mb < 1 || mb > 1L << 40) {
            throw new InvalidSpecException("maxFileMb(" + mb + ") is out of range: use 1 or more");
        }
        this.maxMb = mb;
        return this;
    }

    /** The file, or with numbered files the name they are numbered after. */
    public Path file() { return file; }

    public Format format() {
        return format != null ? format : Formats.forFileName(file.getFileName().toString()).orElse(Format.CSV);
    }

    public Compression compression() {
        return compression != null ? compression : Compressions.forFileName(file.getFileName().toString());
    }

    /** True when rows go into numbered files. */
    public boolean numbered() {
        return maxRows > 0 || maxMb > 0;
    }

    /** The numbered files the finished export has, earlier runs' included (1 when not numbered). */
    public int fileCount() {
        return numbered() ? lastFile : 1;
    }

    /** The files this run completed, in order. */
    public List<Path> files() {
        return List.copyOf(written);
    }

    /** The part file that {@code file} is written as. */
    public static Path partOf(Path file) {
        return PartFile.partOf(file);
    }

    /**
     * The name of numbered file {@code n}: the number goes before the format's ending (and a compression
     * ending after it): {@code orders.csv.gz} gives {@code orders-00001.csv.gz}.
     */
    public Path numbered(int n) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String zip = compression().extension();
        int end = !zip.isEmpty() && lower.endsWith(zip) ? name.length() - zip.length() : name.length();
        int dot = end;
        for (String ext : format().extensions()) {
            if (lower.substring(0, end).endsWith(ext) && end - ext.length() > 0) {
                dot = end - ext.length();
                break;
            }
        }
        return file.resolveSibling(name.substring(0, dot) + "-" + String.format(Locale.ROOT, NUMBER, n)
                + name.substring(dot));
    }

    /** True when {@code path} is one of the files this sink writes (or their parts). */
    public boolean writes(Path path) {
        Path p = path.toAbsolutePath();
        if (p.equals(file) || p.equals(partOf(file))) {
            return true;
        }
        String name = p.getFileName().toString();
        String first = numbered(1).getFileName().toString();
        String stem = first.substring(0, first.indexOf("-00001"));
        return numbered() && p.getParent().equals(file.getParent()) && name.startsWith(stem + "-");
    }

    @Override
    public CheckpointStore prepare(SinkContext context) {
        if (this.context != null) {
            throw new IllegalStateException("this sink was used already: make a new one for each run");
        }
        this.context = Objects.requireNonNull(context, "context");
        Path dir = file.getParent();
        if (Files.isDirectory(file)) {
            throw new InvalidSpecException("output " + file + " is a folder: give a file name");
        }
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidSpecException("output " + file + ": " + dir + " is a file, not a folder: choose another"
                    + " place");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidSpecException("output " + file + ": folder " + dir + " does not exist: create it first");
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidSpecException("output " + file + ": folder " + dir + " is not writable: choose another"
                    + " place");
        }
        Format f = format();
        f.check(options);
        if (!options.has(FormatOptions.TEMP_DIR) && takes(f, options.with(FormatOptions.TEMP_DIR, dir.toString()))) {
            options = options.with(FormatOptions.TEMP_DIR, dir.toString());
        }
        if (context.checkpointed() && !f.appendable() && !numbered()) {
            throw new InvalidSpecException("format " + f.name() + " cannot be appended to, so a resumable export of"
                    + " it goes into numbered files, each committed whole: add maxRowsPerFile(...) or maxFileMb(...)");
        }
        return null;
    }

    /** True when {@code format} takes {@code options} (the format says so only by refusing what it does not). */
    private static boolean takes(Format format, FormatOptions options) {
        try {
            format.check(options);
            return true;
        } catch (InvalidSpecException no) {
            return false;
        }
    }

    @Override
    public String summary() {
        return String.join("; ", summaries);
    }

    @Override
    public void open(Columns columns, Checkpoint from, Commit commit) throws IOException {
        this.columns = columns;
        if (from == null) {
            Path first = current();
            if (context.resume() && Files.exists(partOf(first))) {
                throw new CheckpointException("resume(true): there is no checkpoint, but " + partOf(first)
                        + " exists: nothing tells how much of it is complete; delete it, or start over without"
                        + " resume(true)");
            }
            commit.record(position(0, 0));
            guard();
            return; // the file is created with its first row (or at the end, for an empty export)
        }
        Position p = check(from);
        commit.record(position(p.bytes, p.crc));
        guard();
        if (p.bytes > 0) {
            startFile(p.bytes, p.crc);
        }
    }

    @Override
    public void write(Row row) throws IOException {
        if (writer == null) {
            startFile(0, 0);
        }
        writer.write(row);
        fileRows++;
    }

    @Override
    public boolean wantsCommit() {
        return writer != null && (maxRows > 0 && fileRows >= maxRows || maxMb > 0 && part.length() >= maxMb << 20);
    }

    @Override
    public boolean commit(Commit commit) throws IOException {
        if (writer == null) {
            return false; // nothing since the last file was completed
        }
        if (wantsCommit()) {
            // The checkpoint that starts the next file is saved before the complete file is renamed: a kill
            // between the two leaves a complete, synced part, which a resume publishes (check). The other order
            // left a checkpoint counting bytes of a part that was gone.
            completeFile();
            fileNumber++;
            fileRows = 0;
            commit.record(position(0, 0));
            publishFile();
            return true;
        }
        if (!format().appendable()) {
            return false;
        }
        writer.flush();
        member.endMember();
        if (commit.durable()) {
            part.sync(); // the bytes first, then the checkpoint that counts them
        }
        commit.record(position(part.length(), part.crc()));
        return true;
    }

    @Override
    public void finish(Commit commit) throws IOException {
        if (writer == null && fileNumber == 1) {
            startFile(0, 0); // no rows: still a file, with a CSV file's header
        }
        boolean open = writer != null;
        if (open) {
            completeFile();
            commit.record(position(part.length(), part.crc()));
            publishFile();
        } else {
            commit.record(position(0, 0));
        }
        lastFile = open ? fileNumber : fileNumber - 1;
        removeStale(lastFile);
        finished = true;
    }

    @Override
    public void publish(Map<String, String> position) throws IOException {
        Position p = check(position, -1);
        PartFile left = new PartFile(current());
        if (PartFile.holds(left.part(), p.bytes, p.crc)) {
            left.publishLeft();
        } else if (!PartFile.holds(left.file(), p.bytes, p.crc) && !(numbered() && p.bytes == 0)) {
            throw new CheckpointException("resume(true): " + context.checkpoint() + " says the export was complete,"
                    + " but neither " + left.file() + " nor its .part holds its " + p.bytes + " bytes: start over"
                    + " with force(true)");
        }
        lastFile = p.bytes == 0 && numbered() ? fileNumber - 1 : fileNumber;
        removeStale(lastFile);
        finished = true;
    }

    @Override
    public void close() {
        if (guard != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(guard);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run.
            }
        }
        if (finished) {
            return;
        }
        if (context != null && context.checkpointed()) {
            if (part != null) {
                part.closeQuietly(); // the part stays, for the next run
            }
        } else {
            abandon(true);
        }
    }

    /**
     * Without a checkpoint, nothing can continue an unfinished output: on Ctrl-C the shutdown hook deletes the
     * part and the files this run completed, and stops a rename that has not happened yet. The rename and the
     * hook take the same lock, so the hook either sees the run complete, or stops it.
     */
    private void guard() {
        if (!context.checkpointed()) {
            guard = new Thread(() -> abandon(false), "rowstream-output-guard");
            Runtime.getRuntime().addShutdownHook(guard);
        }
    }

    /** What the shutdown hook runs; for tests. */
    void onShutdown() {
        abandon(false);
    }

    /**
     * Deletes what this run wrote. The hook leaves the part's stream open: the main thread may still be
     * writing, and should not fail noisily while the JVM exits; the unlinked part is freed with the process.
     */
    private void abandon(boolean closeStream) {
        synchronized (lock) {
            if (finished || abandoned) {
                return;
            }
            abandoned = true;
            if (part != null) {
                if (closeStream) {
                    part.closeQuietly();
                }
                part.delete();
            }
            for (Path p : written) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Left behind; this run failed, and says so.
                }
            }
        }
    }

    private Path current() {
        return numbered() ? numbered(fileNumber) : file;
    }

    /** Opens the current file's part: a new one, or the one a checkpoint counts {@code bytes} of. */
    private void startFile(long bytes, long crc) throws IOException {
        part = new PartFile(current(), context.checkpointed());
        OutputStream raw = bytes > 0 ? part.resume(bytes, crc) : part.create();
        // The compressor may hold native memory (zstd), so it is closed; its close must not close the part,
        // which is synced and renamed after it.
        zipped = new BufferedOutputStream(raw, BUFFER);
        member = compression().open(new KeepOpen(zipped));
        gate = new Gate(member);
        writer = format().writer(gate, options);
        fileRows = bytes > 0 ? fileRows : 0;
        if (bytes > 0) {
            // The part has what begin() writes (a CSV header) already.
            gate.discarding = true;
            writer.begin(columns);
            writer.flush();
            gate.discarding = false;
        } else {
            writer.begin(columns);
        }
    }

    /** Finishes the current file's format and compression, and syncs it. */
    private void completeFile() throws IOException {
        writer.close();
        String note = writer.summary();
        if (!note.isEmpty() && !summaries.contains(note)) {
            summaries.add(note);
        }
        member.close(); // ends the last member and frees the compressor; the part stays open
        zipped.flush();
        part.sync();
        writer = null;
    }

    private void publishFile() throws IOException {
        synchronized (lock) {
            if (abandoned) {
                throw new IOException("interrupted: " + part.file() + " was not written");
            }
            part.publish();
            written.add(part.file());
        }
    }

    /** Numbered files past the last one this export has, left by an earlier, longer export. */
    private void removeStale(int last) throws IOException {
        if (!numbered()) {
            return;
        }
        for (int n = last + 1; ; n++) {
            Path stale = numbered(n);
            boolean there = Files.deleteIfExists(stale);
            there |= Files.deleteIfExists(partOf(stale));
            if (!there) {
                return;
            }
        }
    }

    // ---- positions ---------------------------------------------------------------------------------

    private Map<String, String> position(long bytes, long crc) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("output", file.toString());
        p.put("format", format().name());
        p.put("compression", compression().name());
        if (shapingOptions() != null) {
            p.put("options", shapingOptions());
        }
        if (numbered()) {
            p.put("roll", roll());
            p.put("file", Integer.toString(fileNumber));
            p.put("fileRows", Long.toString(fileRows));
        }
        p.put("bytes", Long.toString(bytes));
        p.put("crc32c", PartFile.hex(crc));
        return p;
    }

    private String roll() {
        return (maxRows > 0 ? "maxRowsPerFile(" + maxRows + ")" : "") + (maxRows > 0 && maxMb > 0 ? " " : "")
                + (maxMb > 0 ? "maxFileMb(" + maxMb + ")" : "");
    }

    /**
     * The format options that shape the output, as a checkpoint records them (null when none): a resumed export
     * with other ones (another codec, strings) would finish with files unlike the first ones. Where temporary
     * files go does not count.
     */
    private String shapingOptions() {
        String s = options.names().stream().filter(n -> !n.equals(FormatOptions.TEMP_DIR)).sorted()
                .map(n -> n + "=" + options.get(n, "")).collect(Collectors.joining(" "));
        return s.isEmpty() ? null : s;
    }

    /** Where a checkpoint leaves this sink, checked. */
    private record Position(long bytes, long crc) {
    }

    private Position check(Checkpoint from) throws IOException {
        Position p = check(from.sink(), from.rowCount());
        if (numbered()) {
            for (int n = 1; n < fileNumber; n++) {
                PartFile done = new PartFile(numbered(n));
                if (!Files.exists(done.file()) && Files.exists(done.part())) {
                    done.publishLeft(); // complete and synced before the checkpoint after it was saved
                }
                if (!Files.exists(numbered(n))) {
                    throw refused("counts " + (fileNumber - 1) + " complete files, but " + numbered(n)
                            + " is missing: the files were moved or deleted");
                }
            }
        }
        return p;
    }

    /**
     * Checks every field of a position: that it is this sink's (output, format, compression, numbering), that
     * each number is in range, and that the rows and bytes agree. {@code rows}: the checkpoint's rows, or -1
     * for a final position. Sets the file number and its rows.
     */
    private Position check(Map<String, String> at, long rows) {
        same(at, "output", file.toString(), "output", "resume with the same output");
        same(at, "format", format().name(), "format", "give format(" + at.get("format") + ")");
        same(at, "compression", compression().name(), "compression",
                "give compression(" + at.get("compression") + ")");
        same(at, "options", shapingOptions(), "format options", "give the same options(...)");
        same(at, "roll", numbered() ? roll() : null, "numbering", "give the same limits");
        long bytes = number(at, "bytes", Long.MAX_VALUE);
        String crcText = at.get("crc32c");
        if (crcText == null || !crcText.matches("[0-9a-f]{8}")) {
            throw refused("has a bad crc32c " + quoted(crcText) + ": 8 hex digits");
        }
        long crc = Long.parseLong(crcText, 16);
        long inFile = rows;
        if (numbered()) {
            fileNumber = (int) number(at, "file", 99_999);
            if (fileNumber < 1) {
                throw refused("has a bad file " + quoted(at.get("file")) + ": 1 to 99999");
            }
            fileRows = number(at, "fileRows", rows < 0 ? Long.MAX_VALUE : rows);
            inFile = fileRows;
        } else if (at.containsKey("file") || at.containsKey("fileRows")) {
            throw refused("has file numbers, but this export writes one file");
        }
        if (rows >= 0) {
            if (!format().appendable() && (bytes != 0 || inFile != 0)) {
                throw refused("counts " + bytes + " bytes and " + inFile + " rows of an unfinished "
                        + format().name() + " file, which cannot be continued: it was edited");
            }
            // A row writes at least one byte: rows in the part but no bytes is a checkpoint that was edited.
            if (inFile > 0 && bytes == 0) {
                throw refused("counts " + inFile + " rows in " + current() + " but 0 bytes: it was edited or"
                        + " damaged");
            }
        }
        return new Position(bytes, crc);
    }

    private void same(Map<String, String> at, String field, String want, String what, String fix) {
        String was = at.get(field);
        if (!Objects.equals(was, want)) {
            throw refused("is for " + what + " " + (was == null ? "(none)" : was) + ", not "
                    + (want == null ? "(none)" : want) + ": " + fix + ", or start over with force(true)");
        }
    }

    private long number(Map<String, String> at, String field, long max) {
        String text = at.get(field);
        if (text == null || !text.matches("[0-9]{1,18}") || Long.parseLong(text) > max) {
            throw refused("has a bad " + field + " " + quoted(text) + ": a whole number from 0"
                    + (max == Long.MAX_VALUE ? "" : " to " + max));
        }
        return Long.parseLong(text);
    }

    private static String quoted(String text) {
        return text == null ? "(missing)" : "\"" + text + "\"";
    }

    private CheckpointException refused(String what) {
        return new CheckpointException("resume(true): " + context.checkpoint() + " " + what
                + (what.contains("force(true)") ? "" : "; start over with force(true)"));
    }

    @Override
    public String toString() {
        return file.toString();
    }

    /** Drops what is written while {@link #discarding}: a resumed part has its header already. */
    private static final class Gate extends FilterOutputStream {
        boolean discarding;

        Gate(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (!discarding) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!discarding) {
                out.write(b, off, len);
            }
        }
    }
}
