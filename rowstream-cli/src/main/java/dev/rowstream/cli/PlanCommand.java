package dev.rowstream.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.rowstream.StreamListener;
import dev.rowstream.format.JsonValues;
import dev.rowstream.split.Split;
import dev.rowstream.split.SplitMethod;
import dev.rowstream.split.SplitPlanner;
import dev.rowstream.split.Splits;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rowstream plan}: the key ranges that cut a read into splits of about equal row counts, one JSON
 * object per line on stdout, and how they were found on stderr.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"rowstream plan --url JDBC_URL [--user NAME] [--password-env VAR]",
                ReadOptions.SYNOPSIS_SOURCE, ReadOptions.SYNOPSIS_KEY, "         --splits N [--exact] [--verbose]"},
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = {"Cuts a read into key ranges of about equal row counts, without reading its rows.",
                "%nEach line is {\"split\":1,\"after\":[...],\"upTo\":[...],\"estimatedRows\":n}: the rows whose key"
                        + " sorts after 'after' (exclusive; null: from the first row) up to 'upTo' (inclusive;"
                        + " null: to the last row), key values in the key's column order. Up to "
                        + SplitPlanner.EXACT_MAX_ROWS + " rows (estimated) the database numbers every row in key"
                        + " order (exact); above, a random sample (splits within about 10%% of the mean).",
                "The summary on stderr says which method was used, and how long it took."},
        footer = {"", "Example:", "  rowstream plan --url jdbc:postgresql://localhost/shop --table orders --splits 8"})
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ReadOptions read;

    @Option(names = "--splits", required = true, paramLabel = "N",
            description = "How many splits, 1 to " + SplitPlanner.MAX_SPLITS + " (fewer when the read has fewer rows).")
    int splits;

    @Option(names = "--exact", description = "Number every row, whatever the table's size (slower on a large one).")
    boolean exact;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        verbose.apply();
        Splits plan = read.builder(connection, main.env, StreamListener.NONE)
                .splits(splits, exact ? SplitMethod.EXACT : SplitMethod.AUTO);
        JsonGenerator json = JsonValues.lines(main.out);
        for (Split split : plan.splits()) {
            json.writeStartObject();
            json.writeNumberField("split", split.number());
            json.writeFieldName("after");
            values(json, split.after());
            json.writeFieldName("upTo");
            values(json, split.upTo());
            json.writeNumberField("estimatedRows", split.estimatedRows());
            json.writeEndObject();
            json.writeRaw('\n');
        }
        json.flush();
        main.err.println("rowstream plan: " + plan.splits().size() + " splits by " + plan.how() + " in "
                + plan.took().toMillis() + " ms");
        return ErrorHandler.OK;
    }

    /** Key values typed as JSON Lines output types them, or null for no bound. */
    private static void values(JsonGenerator json, List<Object> values) throws IOException {
        if (values == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (Object v : values) {
            JsonValues.write(json, v);
        }
        json.writeEndArray();
    }
}
