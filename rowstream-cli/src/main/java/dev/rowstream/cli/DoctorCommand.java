package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.dialect.ServerSetting;
import dev.rowstream.dialect.Streaming;
import dev.rowstream.doctor.Checkup;
import dev.rowstream.doctor.Doctor;
import dev.rowstream.internal.DriverManagerDataSource;
import dev.rowstream.internal.StreamingProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rowstream doctor}: how this database and driver treat a long read, and what to do about it. The
 * rules come from the library's dialects ({@link Doctor}); this prints them.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"rowstream doctor --url JDBC_URL [--user NAME] [--password-env VAR]",
                "         [--table NAME | --query SQL] [--key \"col [ASC|DESC], ...\"]",
                "         [--batch-size N] [--verbose]"},
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = {"Explains how this database and driver treat a long read.",
                "%nIt shows the database and driver versions; whether a plain JDBC read on this connection"
                        + " would read the whole result into memory, and why; what rowstream changes to make the"
                        + " driver stream; and the server timeouts that can end a long read. With --table or"
                        + " --query it also estimates the rows (from the statistics, where cheap), measures what a"
                        + " plain read and rowstream's read allocate inside executeQuery over up to "
                        + Doctor.MAX_MEASURED_ROWS + " rows, and recommends a strategy."},
        footer = {"", "Example:", "  rowstream doctor --url jdbc:postgresql://localhost/shop --table orders"})
final class DoctorCommand implements Callable<Integer> {
    private static final String INDENT = "  ";

    @ParentCommand
    Main main;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--table", paramLabel = "NAME", description = "Also examine reading this table.")
    String table;

    @Option(names = "--query", paramLabel = "SQL", description = "Also examine reading this SELECT.")
    String query;

    @Option(names = "--key", paramLabel = "\"col [ASC|DESC], ...\"",
            description = "The key the read would use (default for a table: its primary key).")
    String key;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + ReadBuilder.DEFAULT_BATCH_SIZE,
            description = "The batch size the read would use (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        verbose.apply();
        if (table != null && query != null) {
            throw new InvalidSpecException("--table and --query were both given: give one of them");
        }
        if (key != null && table == null && query == null) {
            throw new InvalidSpecException("--key applies to a read: give --table NAME or --query SQL too");
        }
        if (batchSize < 1 || batchSize > ReadBuilder.MAX_BATCH_SIZE) {
            throw new InvalidSpecException("--batch-size " + batchSize + " is out of range: use 1 to "
                    + ReadBuilder.MAX_BATCH_SIZE);
        }
        connection.checkUrl();
        Doctor doctor = Doctor.of(new DriverManagerDataSource(connection.url, connection.user,
                connection.password(main.env))).batchSize(batchSize).key(key);
        if (table != null) {
            doctor.table(table);
        } else if (query != null) {
            doctor.query(query);
        }
        report(doctor.examine()).forEach(main.out::println);
        main.out.flush();
        return ErrorHandler.OK;
    }

    /** The report, one line per element. */
    static List<String> report(Checkup c) {
        List<String> lines = new ArrayList<>();
        lines.add("database: " + c.database());
        lines.add("driver: " + c.driver() + " (rowstream dialect: " + c.dialect() + ")");

        lines.add("a plain JDBC read on this connection (" + c.plainSettings() + "):");
        lines.add(INDENT + verdict(c.plainRead()));
        c.plainRead().reasons().forEach(r -> lines.add(INDENT + "- " + r));

        lines.add("what rowstream does for cursor and hybrid reads:");
        c.setup().forEach(s -> lines.add(INDENT + "- " + s));
        lines.add(INDENT + "so rowstream's read " + verdict(c.rowstreamRead()).replaceFirst("^it ", "")
                + (c.rowstreamRead().verdict() == Streaming.Verdict.STREAMS ? " (" + c.rowstreamRead().because() + ")" : ""));
        if (c.rowstreamRead().verdict() != Streaming.Verdict.STREAMS) {
            c.rowstreamRead().reasons().forEach(r -> lines.add(INDENT + "- " + r));
        }

        if (c.timeouts().isEmpty()) {
            lines.add("server timeouts that can end a long read: none (an embedded database)");
        } else {
            lines.add("server timeouts that can end a long read (this session's values):");
            for (ServerSetting s : c.timeouts()) {
                lines.add(INDENT + s.name() + " = " + s.value() + ": " + s.meaning());
            }
        }

        if (c.read() != null) {
            lines.add(c.read() + ":");
            c.estimatedRows().ifPresentOrElse(
                    n -> lines.add(INDENT + "rows: about " + String.format(Locale.ROOT, "%,d", n)
                            + " (estimate from the statistics)"),
                    () -> lines.add(INDENT + "rows: no cheap estimate"
                            + (c.read().startsWith("query") ? " for a query" : " (no statistics for this table)")));
            measurement(c, lines);
        }
        lines.add("recommendation: " + c.recommendation());
        return lines;
    }

    private static String verdict(Streaming s) {
        return switch (s.verdict()) {
            case STREAMS -> "it streams: memory does not grow with the result";
            case BUFFERS -> "it BUFFERS: the driver reads the whole result into memory first, because";
            case UNKNOWN -> "it may buffer: unknown";
        };
    }

    private static void measurement(Checkup c, List<String> lines) {
        Checkup.Measurement m = c.measurement();
        if (m == null) {
            lines.add(INDENT + "measured: no (" + c.notMeasured() + ")");
            return;
        }
        lines.add(INDENT + String.format(Locale.ROOT, "measured over %,d rows (what this thread allocated inside"
                + " executeQuery):", m.rows()));
        lines.add(INDENT + INDENT + "plain JDBC read: " + read(m.plain(), m.rows()));
        lines.add(INDENT + INDENT + "rowstream's read (fetch size " + m.rowstream().fetchSize() + "): "
                + read(m.rowstream(), m.rows()));
    }

    private static String read(Checkup.Read r, long rows) {
        String bytes = StreamingProbe.bytes(r.executeBytes()) + " (a row costs about "
                + StreamingProbe.bytes(r.rowBytes()) + " to read)";
        if (r.readWhole() == null) {
            return bytes + ": too few rows to tell";
        }
        return bytes + (r.readWhole() ? String.format(Locale.ROOT, ": all %,d rows at once, it buffers", rows)
                : ": the first fetch only, it streams");
    }
}
