package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.format.TextFormat;
import dev.rowstream.format.RowWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rowstream export}: the rows of a table or query, as CSV or JSON Lines, to stdout or a file. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"rowstream export --url JDBC_URL [--user NAME] [--password-env VAR]",
                ReadOptions.SYNOPSIS_SOURCE, ReadOptions.SYNOPSIS_KEY, ReadOptions.SYNOPSIS_STRATEGY,
                ReadOptions.SYNOPSIS_HYBRID, ReadOptions.SYNOPSIS_BUDGETS,
                "         [--format csv|jsonl] [--output FILE] [--progress auto|on|off]",
                "         [--checkpoint CKPT [--resume] [--force]] [--verbose]"},
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = "Writes the rows of a table or a query as CSV or JSON Lines, in bounded memory.",
        footer = {"", "Examples:",
                "  rowstream export --url jdbc:postgresql://localhost/shop \\",
                "      --user app --password-env PGPASSWORD --table orders --output orders.csv",
                "  rowstream export --url jdbc:sqlite:shop.db --format jsonl --key id \\",
                "      --query \"SELECT id, total FROM orders WHERE total > 100\""})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ReadOptions read;

    @Option(names = "--format", paramLabel = "csv|jsonl", defaultValue = "csv",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write to FILE (default: stdout). FILE appears only when complete: rows go to"
                    + " FILE.part, renamed at the end.")
    Path output;

    @Option(names = "--progress", paramLabel = "auto|on|off", defaultValue = "auto",
            description = "Progress on stderr: rows, rows/s, time, and for a table the percentage and time left"
                    + " (from the statistics' estimate). auto (the default): a line updated 4 times a second on a"
                    + " terminal, a log line every 10 s otherwise; on: the updated line always; off: only the"
                    + " summary at the end.")
    String progress;

    @Option(names = "--checkpoint", paramLabel = "CKPT",
            description = "With --output: after each batch, record in CKPT the last key and the length of"
                    + " FILE.part, so that --resume can go on after a crash (needs a key: keyset, hybrid, or"
                    + " cursor with a key). Deleted when the export completes.")
    Path checkpoint;

    @Option(names = "--resume", description = "Go on from --checkpoint CKPT: cut FILE.part to the length it"
            + " records and continue after its key.")
    boolean resume;

    @Option(names = "--force", description = "Start over although --checkpoint CKPT exists (it is replaced).")
    boolean force;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        verbose.apply();
        // Everything that can be checked without the database is checked first.
        TextFormat fmt = CheckpointedExport.textFormat(format);
        Progress.style(progress, false); // checks the value
        RetryCount retried = new RetryCount();
        ReadBuilder builder = read.builder(connection, main.env, retried);
        if (checkpoint != null) {
            return new CheckpointedExport(main, output, checkpoint, fmt, read.batchSize, resume, force, progress)
                    .run(builder, retried);
        }
        if (resume || force) {
            throw new InvalidSpecException((resume ? "--resume" : "--force") + " applies with --checkpoint CKPT only");
        }
        Output target = output == null ? Output.stdout(main.out) : Output.file(output);

        long start = System.nanoTime();
        long rows;
        Strategy used;
        // The stream is opened (and the read checked) before the output is created: a rejected
        // read leaves no file behind.
        // Progress starts first: a slow first query shows its time going by too.
        try (Progress shown = Progress.start(progress, main.err, main.err == System.err && Progress.stderrIsTerminal(),
                     builder::estimateRows);
             RowStream<Row> stream = builder.open(); Output out = target) {
            used = stream.strategy();
            try {
                RowWriter writer = fmt.writer(out.open());
                writer.begin(stream.columns());
                for (Row row : stream) {
                    writer.write(row);
                    shown.row();
                }
                writer.close();
                out.commit();
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + out.describe() + " failed: " + e.getMessage(), e);
            }
            rows = stream.rowCount();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        main.err.printf(Locale.ROOT, "rowstream: exported %d rows in %.1fs (%d rows/s) with strategy %s%s%n",
                rows, seconds, Math.round(rows / Math.max(seconds, 1e-3)), ReadOptions.name(used), retried.summary());
        main.err.flush();
        return ErrorHandler.OK;
    }

    /** Counts the reconnections, for the summary line. Called on the reading thread. */
    static final class RetryCount implements StreamListener {
        private int count;

        @Override
        public void onRetry(int attempt, Throwable cause) {
            count++;
        }

        /** ", 2 retries" after the summary, or nothing when the read never had to reconnect. */
        String summary() {
            return count == 0 ? "" : ", " + count + (count == 1 ? " retry" : " retries");
        }
    }
}
