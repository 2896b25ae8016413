package dev.rowstream.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's messages name its own options, as a library user writes them ({@code key(...)},
 * {@code resume(true)}, {@code maxRowsPerFile(0)}); this tool's user gives flags. Every message the tool
 * prints goes through {@link #of}, which names the flag instead ({@code --key}, {@code --resume},
 * {@code --max-rows-per-file 0}).
 */
final class Flags {
    private static final Pattern OPTION = Pattern.compile("\\b([a-z][A-Za-z]*)\\(([^()]*)\\)");
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("table", "--table"), Map.entry("query", "--query"),
            Map.entry("key", "--key"), Map.entry("columns", "--columns"), Map.entry("where", "--where"),
            Map.entry("strategy", "--strategy"), Map.entry("batchSize", "--batch-size"),
            Map.entry("segmentRows", "--segment-rows"), Map.entry("segmentSeconds", "--segment-seconds"),
            Map.entry("retries", "--retries"), Map.entry("statementTimeout", "--statement-timeout"),
            Map.entry("maxTransactionSeconds", "--max-transaction-seconds"),
            Map.entry("resume", "--resume"), Map.entry("force", "--force"),
            Map.entry("checkpoint", "--checkpoint CKPT"), Map.entry("format", "--format"),
            Map.entry("compression", "--compress"), Map.entry("maxRowsPerFile", "--max-rows-per-file"),
            Map.entry("maxFileMb", "--max-file-mb"), Map.entry("options", "--format-option"), Map.entry("createTable", "--create-table"),
            Map.entry("targetTable", "--target-table"), Map.entry("checkpointTable", "--checkpoint-table"),
            Map.entry("writer", "--writer"), Map.entry("splits", "--splits"));

    private Flags() {
    }

    /** {@code message} with each library option named as this tool's flag. */
    static String of(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = OPTION.matcher(message.replace("Sinks.file(...)", "--output FILE"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String flag = FLAGS.get(m.group(1));
            String value = m.group(2);
            String replacement = flag == null ? m.group()
                    : value.isEmpty() || value.equals("true") || value.equals("...") ? flag : flag + " " + value;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }
}
