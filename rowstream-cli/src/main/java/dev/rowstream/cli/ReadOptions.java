package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What to read and how: the source ({@code --table} or {@code --query}), the key, the strategy and its
 * settings. A {@code @Mixin} shared by {@code export} and {@code explain}, and the one place where
 * options become a {@link ReadBuilder}, so both commands plan the same read.
 */
final class ReadOptions {
    /** The synopsis lines of these options, for the commands' customSynopsis (indented to follow a command). */
    static final String SYNOPSIS_SOURCE = "         (--table NAME [--columns a,b,...] [--where CONDITION] | --query SQL)";
    static final String SYNOPSIS_KEY = "         [--key \"col [ASC|DESC] [NULLS FIRST|LAST], ...\"]";
    static final String SYNOPSIS_STRATEGY = "         [--strategy auto|cursor|keyset|offset|hybrid] [--batch-size N]\n"
            + "         [--fast-path auto|off]";
    static final String SYNOPSIS_HYBRID = "         [--segment-rows N] [--segment-seconds S] [--retries N]";
    static final String SYNOPSIS_BUDGETS = "         [--statement-timeout SECONDS] [--max-transaction-seconds S]";
    /** The longest --statement-timeout, in seconds: the library's limit. */
    static final long MAX_STATEMENT_TIMEOUT = ReadBuilder.MAX_STATEMENT_TIMEOUT.toSeconds();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--table", paramLabel = "NAME",
            description = "The table or view to read, NAME or SCHEMA.NAME; quote unusual or"
                    + " mixed-case names with \".")
    String table;

    @Option(names = "--columns", paramLabel = "a,b,...",
            description = "With --table: the columns to read, in this order (default: all).")
    String columns;

    @Option(names = "--where", paramLabel = "CONDITION",
            description = "With --table: only the rows matching this SQL condition (one balanced"
                    + " condition, checked by the database before any row).")
    String where;

    @Option(names = "--query", paramLabel = "SQL", description = "Instead of --table: one SELECT statement.")
    String query;

    @Option(names = "--key", paramLabel = "\"col [ASC|DESC], ...\"",
            description = "Columns that order the rows uniquely, each with ASC or DESC and NULLS FIRST or"
                    + " NULLS LAST if wanted (default for a table: its primary key)."
                    + " KEYSET, OFFSET and HYBRID need one.")
    String key;

    @Option(names = "--strategy", paramLabel = "auto|cursor|keyset|offset|hybrid", defaultValue = "auto",
            description = "How rows are fetched (default: ${DEFAULT-VALUE}: the library picks one and logs why).")
    String strategy;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + ReadBuilder.DEFAULT_BATCH_SIZE,
            description = "Rows per batch or cursor round trip, 1 to " + ReadBuilder.MAX_BATCH_SIZE
                    + " (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--segment-rows", paramLabel = "N",
            description = "HYBRID: end a segment (its transaction) after N rows, and go on after its last key"
                    + " (default: " + ReadBuilder.DEFAULT_SEGMENT_ROWS + ").")
    Long segmentRows;

    @Option(names = "--segment-seconds", paramLabel = "S",
            description = "HYBRID: end a segment after S seconds (default: " + ReadBuilder.DEFAULT_SEGMENT_SECONDS
                    + ").")
    Long segmentSeconds;

    @Option(names = "--retries", paramLabel = "N",
            description = "KEYSET, OFFSET, HYBRID: reconnect up to N times in a row after a lost connection,"
                    + " and go on after the last row read; 0 fails at once (default: "
                    + ReadBuilder.DEFAULT_RETRIES + ").")
    Integer retries;

    @Option(names = "--statement-timeout", paramLabel = "SECONDS",
            description = "Stop any one query of the read that runs longer (default: no limit)."
                    + " PostgreSQL: each fetch counts on its own; MariaDB Connector/J: a streamed query's"
                    + " whole life counts, so a cursor must end within it. Fails with exit 1.")
    Long statementTimeout;

    @Option(names = "--max-transaction-seconds", paramLabel = "S",
            description = "Fail a cursor read once its transaction has been open S seconds; hybrid ends"
                    + " its segments within S (default: no limit). Keyset and offset batches end theirs"
                    + " after each query.")
    Long maxTransactionSeconds;

    @Option(names = "--fast-path", paramLabel = "auto|off", defaultValue = "auto",
            description = "auto (default): on PostgreSQL, keyset batches and hybrid segments are read with"
                    + " COPY ... TO STDOUT (FORMAT binary), the same rows and bytes, faster; off: always with"
                    + " a plain query. A column of a type the fast path cannot decode turns it off (said at INFO).")
    String fastPath;

    /**
     * The read these options describe, on {@code connection}, after checking everything that can be
     * checked without connecting. Throws {@link InvalidSpecException} (exit 2) naming the option.
     */
    ReadBuilder builder(ConnectionOptions connection, Function<String, String> env, StreamListener listener) {
        Strategy chosen = Strategy.parse(strategy);
        checkSource();
        checkSettings(chosen);
        ReadBuilder read = connection.read(env).strategy(chosen).batchSize(batchSize).listener(listener)
                .fastPath(fastPath());
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
        if (segmentRows != null) {
            read.segmentRows(segmentRows);
        }
        if (segmentSeconds != null) {
            read.segmentSeconds(segmentSeconds);
        }
        if (retries != null) {
            read.retries(retries);
        }
        if (statementTimeout != null) {
            read.statementTimeout(java.time.Duration.ofSeconds(statementTimeout));
        }
        if (maxTransactionSeconds != null) {
            read.maxTransactionSeconds(maxTransactionSeconds);
        }
        return read;
    }

    /** (--table NAME [--columns a,b] [--where CONDITION] | --query SQL), with messages that say what to do. */
    private void checkSource() {
        if (table == null && query == null) {
            throw new InvalidSpecException("nothing to " + command.name() + ": give --table NAME or --query SQL");
        }
        if (table != null && query != null) {
            throw new InvalidSpecException("--table and --query were both given: give one of them");
        }
        if (query != null && (columns != null || where != null)) {
            throw new InvalidSpecException((columns != null ? "--columns" : "--where")
                    + " applies to --table only: with --query, write it into the SQL");
        }
    }

    /** Ranges, and settings that the chosen strategy would ignore: said now rather than silently dropped. */
    private void checkSettings(Strategy chosen) {
        if (batchSize < 1 || batchSize > ReadBuilder.MAX_BATCH_SIZE) {
            throw new InvalidSpecException("--batch-size " + batchSize + " is out of range: use 1 to "
                    + ReadBuilder.MAX_BATCH_SIZE);
        }
        if (segmentRows != null && segmentRows < 1) {
            throw new InvalidSpecException("--segment-rows " + segmentRows + " is out of range: use 1 or more");
        }
        if (segmentSeconds != null && segmentSeconds < 1) {
            throw new InvalidSpecException("--segment-seconds " + segmentSeconds + " is out of range: use 1 or more");
        }
        if (retries != null && retries < 0) {
            throw new InvalidSpecException("--retries " + retries + " is out of range: use 0 (fail at once) or more");
        }
        if (statementTimeout != null && (statementTimeout < 1 || statementTimeout > MAX_STATEMENT_TIMEOUT)) {
            throw new InvalidSpecException("--statement-timeout " + statementTimeout + " is out of range: use 1 to "
                    + MAX_STATEMENT_TIMEOUT + " (" + ReadBuilder.MAX_STATEMENT_TIMEOUT.toDays() + " days)");
        }
        if (maxTransactionSeconds != null && maxTransactionSeconds < 1) {
            throw new InvalidSpecException("--max-transaction-seconds " + maxTransactionSeconds
                    + " is out of range: use 1 or more");
        }
        boolean segments = chosen == Strategy.HYBRID || chosen == Strategy.AUTO;
        if (segments && segmentSeconds != null && maxTransactionSeconds != null && segmentSeconds > maxTransactionSeconds) {
            throw new InvalidSpecException("--segment-seconds " + segmentSeconds + " is longer than"
                    + " --max-transaction-seconds " + maxTransactionSeconds + ": a hybrid segment is one transaction;"
                    + " use " + maxTransactionSeconds + " or less");
        }
        if (!segments && (segmentRows != null || segmentSeconds != null)) {
            throw new InvalidSpecException((segmentRows != null ? "--segment-rows" : "--segment-seconds")
                    + " applies to strategy hybrid only, not " + name(chosen) + ": use --strategy hybrid or auto,"
                    + " or leave it out");
        }
        if (chosen == Strategy.CURSOR && retries != null && retries > 0) {
            throw new InvalidSpecException("--retries applies to strategies that can resume, not cursor:"
                    + " use --strategy hybrid or keyset (with a key), or leave --retries out");
        }
    }

    private boolean fastPath() {
        return switch (fastPath.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> true;
            case "off" -> false;
            default -> throw new InvalidSpecException("--fast-path " + fastPath + " is not a choice: use auto or off");
        };
    }

    static String name(Strategy strategy) {
        return strategy.name().toLowerCase(java.util.Locale.ROOT);
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
