package dev.rowstream.format;

import java.io.OutputStream;
import java.util.List;

/**
 * A way to write rows as bytes: CSV and JSON Lines are built in, and modules add more (Parquet, XLSX) by
 * listing their implementation in {@code META-INF/services/dev.rowstream.format.Format}. Every place that
 * writes rows (a file, stdout, an HTTP response, the parts of a parallel export) takes its format from
 * {@link Formats}, so adding a format is one class plus that one line.
 *
 * <p>An implementation is stateless and thread-safe: each {@link #writer} call starts an independent
 * output. It needs a public no-argument constructor for {@link java.util.ServiceLoader}.
 */
public interface Format {
    /** RFC 4180 CSV with a header row; NULL is an empty field, an empty string is {@code ""}. */
    TextFormat CSV = new CsvFormat();
    /** JSON Lines: one object per row, keys in column order. */
    TextFormat JSONL = new JsonLinesFormat();

    /** The name users give it ({@code csv}, {@code jsonl}, {@code parquet}), lower case. */
    String name();

    /** The file name endings it writes, the usual one first ({@code .csv}), lower case. */
    List<String> extensions();

    /** The media type of its output, for an HTTP response ({@code text/csv; charset=utf-8}). */
    String mediaType();

    /**
     * True when the output can be cut at any {@link RowWriter#flush()} and appended to later, so that a
     * resumed export truncates the file to its last checkpoint and goes on (CSV, JSON Lines). False for a
     * format whose file is only valid once complete (a footer, a zip directory): such files are committed
     * whole, and a resumable export rolls over into numbered files instead.
     */
    boolean appendable();

    /** True when its output makes sense on a terminal or in a pipe (text formats); false for binary files. */
    boolean suitsStdout();

    /**
     * The names of the options it takes ({@code compression}, {@code row-group-mb}); none by default. A command
     * line uses them to tell which of its flags apply to the chosen format.
     */
    default List<String> optionNames() {
        return List.of();
    }

    /**
     * Checks the options before any connection is made: throws {@link dev.rowstream.InvalidSpecException}
     * naming an unknown option or a bad value. By default only {@link #optionNames()} are allowed, unchecked.
     */
    default void check(FormatOptions options) {
        options.allowOnly(this, optionNames().toArray(String[]::new));
    }

    /**
     * A writer of this format onto {@code out}. The caller keeps ownership of {@code out}:
     * {@link RowWriter#close()} finishes the format's output and flushes {@code out}, but does not close it.
     * A format refuses, in {@link RowWriter#begin}, columns whose types it cannot write faithfully.
     */
    RowWriter writer(OutputStream out, FormatOptions options);
}
