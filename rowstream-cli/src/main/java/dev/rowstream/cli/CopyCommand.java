package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Strategy;
import dev.rowstream.checkpoint.JdbcCheckpointStore;
import dev.rowstream.copy.TableCopy;
import dev.rowstream.internal.DriverManagerDataSource;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rowstream copy}: a table from one database into another, resumable after a crash (see
 * {@link TableCopy}: each batch commits with its checkpoint in the target database).
 */
@Command(name = "copy", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"rowstream copy --from-url JDBC_URL --to-url JDBC_URL --table NAME",
                "         [--target-table NAME] [--create-table] [--resume]",
                "         [--columns a,b,...] [--where CONDITION] [--key \"col [ASC|DESC], ...\"]",
                "         [--strategy auto|cursor|keyset|hybrid] [--batch-size N]",
                "         [--checkpoint-table NAME] [--writer auto|copy|insert]",
                "         [--progress auto|on|off]",
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
                "      --to-url jdbc:mariadb://localhost/archive?user=app \\",
                "      --table orders --create-table"})
final class CopyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--from-url", required = true, paramLabel = "JDBC_URL", description = "The source database.")
    String fromUrl;

    @Option(names = "--from-user", paramLabel = "NAME", description = "The source's user, when its URL has none.")
    String fromUser;

    @Option(names = "--from-password-env", paramLabel = "VAR",
            description = "Read the source's password from environment variable VAR.")
    String fromPasswordEnv;

    @Option(names = "--to-url", required = true, paramLabel = "JDBC_URL", description = "The target database.")
    String toUrl;

    @Option(names = "--to-user", paramLabel = "NAME", description = "The target's user, when its URL has none.")
    String toUser;

    @Option(names = "--to-password-env", paramLabel = "VAR",
            description = "Read the target's password from environment variable VAR.")
    String toPasswordEnv;

    @Option(names = "--table", required = true, paramLabel = "NAME",
            description = "The source table, NAME or SCHEMA.NAME.")
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

    @Option(names = "--key", paramLabel = "\"col [ASC|DESC], ...\"",
            description = "The unique order the source is read in, which a resumed copy continues after"
                    + " (default: the primary key).")
    String key;

    @Option(names = "--strategy", paramLabel = "auto|cursor|keyset|hybrid", defaultValue = "auto",
            description = "How the source is read (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Rows per batch: per target transaction and checkpoint (default: "
                    + TableCopy.DEFAULT_BATCH_SIZE + ").")
    int batchSize = TableCopy.DEFAULT_BATCH_SIZE;

    @Option(names = "--resume", description = "Continue a copy that stopped, after its last committed batch.")
    boolean resume;

    @Option(names = "--checkpoint-table", paramLabel = "NAME",
            description = "The checkpoint table in the target database (default: " + JdbcCheckpointStore.DEFAULT_TABLE + ").")
    String checkpointTable = JdbcCheckpointStore.DEFAULT_TABLE;

    @Option(names = "--writer", paramLabel = "auto|copy|insert", defaultValue = "auto",
            description = "How rows are written: COPY FROM STDIN on PostgreSQL, batched INSERTs elsewhere (auto),"
                    + " or one of them (default: ${DEFAULT-VALUE}).")
    String writer;

    @Option(names = "--progress", paramLabel = "auto|on|off", defaultValue = "auto",
            description = "Show the rows copied so far: auto (a live line on a terminal, a line every 10 s"
                    + " otherwise), on, or off (default: ${DEFAULT-VALUE}).")
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
        TableCopy.Writer how = parseWriter();
        Progress.style(progress, false); // checks the value
        String sourceUrl = exactFloats(checkUrl("--from-url", fromUrl));
        String targetUrl = batchRewriting(checkUrl("--to-url", toUrl));
        TableCopy copy = TableCopy.between(
                new DriverManagerDataSource(sourceUrl, fromUser, password("--from-password-env", fromPasswordEnv)),
                new DriverManagerDataSource(targetUrl, toUser, password("--to-password-env", toPasswordEnv)))
                .table(table).targetTable(targetTable).createTable(createTable).strategy(chosen).batchSize(batchSize)
                .resume(resume).checkpointTable(checkpointTable).writer(how);
        if (columns != null) {
            copy.columns(ReadOptions.splitColumns(columns));
        }
        if (where != null) {
            copy.where(where);
        }
        if (key != null) {
            copy.key(key);
        }
        long start = System.nanoTime();
        TableCopy.Result r;
        // A resumed copy has no estimate of the rows left: the table's estimate counts those copied before.
        try (Progress shown = Progress.start(progress, main.err, main.err == System.err && Progress.stderrIsTerminal(),
                resume ? java.util.OptionalLong::empty : estimate(sourceUrl))) {
            r = copy.listener(new Shown(shown)).run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        main.err.printf(Locale.ROOT, "rowstream: copied %d rows from %s to %s table %s in %.1fs (%d rows/s) with"
                        + " strategy %s and %s%s%s%n", r.rows(), r.sourceDatabase(), r.targetDatabase(), r.targetTable(),
                seconds, Math.round(r.rows() / Math.max(seconds, 1e-3)), ReadOptions.name(r.strategy()), r.writer(),
                r.created() ? ", created the table" : "",
                r.resumedAfter() > 0 ? ", resumed after " + r.resumedAfter() + " rows (" + (r.resumedAfter() + r.rows())
                        + " in all)" : "");
        main.err.flush();
        return ErrorHandler.OK;
    }

    /** The source table's estimated rows, for the progress line (see {@link ReadBuilder#estimateRows}). */
    private java.util.function.Supplier<java.util.OptionalLong> estimate(String sourceUrl) {
        return () -> {
            ReadBuilder read = dev.rowstream.RowStreams.from(sourceUrl, fromUser, password("--from-password-env",
                    fromPasswordEnv)).table(table);
            if (where != null) {
                read.where(where);
            }
            return read.estimateRows();
        };
    }

    private TableCopy.Writer parseWriter() {
        try {
            return TableCopy.Writer.valueOf(writer.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("unknown --writer '" + writer + "': use auto, copy or insert");
        }
    }

    private String checkUrl(String option, String url) {
        ConnectionOptions check = new ConnectionOptions();
        check.url = url;
        try {
            check.checkUrl();
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException(e.getMessage().replace("--url", option), e);
        }
        return url;
    }

    /**
     * MySQL Connector/J sends a JDBC batch as one INSERT per row unless rewriteBatchedStatements is on;
     * MariaDB Connector/J 3 sends a bulk command by itself.
     */
    static String batchRewriting(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:mysql:") || lower.contains("rewritebatchedstatements=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
    }

    /**
     * MariaDB's text protocol sends a FLOAT with 6 significant digits (3.3333333 arrives as 3.33333), its
     * binary protocol sends the 4 bytes: server-side prepared statements read every FLOAT exactly.
     */
    static String exactFloats(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean maria = lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:");
        if (!maria || lower.contains("useserverprepstmts=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "useServerPrepStmts=true";
    }

    private String password(String option, String var) {
        ConnectionOptions check = new ConnectionOptions();
        check.passwordEnv = var;
        try {
            return check.password(main.env);
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException(e.getMessage().replace("--password-env", option), e);
        }
    }

    /** Shows the rows as they are written (see {@link Progress}), and says where a resumed copy starts. */
    private final class Shown implements TableCopy.Listener {
        private final Progress progress;

        Shown(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void onStart(String writer, Strategy strategy, long resumedAfter) {
            if (resumedAfter > 0) {
                main.err.printf(Locale.ROOT, "rowstream: resuming the copy after %d rows%n", resumedAfter);
                main.err.flush();
            }
        }

        @Override
        public void onRow() {
            progress.row();
        }
    }
}
