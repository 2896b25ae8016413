package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.RowStreamException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into an exit code and exactly one line on stderr,
 * {@code rowstream: error: <what failed and what to do>}, with the stack trace only under
 * {@code --verbose}. Passwords (from {@code --url} and {@code --password-env}) are masked in both.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int OK = 0;
    /** The run failed after it started: the database or the output failed. */
    static final int FAILED = 1;
    /** Bad usage, or input rejected before any row was read. */
    static final int USAGE = 2;
    /** What the JVM exits with on SIGINT (128 + 2); listed here for the record. */
    static final int INTERRUPTED = 130;

    static final String PREFIX = "rowstream: error: ";

    private final Function<String, String> env;

    ErrorHandler(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String text = ex.getMessage() == null ? "bad usage" : ex.getMessage();
        StringBuilder message = new StringBuilder(text.startsWith("Error: ") ? text.substring(7) : text);
        if (ex instanceof UnmatchedArgumentException) {
            List<String> suggestions = ((UnmatchedArgumentException) ex).getSuggestions();
            if (!suggestions.isEmpty()) {
                message.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
            }
        }
        message.append(" (see '").append(cmd.getCommandSpec().qualifiedName()).append(" --help')");
        List<String> secrets = secrets(cmd.getParseResult());
        report(cmd.getErr(), message.toString(), null, secrets);
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof CommandLine.ExecutionException && ex.getCause() instanceof Error) {
            return handleError((Error) ex.getCause(), cmd.getErr(), verbose(parseResult));
        }
        List<String> secrets = secrets(parseResult);
        report(cmd.getErr(), message(ex), verbose(parseResult) ? ex : null, secrets);
        return exitCode(ex);
    }

    /** Errors (OutOfMemoryError and the like) that picocli lets through. */
    int handleError(Error error, PrintWriter err, boolean verbose) {
        String what = error instanceof OutOfMemoryError
                ? "out of memory (" + error.getMessage() + "): give java more heap (JAVA_OPTS=-Xmx...) or use a smaller --batch-size"
                : "unexpected " + error;
        report(err, what, verbose ? error : null, List.of());
        return FAILED;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof InvalidSpecException) {
            return USAGE;
        }
        return FAILED;
    }

    static String message(Throwable ex) {
        if (ex instanceof RowStreamException || ex instanceof UncheckedIOException) {
            return Flags.of(ex.getMessage());
        }
        if (ex instanceof IOException) {
            return "writing the output failed: " + ex.getMessage();
        }
        // A bug, or something nobody foresaw: say what it is, and how to learn more.
        return "unexpected " + ex + " (run with --verbose for the stack trace)";
    }

    private static void report(PrintWriter err, String message, Throwable trace, List<String> secrets) {
        // Exactly one line: driver messages sometimes span several.
        String line = String.valueOf(message).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        err.println(PREFIX + UrlMasker.mask(line, secrets));
        if (trace != null) {
            StringWriter text = new StringWriter();
            trace.printStackTrace(new PrintWriter(text));
            err.print(UrlMasker.mask(text.toString(), secrets));
        }
        err.flush();
    }

    /** True when {@code --verbose} was given to any command on the line. */
    static boolean verbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** The passwords this command line knows: those inside --url, and the one --password-env names. */
    List<String> secrets(ParseResult parseResult) {
        List<String> secrets = new ArrayList<>();
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            for (String option : new String[] {"--url", "--from-url", "--to-url"}) { // copy has two
                String url = pr.matchedOptionValue(option, null);
                secrets.addAll(UrlMasker.secrets(url));
            }
            for (String option : new String[] {"--password-env", "--from-password-env", "--to-password-env"}) {
                String var = pr.matchedOptionValue(option, null);
                if (var != null) {
                    String password = env.apply(var);
                    if (password != null && !password.isEmpty()) {
                        secrets.add(password);
                    }
                }
            }
        }
        return secrets;
    }
}
