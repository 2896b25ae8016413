package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Strategy;
import dev.rowstream.checkpoint.JdbcCheckpointStore;
import dev.rowstream.copy.TableSink;
import dev.rowstream.job.ExportResult;
import dev.rowstream.sink.Sinks;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rowstream copy}: a table from one database into another, resumable after a crash: a read exported to
 * a {@link TableSink}, each batch committed with its checkpoint in the target database.
 */
@Command(name = "copy", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"rowstream copy --from-url JDBC_URL --to-url JDBC_URL --table NAME",
                "         [--target-table NAME] [--create-table] [--resume]",
                "         [--columns a,b,...] [--where CONDITION] [--key \"col [ASC|DESC], ...\"]",
                "         [--strategy auto|cursor|keyset|hybrid] [--batch-size N]",
                "         [--checkpoint-table NAME] [--writer auto|copy|insert] [--progress auto|on|off]",
                "         [--from-user NAME] [--from-password-env VAR]",
                "         [--to-user NAME] [--to-password-env VAR] [--verbose]"},
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = {"Copies the rows of a table into a table of another database (PostgreSQL, MariaDB/MySQL,"
                + " H2, SQLite, either way), in bounded memory.",
                "%nEach batch is written in one transaction of the target that also records where the copy"
                        + " stands, in table rowstream_checkpoint of the target database; after a crash, --resume"
                        + " continues after the last committed batch: no row lost, none written twice."},
        footer = {"", "Example:",
                "  rowstream copy --from-url jdbc:postgresql://localhost/shop?user=app \\",
                "      --to-url jdbc:mariadb://localhost/archive?user=app --table orders --create-table"})
final class CopyCommand implements Callable<Integer> {
    /** Rows per batch, and so per target transaction, when none is set. */
    static final int DEFAULT_BATCH_SIZE = 10_000;

    @ParentCommand
    Main main;

    @Mixin
    CopyConnections databases;

    @Option(names = "--table", required = true, paramLabel = "NAME", description = "The source table, NAME or SCHEMA.NAME.")
    String table;

    @Option(names = "--target-table", paramLabel = "NAME", description = "The target table (default: the source's name).")
    String targetTable;

    @Option(names = "--create-table", description = "Create the target table when it is missing, with the source's"
            + " column types mapped to the target database's and its primary key; a type that cannot be mapped"
            + " without losing values is refused, naming the column.")
    boolean createTable;

    @Option(names = "--columns", paramLabel = "a,b,...", description = "The columns to copy (default: all).")
    String columns;

    @Option(names = "--where", paramLabel = "CONDITION", description = "Copy only the source rows matching this SQL condition.")
    String where;

    @Option(names = "--key", paramLabel = "\"col [ASC|DESC], ...\"", description = "The unique order the source is"
            + " read in, which a resumed copy continues after (default: the primary key).")
    String key;

    @Option(names = "--strategy", paramLabel = "auto|cursor|keyset|hybrid", defaultValue = "auto",
            description = "How the source is read (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per batch: per target transaction and"
            + " checkpoint (default: " + DEFAULT_BATCH_SIZE + ").")
    int batchSize = DEFAULT_BATCH_SIZE;

    @Option(names = "--resume", description = "Continue a copy that stopped, after its last committed batch.")
    boolean resume;

    @Option(names = "--checkpoint-table", paramLabel = "NAME", description = "The checkpoint table in the target"
            + " database (default: " + JdbcCheckpointStore.DEFAULT_TABLE + ").")
    String checkpointTable = JdbcCheckpointStore.DEFAULT_TABLE;

    @Option(names = "--writer", paramLabel = "auto|copy|insert", defaultValue = "auto", description = "How rows are"
            + " written: COPY FROM STDIN on PostgreSQL, batched INSERTs elsewhere (auto), or one of them.")
    String writer;

    @Option(names = "--progress", paramLabel = "auto|on|off", defaultValue = "auto", description = "Show the rows"
            + " copied so far: auto (a live line on a terminal, a line every 10 s otherwise), on, or off.")
    String progress;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        verbose.apply();
        Strategy chosen = Strategy.parse(strategy);
        if (chosen == Strategy.OFFSET) {
            throw new InvalidSpecException("--strategy offset cannot resume a copy: use auto, hybrid, keyset or cursor");
        }
        if (batchSize < 1 || batchSize > ReadBuilder.MAX_BATCH_SIZE) {
            throw new InvalidSpecException("--batch-size " + batchSize + " is out of range: use 1 to "
                    + ReadBuilder.MAX_BATCH_SIZE);
        }
        TableSink.Writer how;
        try {
            how = TableSink.Writer.valueOf(writer.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("unknown --writer '" + writer + "': use auto, copy or insert");
        }
        Progress.style(progress, false); // checks the value
        ReadBuilder read = databases.source(main.env).table(table).strategy(chosen).batchSize(batchSize);
        if (columns != null) {
            read.columns(ReadOptions.splitColumns(columns));
        }
        if (where != null) {
            read.where(where);
        }
        if (key != null) {
            read.key(key);
        }
        TableSink sink = Sinks.table(databases.target(main.env), targetTable).createTable(createTable).checkpointTable(checkpointTable).writer(how);
        long start = System.nanoTime();
        ExportResult r;
        // A resumed copy has no estimate of the rows left: the table's estimate counts those copied before.
        try (Progress shown = Progress.start(progress, main.err, main.err == System.err && Progress.stderrIsTerminal(),
                resume ? OptionalLong::empty : read::estimateRows)) {
            r = read.exportTo(sink).resume(resume).listener(shown.listener("the copy")).run();
        }
        if (r.alreadyComplete()) {
            main.err.printf(Locale.ROOT, "rowstream: the copy was already complete (%d rows): table %s%n", r.total(),
                    sink.targetTable());
        } else {
            double seconds = (System.nanoTime() - start) / 1e9;
            main.err.printf(Locale.ROOT, "rowstream: copied %d rows from %s to %s table %s in %.1fs (%d rows/s) with"
                            + " strategy %s and %s%s%s%n", r.rows(), sink.sourceDatabase(), sink.targetDatabase(),
                    sink.targetTable(), seconds, Math.round(r.rows() / Math.max(seconds, 1e-3)),
                    ReadOptions.name(r.strategy()), sink.writerName(), sink.created() ? ", created the table" : "",
                    r.resumedAfter() > 0 ? ", resumed after " + r.resumedAfter() + " rows (" + r.total() + " in all)"
                            : "");
        }
        main.err.flush();
        return ErrorHandler.OK;
    }
}
