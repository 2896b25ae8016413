package dev.rowstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code rowstream}: the command-line tool. Each subcommand is a small {@code Callable<Integer>};
 * {@link ErrorHandler} maps failures to exit codes (0 ok, 1 failed while running, 2 bad usage or input,
 * 130 interrupted).
 */
@Command(name = "rowstream", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Streams rows out of SQL databases in bounded memory.",
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n", commandListHeading = "%nCommands:%n",
        subcommands = {ExportCommand.class, CopyCommand.class, ExplainCommand.class, PlanCommand.class,
                DoctorCommand.class, DemoCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failed while running (database or output error)",
                "2:bad usage, or input rejected before any row was read", "130:interrupted (Ctrl-C)"})
public final class Main {
    /** stdout: the rows (and demo report) go here, and nothing else. */
    final PrintStream out;
    /** stderr: logs, the summary, errors. */
    final PrintStream err;
    /** The environment, replaceable in tests. */
    final Function<String, String> env;

    /** A Main on the process's stdout, stderr and environment. */
    public Main() {
        this(System.out, System.err, System::getenv);
    }

    Main(PrintStream out, PrintStream err, Function<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line and returns its exit code; tests call this with captured streams. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System::getenv);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> env) {
        Main main = new Main(out, err, env);
        CommandLine cl = main.commandLine();
        try {
            return cl.execute(args);
        } catch (Error e) {
            // picocli handles Exceptions only; an Error (out of memory) still gets one line.
            return new ErrorHandler(env).handleError(e, cl.getErr(), Arrays.asList(args).contains("--verbose"));
        }
    }

    /** Turns on the library's debug log ({@code --verbose}); call before the first logger is made. */
    static void debugLog() {
        // Read by slf4j-simple when the first logger is made.
        System.setProperty("org.slf4j.simpleLogger.log.dev.rowstream", "debug");
    }

    /** The command line with this tool's streams and error handling. */
    public CommandLine commandLine() {
        ErrorHandler errors = new ErrorHandler(env);
        CommandLine cl = new CommandLine(this);
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }

    /** The version, from a resource Maven fills in at build time. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rowstream " + version(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }

        static String version() {
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    String v = p.getProperty("version");
                    if (v != null && !v.startsWith("${")) {
                        return v;
                    }
                }
            } catch (IOException ignored) {
                // Falls through to the manifest, then to "unknown".
            }
            String v = Main.class.getPackage().getImplementationVersion();
            return v == null ? "(unknown version)" : v;
        }
    }
}
