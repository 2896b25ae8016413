package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.Strategy;
import dev.rowstream.format.Format;
import dev.rowstream.format.RowWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rowstream export}: the rows of a table or query, as CSV or JSON Lines, to stdout or a file. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"rowstream export --url JDBC_URL [--user NAME] [--password-env VAR]",
                "         (--table NAME [--columns a,b,...] [--where CONDITION] | --query SQL)",
                "         [--key \"col [ASC|DESC], ...\"] [--strategy auto|cursor|keyset|offset]",
                "         [--batch-size N] [--format csv|jsonl] [--output FILE] [--verbose]"},
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

    @Option(names = "--table", paramLabel = "NAME",
            description = "The table to export, NAME or SCHEMA.NAME; quote unusual names with \".")
    String table;

    @Option(names = "--columns", paramLabel = "a,b,...",
            description = "With --table: the columns to export, in this order (default: all).")
    String columns;

    @Option(names = "--where", paramLabel = "CONDITION",
            description = "With --table: export only the rows matching this SQL condition.")
    String where;

    @Option(names = "--query", paramLabel = "SQL", description = "Instead of --table: one SELECT statement.")
    String query;

    @Option(names = "--key", paramLabel = "\"col [ASC|DESC], ...\"",
            description = "Columns that order the rows uniquely (default for a table: its primary key)."
                    + " KEYSET and OFFSET need one.")
    String key;

    @Option(names = "--strategy", paramLabel = "auto|cursor|keyset|offset", defaultValue = "auto",
            description = "How rows are fetched (default: ${DEFAULT-VALUE}: the library picks one and logs why)."
                    + " The library's other strategies, such as hybrid, are accepted too.")
    String strategy;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + ReadBuilder.DEFAULT_BATCH_SIZE,
            description = "Rows per batch or cursor round trip (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--format", paramLabel = "csv|jsonl", defaultValue = "csv",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write to FILE (default: stdout). FILE appears only when complete: rows go to"
                    + " FILE.part, renamed at the end.")
    Path output;

    @Option(names = "--verbose", description = "Show stack traces with errors, and the library's debug log.")
    boolean verbose;

    @Override
    public Integer call() {
        if (verbose) {
            // Read by slf4j-simple when the first logger is made, which has not happened yet.
            System.setProperty("org.slf4j.simpleLogger.log.dev.rowstream", "debug");
        }
        // Everything that can be checked without the database is checked first.
        Strategy chosen = Strategy.parse(strategy);
        Format fmt = Format.parse(format);
        checkSource();
        ReadBuilder read = connection.read(main.env).strategy(chosen).batchSize(batchSize);
        if (table != null) {
            read.table(table);
            if (columns != null) {
                read.columns(splitColumns(columns));
            }
            if (where != null) {
                read.where(where);
            }
        } else {
            read.query(query);
        }
        if (key != null) {
            read.key(key);
        }
        Output target = output == null ? Output.stdout(main.out) : Output.file(output);

        long start = System.nanoTime();
        long rows;
        Strategy used;
        // The stream is opened (and the read checked) before the output is created: a rejected
        // read leaves no file behind.
        try (RowStream<Row> stream = read.open(); Output out = target) {
            used = stream.strategy();
            try {
                RowWriter writer = fmt.writer(out.open());
                writer.begin(stream.columns());
                for (Row row : stream) {
                    writer.write(row);
                }
                writer.close();
                out.commit();
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + out.describe() + " failed: " + e.getMessage(), e);
            }
            rows = stream.rowCount();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        main.err.printf(Locale.ROOT, "rowstream: exported %d rows in %.1fs (%d rows/s) with strategy %s%n",
                rows, seconds, Math.round(rows / Math.max(seconds, 1e-3)), used.name().toLowerCase(Locale.ROOT));
        main.err.flush();
        return ErrorHandler.OK;
    }

    /** (--table NAME [--columns a,b] [--where CONDITION] | --query SQL), with messages that say what to do. */
    private void checkSource() {
        if (table == null && query == null) {
            throw new InvalidSpecException("nothing to export: give --table NAME or --query SQL");
        }
        if (table != null && query != null) {
            throw new InvalidSpecException("--table and --query were both given: give one of them");
        }
        if (query != null && (columns != null || where != null)) {
            throw new InvalidSpecException((columns != null ? "--columns" : "--where")
                    + " applies to --table only: with --query, write it into the SQL");
        }
    }

    /**
     * Splits {@code a, "b,c", d} into one name per column: commas inside "double" or `back` quotes
     * do not split, and quoted names keep their quotes (the library reads them as exact names).
     */
    static List<String> splitColumns(String text) {
        List<String> names = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                        current.append(quote); // a doubled quote is part of the name
                        i++;
                    } else {
                        quote = 0;
                    }
                }
            } else if (c == '"' || c == '`') {
                quote = c;
                current.append(c);
            } else if (c == ',') {
                names.add(column(current, text));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new InvalidSpecException("bad --columns '" + text + "': a quoted name is not closed");
        }
        names.add(column(current, text));
        return names;
    }

    private static String column(StringBuilder name, String text) {
        String trimmed = name.toString().strip();
        if (trimmed.isEmpty()) {
            throw new InvalidSpecException("bad --columns '" + text + "': a column name is empty;"
                    + " give names separated by commas, e.g. --columns id,name");
        }
        return trimmed;
    }
}
