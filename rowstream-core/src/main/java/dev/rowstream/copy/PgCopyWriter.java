package dev.rowstream.copy;

import dev.rowstream.dialect.PgCopyApi;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * PostgreSQL's {@code COPY table (columns) FROM STDIN} in text format, through pgjdbc's CopyManager, one
 * COPY per batch inside the batch's transaction. The library has no compile-time dependency on pgjdbc, so
 * the CopyManager is reached by reflection, through pgjdbc's public interfaces ({@code PGConnection},
 * {@code CopyManager}, {@code CopyIn}); without pgjdbc on the class path the copy inserts instead.
 *
 * <p>Text format: fields separated by a tab, rows ended by a new line, NULL is {@code \N} and the empty
 * string an empty field, so the two stay apart; a backslash, tab, new line and carriage return inside a
 * value are escaped. Values print in PostgreSQL's input syntax: decimals with their scale, floats in
 * Java's shortest round-trip text (NaN and infinities as PostgreSQL spells them), dates before year 1 with
 * {@code BC}, timestamps with time zone as UTC with {@code +00}, bytea as {@code \x} and hex; a value that
 * came as PostgreSQL's own text ({@code infinity}, {@code 24:00:00}) as that text.
 */
final class PgCopyWriter implements BatchWriter {
    /** Characters gathered before they are encoded and sent: large enough that a round trip costs nothing. */
    private static final int CHUNK = 256 * 1024;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Object copyApi;
    private final Method copyIn;
    private final Method write;
    private final Method end;
    private final Method cancel;
    private final String sql;
    private final StringBuilder text = new StringBuilder(CHUNK + 4096);
    private Object operation;

    private PgCopyWriter(Object copyApi, Method copyIn, Method write, Method end, Method cancel, String sql) {
        this.copyApi = copyApi;
        this.copyIn = copyIn;
        this.write = write;
        this.end = end;
        this.cancel = cancel;
        this.sql = sql;
    }

    /** A COPY writer on {@code c}, or null when it is not a pgjdbc connection (or pgjdbc is not there). */
    static PgCopyWriter of(Connection c, String table, List<String> quotedColumns) throws SQLException {
        PgCopyApi api = PgCopyApi.of(c);
        if (api == null) {
            return null;
        }
        try {
            String sql = "COPY " + table + " (" + String.join(", ", quotedColumns) + ") FROM STDIN";
            return new PgCopyWriter(api.manager(), api.method("CopyManager", "copyIn", String.class),
                    api.method("CopyIn", "writeToCopy", byte[].class, int.class, int.class),
                    api.method("CopyIn", "endCopy"), api.method("CopyOperation", "cancelCopy"), sql);
        } catch (ReflectiveOperationException e) {
            return null; // another pgjdbc than the one this was written for: insert instead
        }
    }

    @Override
    public String name() {
        return "COPY";
    }

    @Override
    public void add(Object[] values) throws SQLException {
        if (operation == null) {
            operation = PgCopyApi.call(copyIn, copyApi, sql);
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            field(values[i]);
        }
        text.append('\n');
        if (text.length() >= CHUNK) {
            send();
        }
    }

    @Override
    public void finish() throws SQLException {
        if (operation != null) {
            send();
            Object op = operation;
            operation = null;
            PgCopyApi.call(end, op);
        }
    }

    @Override
    public void abort() {
        text.setLength(0);
        if (operation != null) {
            Object op = operation;
            operation = null;
            try {
                PgCopyApi.call(cancel, op);
            } catch (SQLException | RuntimeException ignored) {
                // The connection is rolled back (or dropped) next.
            }
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void send() throws SQLException {
        if (text.length() > 0) {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            text.setLength(0);
            PgCopyApi.call(write, operation, bytes, 0, bytes.length);
        }
    }

    private void field(Object v) {
        if (v == null) {
            text.append("\\N");
        } else if (v instanceof String s) {
            escaped(s);
        } else if (v instanceof Long || v instanceof Integer) {
            text.append(v);
        } else if (v instanceof BigDecimal d) {
            text.append(d.toPlainString());
        } else if (v instanceof Boolean b) {
            text.append(b ? 't' : 'f');
        } else if (v instanceof Double || v instanceof Float) {
            // Java's shortest text reads back as the same value; NaN, Infinity and -Infinity are PostgreSQL's words too.
            text.append(v);
        } else if (v instanceof LocalDateTime t) {
            timestamp(t, "");
        } else if (v instanceof OffsetDateTime t) {
            if (t.equals(OffsetDateTime.MAX) || t.equals(OffsetDateTime.MIN)) {
                text.append(t.equals(OffsetDateTime.MAX) ? "infinity" : "-infinity");
            } else {
                timestamp(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), "+00");
            }
        } else if (v instanceof LocalDate d) {
            date(d, true);
        } else if (v instanceof LocalTime t) {
            text.append(t);
        } else if (v instanceof java.time.OffsetTime t) {
            text.append(t);
        } else if (v instanceof byte[] b) {
            text.append("\\\\x"); // \x, its backslash escaped for the text format
            for (byte x : b) {
                text.append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
            }
        } else {
            escaped(v.toString()); // UUID
        }
    }

    private void timestamp(LocalDateTime t, String zone) {
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) {
            text.append(t.equals(LocalDateTime.MAX) ? "infinity" : "-infinity");
            return;
        }
        date(t.toLocalDate(), false);
        text.append(' ').append(t.toLocalTime()).append(zone);
        if (t.getYear() <= 0) {
            text.append(" BC");
        }
    }

    /** ISO for years 1 to 9999; beyond, without LocalDate's '+'; before year 1, PostgreSQL's "BC" (year 0 is 1 BC). */
    private void date(LocalDate d, boolean era) {
        if (d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN)) {
            text.append(d.equals(LocalDate.MAX) ? "infinity" : "-infinity");
            return;
        }
        int year = d.getYear();
        if (year >= 1 && year <= 9999) {
            text.append(d);
            return;
        }
        int shown = year <= 0 ? 1 - year : year;
        String y = Integer.toString(shown);
        text.append("0".repeat(Math.max(0, 4 - y.length()))).append(y).append('-');
        two(d.getMonthValue()).append('-');
        two(d.getDayOfMonth());
        if (era && year <= 0) {
            text.append(" BC");
        }
    }

    private StringBuilder two(int v) {
        return text.append(v < 10 ? "0" : "").append(v);
    }

    private void escaped(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
    }
}
