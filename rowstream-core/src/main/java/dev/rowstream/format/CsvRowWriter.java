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

    CsvRowWriter(Writer target) {
        // Fields are written in many small pieces; without a buffer each would reach the encoder.
        this.out = target instanceof BufferedWriter ? target : new BufferedWriter(target);
    }

    @Override
    void writeHeader(Columns columns) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            field(columns.label(i));
        }
        out.write('\n');
    }

    @Override
    void writeRow(Row row) throws IOException {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object value = row.get(i);
            if (value != null) {
                field(ValueText.of(value));
            }
        }
        out.write('\n');
    }

    private void field(String text) throws IOException {
        if (text.isEmpty()) {
            out.write("\"\"");
        } else if (needsQuotes(text)) {
            quoted(text);
        } else {
            out.write(text);
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

    /** Writes the text between quotes, doubling inner quotes, in slices so no copy is made. */
    private void quoted(String text) throws IOException {
        out.write('"');
        int start = 0;
        for (int q = text.indexOf('"'); q >= 0; q = text.indexOf('"', start)) {
            out.write(text, start, q + 1 - start);
            out.write('"');
            start = q + 1;
        }
        out.write(text, start, text.length() - start);
        out.write('"');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    void finish() throws IOException {
        out.flush();
    }
}
