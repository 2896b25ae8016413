package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.format.Compressions;
import dev.rowstream.format.Format;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.Formats;
import dev.rowstream.sink.FileSink;
import dev.rowstream.sink.Sink;
import dev.rowstream.sink.Sinks;
import dev.rowstream.sink.StreamSink;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * Where rows go and in what form: {@code --output}, {@code --format}, {@code --compress}, the numbered files and
 * the format's own options. A {@code @Mixin}, and the one place where these options become a {@link Sink}; every
 * format a module registers ({@link Formats}) is a {@code --format} here, with its options, without a change.
 */
final class OutputOptions {
    @Option(names = "--format", paramLabel = "csv|jsonl|...", description = "Output format (default: by the"
            + " --output file's ending, else csv).")
    String format;

    @Option(names = "--output", paramLabel = "FILE|-", description = "Write to FILE (default, or -: stdout). FILE"
            + " appears only when complete: rows go to FILE.part, renamed at the end.")
    String output;

    @Option(names = "--compress", paramLabel = "gzip|zstd|none", description = "Compress the output (default: by"
            + " the --output file's ending, .gz or .zst; none on stdout). Parquet: the pages' codec, snappy (the"
            + " default), zstd, gzip or none.")
    String compress;

    @Option(names = "--max-rows-per-file", paramLabel = "N", description = "Roll over into numbered files"
            + " (FILE-00001.csv, ...) of at most N rows each.")
    Long maxRows;

    @Option(names = "--max-file-mb", paramLabel = "M", description = "Roll over into numbered files once a file"
            + " holds M MiB.")
    Long maxMb;

    @Option(names = "--row-group-mb", paramLabel = "MB", description = "Parquet: the most a row group gathers in"
            + " memory before it is written, 1 to 1024 (default 8); what bounds the writer's memory.")
    String rowGroupMb;

    @Option(names = "--format-option", paramLabel = "KEY=VALUE", description = "An option of the format"
            + " (repeatable): parquet strings=true (columns without a Parquet type as text), xlsx sheet=NAME,"
            + " sheet-rows=N; see README.")
    Map<String, String> formatOptions = new LinkedHashMap<>();

    /** The sink these options describe, checked: stdout ({@code -} or no --output), or a file. */
    Sink sink(PrintStream stdout) {
        Format fmt = format == null ? null : Formats.named(format);
        if (output == null || output.equals("-")) {
            if (maxRows != null || maxMb != null) {
                throw new InvalidSpecException((maxRows != null ? "--max-rows-per-file" : "--max-file-mb")
                        + " rolls over into numbered files: give --output FILE");
            }
            Format chosen = fmt == null ? Format.CSV : fmt;
            StreamSink out = Sinks.stdout(stdout, chosen).options(options(chosen));
            return compress == null || compressesItself(chosen) ? out : out.compression(Compressions.named(compress));
        }
        FileSink file = Sinks.file(Path.of(output));
        if (fmt != null) {
            file.format(fmt);
        }
        file.options(options(file.format()));
        if (compress != null && !compressesItself(file.format())) {
            file.compression(Compressions.named(compress));
        }
        if (maxRows != null) {
            file.maxRowsPerFile(maxRows);
        }
        if (maxMb != null) {
            file.maxFileMb(maxMb);
        }
        return file;
    }

    /**
     * The format's options: {@code --format-option}s, {@code --row-group-mb}, and {@code --compress} for a format
     * that compresses its own content. Checked here only for the flags; the format checks the values and names.
     */
    private FormatOptions options(Format chosen) {
        Map<String, String> given = new LinkedHashMap<>(formatOptions);
        put(given, chosen, "row-group-mb", rowGroupMb, "--row-group-mb");
        if (compressesItself(chosen)) {
            put(given, chosen, "compression", compress, "--compress");
        }
        return FormatOptions.of(given);
    }

    private static void put(Map<String, String> given, Format chosen, String name, String value, String flag) {
        if (value == null) {
            return;
        }
        if (!chosen.optionNames().contains(name)) {
            throw new InvalidSpecException(flag + " applies to format " + Formats.all().stream()
                    .filter(f -> f.optionNames().contains(name)).map(Format::name).collect(Collectors.joining(" or "))
                    + " only, not to " + chosen.name() + ": leave it out");
        }
        if (given.keySet().stream().anyMatch(k -> k.trim().equalsIgnoreCase(name))) {
            throw new InvalidSpecException(flag + " and --format-option " + name + "=... both set " + name
                    + ": give one of them");
        }
        given.put(name, value);
    }

    /**
     * A format with codecs of its own (Parquet compresses each page, and readers expect a Parquet file, not a
     * gzip or zstd stream of one) takes {@code --compress} as its {@code compression} option.
     */
    private static boolean compressesItself(Format chosen) {
        return chosen.optionNames().contains("compression");
    }
}
