package dev.rowstream.format;

import dev.rowstream.Columns;
import dev.rowstream.Row;

import java.io.IOException;
import java.io.StringWriter;
import java.sql.Types;
import java.util.Arrays;

/** Builds rows and runs a writer over them, for the format tests. */
final class Rows {
    private Rows() {}

    static Columns columns(String... labels) {
        int[] types = new int[labels.length];
        Arrays.fill(types, Types.OTHER);
        String[] names = new String[labels.length];
        Arrays.fill(names, "other");
        return new Columns(labels, types, names);
    }

    static Row row(Columns columns, Object... values) {
        return new Row(columns, values);
    }

    /** The full output of {@code format} for these rows (each an array of values). */
    static String write(TextFormat format, Columns columns, Object[]... rows) throws IOException {
        StringWriter out = new StringWriter();
        try (RowWriter writer = format.writer(out)) {
            writer.begin(columns);
            for (Object[] values : rows) {
                writer.write(new Row(columns, values));
            }
        }
        return out.toString();
    }

    /** The line a single one-column row prints as (no header, no line end). */
    static String single(TextFormat format, Object value) throws IOException {
        String text = write(format, columns("v"), new Object[] {value});
        String body = format == Format.CSV ? text.substring(text.indexOf('\n') + 1) : text;
        return body.substring(0, body.length() - 1);
    }

    /** A target writer that remembers whether it was closed. */
    static final class TrackingWriter extends StringWriter {
        boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
