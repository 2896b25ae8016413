package dev.rowstream.format;

import dev.rowstream.Columns;
import dev.rowstream.Row;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 CSV: comma separated, {@code \n} line ends, a header row of labels. A field is quoted
 * only when it holds a comma, a double quote, CR or LF; inner quotes are doubled. NULL is an empty
 * unquoted field and the empty string is {@code ""}, so the two stay apart (as in PostgreSQL's
 * COPY CSV).
 */
final class CsvRowWriter extends BaseRowWriter {
    private final Writer out;
    /** One row's text: a row reaches the Writer in one call, not one per field (each call takes a lock). */
    private final StringBuilder line = new StringBuilder(256);
    private char[] chars = new char[256];

    CsvRowWriter(Writer target) {
        this.out = target instanceof BufferedWriter ? target : new BufferedWriter(target, 1 << 16);
    }

    @Override
    protected void writeHeader(Columns columns) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            field(columns.label(i));
        }
        endLine();
    }

    @Override
    protected void writeRow(Row row) throws IOException {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = row.get(i);
            if (value != null) {
                field(ValueText.of(value));
            }
        }
        endLine();
    }

    private void endLine() throws IOException {
        line.append('\n');
        int n = line.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        line.getChars(0, n, chars, 0);
        out.write(chars, 0, n);
        line.setLength(0);
    }

    private void field(String text) {
        if (text.isEmpty()) {
            line.append("\"\"");
        } else if (needsQuotes(text)) {
            quoted(text);
        } else {
            line.append(text);
        }
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Appends the text between quotes, doubling inner quotes. */
    private void quoted(String text) {
        line.append('"');
        int start = 0;
        for (int q = text.indexOf('"'); q >= 0; q = text.indexOf('"', start)) {
            line.append(text, start, q + 1).append('"');
            start = q + 1;
        }
        line.append(text, start, text.length()).append('"');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    protected void finish() throws IOException {
        out.flush();
    }
}
