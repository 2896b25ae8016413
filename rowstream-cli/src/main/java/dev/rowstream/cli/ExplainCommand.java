package dev.rowstream.cli;

import dev.rowstream.Explanation;
import dev.rowstream.ReadPlan;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rowstream explain}: how {@code export} with the same options would read, without reading the
 * rows: the strategy, the key, the SQL, and whether each batch reads an index range or the whole table.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"rowstream explain --url JDBC_URL [--user NAME] [--password-env VAR]",
                ReadOptions.SYNOPSIS_SOURCE, ReadOptions.SYNOPSIS_KEY, ReadOptions.SYNOPSIS_STRATEGY,
                ReadOptions.SYNOPSIS_HYBRID, ReadOptions.SYNOPSIS_BUDGETS, "         [--verbose]"},
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = {"Shows how 'rowstream export' with the same options would read, without reading the rows.",
                "%nIt prints the strategy, the key, the SQL of the first and of a following batch, and (on"
                        + " PostgreSQL and MariaDB/MySQL) the database's plan of a following batch, with a warning"
                        + " when each batch would scan and sort the table. It reads one row, for a real key to"
                        + " explain with."},
        footer = {"", "Example:",
                "  rowstream explain --url jdbc:postgresql://localhost/shop --table orders \\",
                "      --key \"created_at DESC, id DESC\""})
final class ExplainCommand implements Callable<Integer> {
    private static final String INDENT = "  ";

    @ParentCommand
    Main main;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ReadOptions read;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        verbose.apply();
        Explanation explanation = read.builder(connection, main.env, StreamListener.NONE).explain();
        report(explanation).forEach(main.out::println);
        main.out.flush();
        return ErrorHandler.OK;
    }

    /** The report, one line per element. */
    List<String> report(Explanation explanation) {
        ReadPlan plan = explanation.plan();
        Strategy strategy = plan.strategy();
        String unit = switch (strategy) {
            case HYBRID -> "segment";
            case CURSOR -> "query";
            default -> "batch";
        };
        List<String> lines = new ArrayList<>();
        lines.add("database: " + plan.database());
        lines.add("strategy: " + ReadOptions.name(strategy)
                + (Strategy.parse(read.strategy) == Strategy.AUTO ? " (chosen by --strategy auto)" : ""));
        if (explanation.fastPath() != null) {
            lines.add("fast path: " + explanation.fastPath().replace("fastPath(false)", "--fast-path off"));
        }
        lines.add("key: " + (plan.key() == null ? "none: rows come in the query's own order"
                : plan.key() + (plan.keyProvenUnique() ? " (unique: proven by the schema)"
                        : strategy == Strategy.CURSOR ? " (not proven unique by the schema: tied rows come in the"
                                + " database's order)"
                        : " (not proven unique by the schema: checked while reading; a tie where a " + unit
                                + " starts fails the read)")));
        if (!plan.keyComparisons().isEmpty()) {
            lines.add("key columns, compared as ORDER BY sorts them: " + String.join("; ", plan.keyComparisons()));
        }
        budgets(plan).ifPresent(lines::add);
        lines.add((strategy == Strategy.CURSOR ? "the query" : "first " + unit) + ":");
        lines.add(INDENT + plan.firstSql());

        switch (strategy) {
            case CURSOR -> lines.add("index range: not applicable (strategy cursor runs one query, and no batch"
                    + " repeats it)");
            case OFFSET -> {
                lines.add("following batch (the offset grows by --batch-size each time):");
                lines.add(INDENT + plan.nextSql());
                lines.add("index range: not checked (strategy offset: each batch reads again the rows it skips;"
                        + " strategy keyset or hybrid does not)");
            }
            default -> following(explanation, unit, lines);
        }
        return lines;
    }

    /** "budgets: ..." when --statement-timeout or --max-transaction-seconds is set. */
    private static java.util.Optional<String> budgets(ReadPlan plan) {
        List<String> parts = new ArrayList<>();
        if (plan.statementTimeout() != null) {
            parts.add("statement timeout " + plan.statementTimeout().toSeconds() + " s per query");
        }
        if (plan.maxTransactionSeconds() > 0) {
            parts.add("transactions open at most " + plan.maxTransactionSeconds() + " s" + switch (plan.strategy()) {
                case CURSOR -> " (the cursor fails after that)";
                case HYBRID -> " (segments end in time)";
                default -> " (each batch's ends after its query)";
            });
        }
        return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("budgets: " + String.join("; ", parts));
    }

    /** KEYSET and HYBRID: the seek that every following batch or segment runs, and how the database runs it. */
    private static void following(Explanation explanation, String unit, List<String> lines) {
        ReadPlan plan = explanation.plan();
        lines.add("following " + unit + " (the last row's key goes in the ?s):");
        if (explanation.followingSql() == null) {
            lines.add(INDENT + plan.nextSql());
            lines.add("index range: unknown (no rows: there is no key to explain a following " + unit + " with)");
            return;
        }
        // The SQL the database explained, for the first row's key: where the key can be NULL, the
        // predicate's form depends on which of its values are NULL.
        lines.add(INDENT + explanation.followingSql());
        if (explanation.databasePlan() == null || explanation.indexRange() == null) {
            lines.add("index range: unknown (no EXPLAIN support for " + plan.database() + ")");
            return;
        }
        lines.add("database plan of a following " + unit + ":");
        explanation.databasePlan().lines().forEach(line -> lines.add(INDENT + line));
        lines.add(explanation.indexRange() ? "index range: yes"
                : "WARNING: each " + unit + " scans and sorts the table (no index on the key?): add an index on ("
                        + plan.indexKey() + ")");
    }
}
