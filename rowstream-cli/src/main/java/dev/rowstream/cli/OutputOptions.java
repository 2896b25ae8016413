package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.format.Compressions;
import dev.rowstream.format.Format;
import dev.rowstream.format.Formats;
import dev.rowstream.sink.FileSink;
import dev.rowstream.sink.Sink;
import dev.rowstream.sink.Sinks;
import dev.rowstream.sink.StreamSink;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where rows go and in what form: {@code --output}, {@code --format}, {@code --compress} and the numbered
 * files. A {@code @Mixin}, and the one place where these options become a {@link Sink}; every format a module
 * registers ({@link Formats}) is a {@code --format} here without a change.
 */
final class OutputOptions {
    @Option(names = "--format", paramLabel = "csv|jsonl|...", description = "Output format (default: by the"
            + " --output file's ending, else csv).")
    String format;

    @Option(names = "--output", paramLabel = "FILE|-", description = "Write to FILE (default, or -: stdout). FILE"
            + " appears only when complete: rows go to FILE.part, renamed at the end.")
    String output;

    @Option(names = "--compress", paramLabel = "gzip|zstd|none", description = "Compress the output (default: by"
            + " the --output file's ending, .gz or .zst; none on stdout).")
    String compress;

    @Option(names = "--max-rows-per-file", paramLabel = "N", description = "Roll over into numbered files"
            + " (FILE-00001.csv, ...) of at most N rows each.")
    Long maxRows;

    @Option(names = "--max-file-mb", paramLabel = "M", description = "Roll over into numbered files once a file"
            + " holds M MiB.")
    Long maxMb;

    /** The sink these options describe, checked: stdout ({@code -} or no --output), or a file. */
    Sink sink(PrintStream stdout) {
        Format fmt = format == null ? null : Formats.named(format);
        if (output == null || output.equals("-")) {
            if (maxRows != null || maxMb != null) {
                throw new InvalidSpecException((maxRows != null ? "--max-rows-per-file" : "--max-file-mb")
                        + " rolls over into numbered files: give --output FILE");
            }
            StreamSink out = Sinks.stdout(stdout, fmt == null ? Format.CSV : fmt);
            return compress == null ? out : out.compression(Compressions.named(compress));
        }
        FileSink file = Sinks.file(Path.of(output));
        if (fmt != null) {
            file.format(fmt);
        }
        if (compress != null) {
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
}
