package dev.rowstream.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM's main for tests that need a JVM setting (such as {@code -Duser.timezone}): runs each line of
 * the file given as its argument as one command line of the tool (arguments separated by tabs), in this
 * JVM, and exits with the first non-zero exit code (0 when all succeeded).
 */
final class CommandsInOneJvm {
    private CommandsInOneJvm() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        int failed = 0;
        for (String line : lines) {
            int code = Main.run(line.split("\t"), System.out, System.err);
            System.err.println("exit " + code + ": " + line.replace('\t', ' '));
            if (code != 0 && failed == 0) {
                failed = code;
            }
        }
        System.exit(failed);
    }
}
