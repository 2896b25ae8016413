package dev.rowstream.cli;

import picocli.CommandLine.Option;

/**
 * {@code --verbose}, shared by the commands: stack traces with errors (ErrorHandler looks for the
 * option in the parse result) and the library's debug log.
 */
final class VerboseOption {
    @Option(names = "--verbose", description = "Show stack traces with errors, and the library's debug log.")
    boolean verbose;

    /** Turns the debug log on when asked for; the first thing a command does. */
    void apply() {
        if (verbose) {
            Main.debugLog();
        }
    }
}
