package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.checkpoint.CheckpointStores;
import dev.rowstream.job.ExportJob;
import dev.rowstream.job.ExportResult;
import dev.rowstream.sink.FileSink;
import dev.rowstream.sink.Sink;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rowstream export}: the rows of a table or query, in any format, to stdout or files (an {@link ExportJob}). */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"rowstream export --url JDBC_URL [--user NAME] [--password-env VAR]",
                ReadOptions.SYNOPSIS_SOURCE, ReadOptions.SYNOPSIS_KEY, ReadOptions.SYNOPSIS_STRATEGY,
                ReadOptions.SYNOPSIS_HYBRID, ReadOptions.SYNOPSIS_BUDGETS,
                "         [--format csv|jsonl|...] [--output FILE|-] [--compress gzip|zstd|none]",
                "         [--max-rows-per-file N] [--max-file-mb M] [--row-group-mb MB]",
                "         [--format-option KEY=VALUE]... [--progress auto|on|off]",
                "         [--checkpoint CKPT [--resume] [--force]] [--verbose]"},
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = "Writes the rows of a table or a query as CSV, JSON Lines or another format, in bounded memory.",
        footer = {"", "Examples:",
                "  rowstream export --url jdbc:postgresql://localhost/shop \\",
                "      --user app --password-env PGPASSWORD --table orders --output orders.csv.gz",
                "  rowstream export --url jdbc:sqlite:shop.db --format jsonl --key id \\",
                "      --query \"SELECT id, total FROM orders WHERE total > 100\""})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ReadOptions read;

    @Mixin
    OutputOptions out;

    @Option(names = "--progress", paramLabel = "auto|on|off", defaultValue = "auto",
            description = "Progress on stderr: rows, rows/s, time, and for a table the percentage and time left"
                    + " (from the statistics' estimate). auto (the default): a line updated 4 times a second on a"
                    + " terminal, a log line every 10 s otherwise; on: the updated line always; off: only the"
                    + " summary at the end.")
    String progress;

    @Option(names = "--checkpoint", paramLabel = "CKPT",
            description = "With --output: after each batch, record in CKPT the last key and the length and"
                    + " checksum of FILE.part, so that --resume can go on after a crash (needs a key: keyset,"
                    + " hybrid, or cursor with a key). Deleted when the export completes.")
    Path checkpoint;

    @Option(names = "--resume", description = "Go on from --checkpoint CKPT: check FILE.part against it, cut it"
            + " to the length it records and continue after its key; without CKPT, start from the beginning.")
    boolean resume;

    @Option(names = "--force", description = "Start over although --checkpoint CKPT exists (it is replaced).")
    boolean force;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        verbose.apply();
        // Everything that can be checked without the database is checked first.
        Progress.style(progress, false);
        Sink sink = out.sink(main.out);
        if (checkpoint != null && !(sink instanceof FileSink)) {
            throw new InvalidSpecException("--checkpoint needs --output FILE: an export to stdout cannot resume");
        }
        if ((resume || force) && checkpoint == null) {
            throw new InvalidSpecException((resume ? "--resume" : "--force") + " applies with --checkpoint CKPT only");
        }
        RetryCount retried = new RetryCount();
        ReadBuilder builder = read.builder(connection, main.env, retried);
        ExportJob job = builder.exportTo(sink).resume(resume).force(force);
        if (checkpoint != null) {
            job.checkpoint(CheckpointStores.file(checkpoint));
        }
        long start = System.nanoTime();
        ExportResult r;
        // A resumed export has no estimate of the rows left: the table's estimate counts those written before.
        try (Progress shown = Progress.start(progress, main.err, main.err == System.err && Progress.stderrIsTerminal(),
                resume ? OptionalLong::empty : builder::estimateRows)) {
            r = job.listener(shown.listener(null)).run();
        }
        if (r.alreadyComplete()) {
            main.err.printf(Locale.ROOT, "rowstream: the export was already complete (%d rows): %s%n", r.total(),
                    ((FileSink) sink).file());
        } else {
            double seconds = (System.nanoTime() - start) / 1e9;
            main.err.printf(Locale.ROOT, "rowstream: exported %d rows in %.1fs (%d rows/s) with strategy %s%s%s%s%s%s%n",
                    r.rows(), seconds, Math.round(r.rows() / Math.max(seconds, 1e-3)), ReadOptions.name(r.strategy()),
                    r.fastPath() ? " (fast path: COPY binary)" : "",
                    sink instanceof FileSink f && f.numbered() ? " into " + f.fileCount() + " files" : "",
                    sink.summary().isEmpty() ? "" : ", " + sink.summary(), r.resumed() ? ", resumed after "
                            + r.resumedAfter() + " rows (" + r.total() + " in all)" : "", retried.summary());
        }
        main.err.flush();
        return ErrorHandler.OK;
    }
}
