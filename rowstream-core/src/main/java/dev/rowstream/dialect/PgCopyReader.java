package dev.rowstream.dialect;

import dev.rowstream.keyset.SeekParam;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * PostgreSQL's {@code COPY (query) TO STDOUT (FORMAT binary)} through pgjdbc's CopyManager, decoded into the
 * values {@link PostgresDialect#reader} gives. Binary rather than CSV: the server does no text formatting and
 * the client no parsing, and each value arrives as its exact bits (a float's -0 and NaN, a numeric's scale).
 *
 * <p>pgjdbc is reached by reflection ({@link PgCopyApi}), as {@code copy/PgCopyWriter} reaches it.
 *
 * <p>The binary format (PostgreSQL docs, "COPY", Binary Format): an 11-byte signature, flags and a header
 * extension, sent in front of the first row; then per row an int16 field count and per field an int32 length
 * (-1: NULL) and the type's send() bytes; the end is a field count of -1. The server sends each row as one
 * CopyData message, which {@code CopyOut.readFromCopy()} returns.
 */
final class PgCopyReader implements RowCopy {
    /** The types decoded exactly; any other in a read turns the fast path off for that read. */
    private static final Set<String> TYPES = Set.of("int2", "int4", "int8", "numeric", "float4", "float8", "bool",
            "text", "varchar", "bpchar", "name", "date", "time", "timestamp", "timestamptz", "bytea", "uuid");
    private static final int SIGNATURE = 11;
    /** PostgreSQL's epoch for dates and timestamps. */
    private static final LocalDate EPOCH_DATE = LocalDate.of(2000, 1, 1);
    private static final long EPOCH_DAY = EPOCH_DATE.toEpochDay();
    private static final LocalDateTime EPOCH = EPOCH_DATE.atStartOfDay();
    private static final long DAY_MICROS = 86_400_000_000L;
    private static final BigInteger NBASE = BigInteger.valueOf(10_000);

    static final PgCopyReader INSTANCE = new PgCopyReader();

    private PgCopyReader() {
    }

    /*
     * pgjdbc's preferQueryMode=simple sends every statement as one simple query: it has no describe (the
     * driver refuses one, by an assertion where assertions are on), so the columns cannot be checked first.
     */
    @Override
    public String unavailable(Connection c) throws SQLException {
        if (PgCopyApi.of(c) == null) {
            return "the connection is not pgjdbc's";
        }
        return "simple".equals(PostgresDialect.preferQueryMode(c))
                ? "pgjdbc's preferQueryMode=simple cannot describe the query" : null;
    }

    @Override
    public String unsupported(ResultSetMetaData md) throws SQLException {
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String type = md.getColumnTypeName(i);
            if (!TYPES.contains(type)) {
                return "column " + md.getColumnLabel(i) + " has type " + type;
            }
        }
        return null;
    }

    /*
     * Each literal is typed as pgjdbc types the bound value: an Integer as int4 and a Long as int8
     * (setObject), a String of the user's as varchar (stringtype=varchar, pgjdbc's default), bytes as bytea,
     * and a key value that the key's rule binds without a type (PostgresDialect.bindUntyped, and money's
     * numeric text) as an untyped literal, which the server types from the column, as it types the parameter.
     * E'...' strings mean the same whatever standard_conforming_strings says.
     */
    @Override
    public String literal(Object param) {
        if (param instanceof SeekParam p) {
            Object v = p.value();
            if (v instanceof Integer || v instanceof Long) {
                return typed(v);
            }
            if (v instanceof byte[] b) {
                return bytes(b);
            }
            return v instanceof String || v instanceof BigDecimal ? quoted(v.toString()) : null;
        }
        if (param instanceof Integer || param instanceof Long) {
            return typed(param);
        }
        if (param instanceof String s) {
            return "CAST(" + quoted(s) + " AS varchar)";
        }
        return param instanceof byte[] b ? bytes(b) : null;
    }

    private static String typed(Object n) {
        return "CAST(" + n + " AS " + (n instanceof Long ? "int8" : "int4") + ")";
    }

    private static String bytes(byte[] b) {
        return "decode('" + HexFormat.of().formatHex(b) + "', 'hex')";
    }

    private static String quoted(String s) {
        StringBuilder q = new StringBuilder(s.length() + 4).append("E'");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'' || ch == '\\') {
                q.append(ch);
            }
            q.append(ch);
        }
        return q.append('\'').toString();
    }

    @Override
    public Out start(Connection c, String query, String[] typeNames) throws SQLException {
        PgCopyApi api = PgCopyApi.of(c);
        if (api == null) {
            return null;
        }
        Object copyOut;
        Method read;
        Method cancel;
        try {
            read = api.method("CopyOut", "readFromCopy");
            cancel = api.method("CopyOperation", "cancelCopy");
            copyOut = PgCopyApi.call(api.method("CopyManager", "copyOut", String.class), api.manager(),
                    "COPY (" + query + ") TO STDOUT (FORMAT binary)");
        } catch (ReflectiveOperationException e) {
            return null; // another pgjdbc than the one this was written for: read the ordinary way
        }
        return new Copy(copyOut, read, cancel, decoders(typeNames));
    }

    /** One running COPY. */
    private static final class Copy implements Out {
        private final Object copyOut;
        private final Method read;
        private final Method cancel;
        private final Decoder[] decoders;
        private boolean headerRead;
        private boolean ended;

        Copy(Object copyOut, Method read, Method cancel, Decoder[] decoders) {
            this.copyOut = copyOut;
            this.read = read;
            this.cancel = cancel;
            this.decoders = decoders;
        }

        @Override
        public byte[] next() throws SQLException {
            if (ended) {
                return null;
            }
            byte[] row = (byte[]) PgCopyApi.call(read, copyOut);
            if (row == null) {
                ended = true;
                return null;
            }
            if (!headerRead) {
                headerRead = true;
                row = withoutHeader(row);
            }
            if ((short) int16(row, 0) == -1) {
                // The trailer: read on until pgjdbc has the CommandComplete and the connection is free.
                while (PgCopyApi.call(read, copyOut) != null) {
                    // nothing follows a trailer
                }
                ended = true;
                return null;
            }
            return row;
        }

        private static byte[] withoutHeader(byte[] message) throws SQLException {
            if (message.length < SIGNATURE + 8 || message[0] != 'P' || message[5] != 'Y') {
                throw new SQLException("COPY (FORMAT binary) sent no header");
            }
            int start = SIGNATURE + 8 + int32(message, SIGNATURE + 4);
            return java.util.Arrays.copyOfRange(message, start, message.length);
        }

        @Override
        public Object[] decode(byte[] row) throws SQLException {
            int fields = (short) int16(row, 0);
            if (fields != decoders.length) {
                throw new SQLException("COPY sent " + fields + " fields where " + decoders.length + " were expected");
            }
            Object[] values = new Object[fields];
            int at = 2;
            for (int i = 0; i < fields; i++) {
                int length = int32(row, at);
                at += 4;
                if (length >= 0) {
                    values[i] = decoders[i].decode(row, at, length);
                    at += length;
                }
            }
            if (at != row.length) {
                throw new SQLException("COPY sent a row of " + row.length + " bytes, " + at + " of them read");
            }
            return values;
        }

        @Override
        public void cancel() {
            if (ended) {
                return;
            }
            ended = true;
            try {
                PgCopyApi.call(cancel, copyOut);
            } catch (SQLException | RuntimeException e) {
                // The connection is closed or rolled back next, which ends the COPY anyway.
            }
        }
    }

    /** One column's send() bytes to its Java value. */
    private interface Decoder {
        Object decode(byte[] b, int at, int length) throws SQLException;
    }

    private static Decoder[] decoders(String[] typeNames) {
        Decoder[] d = new Decoder[typeNames.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = decoder(typeNames[i]);
        }
        return d;
    }

    /*
     * Each gives what the ordinary path gives (PostgresDialect.reader): smallint as Integer, like pgjdbc's
     * getObject; numeric with the scale of its text (dscale), NaN and the infinities as Double; date and
     * timestamps' infinity as PostgreSQL's word; time 24:00:00 as its text; timestamptz in UTC.
     */
    private static Decoder decoder(String type) {
        return switch (type) {
            case "int2" -> (b, at, n) -> (int) (short) int16(b, at);
            case "int4" -> (b, at, n) -> int32(b, at);
            case "int8" -> (b, at, n) -> int64(b, at);
            case "float4" -> (b, at, n) -> Float.intBitsToFloat(int32(b, at));
            case "float8" -> (b, at, n) -> Double.longBitsToDouble(int64(b, at));
            case "bool" -> (b, at, n) -> b[at] != 0;
            case "numeric" -> PgCopyReader::numeric;
            case "date" -> (b, at, n) -> {
                int days = int32(b, at);
                return days == Integer.MAX_VALUE ? "infinity" : days == Integer.MIN_VALUE ? "-infinity"
                        : LocalDate.ofEpochDay(EPOCH_DAY + days);
            };
            case "time" -> (b, at, n) -> {
                long micros = int64(b, at);
                return micros == DAY_MICROS ? "24:00:00" : LocalTime.ofNanoOfDay(micros * 1000);
            };
            case "timestamp" -> (b, at, n) -> {
                long micros = int64(b, at);
                return micros == Long.MAX_VALUE ? "infinity" : micros == Long.MIN_VALUE ? "-infinity"
                        : timestamp(micros);
            };
            case "timestamptz" -> (b, at, n) -> {
                long micros = int64(b, at);
                return micros == Long.MAX_VALUE ? "infinity" : micros == Long.MIN_VALUE ? "-infinity"
                        : timestamp(micros).atOffset(ZoneOffset.UTC);
            };
            case "bytea" -> (b, at, n) -> java.util.Arrays.copyOfRange(b, at, at + n);
            case "uuid" -> (b, at, n) -> new UUID(int64(b, at), int64(b, at + 8));
            default -> (b, at, n) -> new String(b, at, n, StandardCharsets.UTF_8); // the text types
        };
    }

    private static LocalDateTime timestamp(long micros) {
        return EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L)).plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** numeric_send: ndigits, weight, sign, dscale, then ndigits base-10000 digits, the first at 10000^weight. */
    private static Object numeric(byte[] b, int at, int length) {
        int ndigits = int16(b, at);
        int weight = (short) int16(b, at + 2);
        int sign = int16(b, at + 4);
        int dscale = int16(b, at + 6);
        switch (sign) {
            case 0xC000: return Double.NaN;
            case 0xD000: return Double.POSITIVE_INFINITY;
            case 0xF000: return Double.NEGATIVE_INFINITY;
            default: break;
        }
        BigDecimal value;
        if (ndigits <= 4) {
            long unscaled = 0;
            for (int i = 0; i < ndigits; i++) {
                unscaled = unscaled * 10_000 + int16(b, at + 8 + 2 * i);
            }
            value = BigDecimal.valueOf(unscaled);
        } else {
            BigInteger unscaled = BigInteger.ZERO;
            for (int i = 0; i < ndigits; i++) {
                unscaled = unscaled.multiply(NBASE).add(BigInteger.valueOf(int16(b, at + 8 + 2 * i)));
            }
            value = new BigDecimal(unscaled);
        }
        // The last digit stands for 10000^(weight - ndigits + 1); dscale drops only zeros (the text's digits).
        value = value.scaleByPowerOfTen(4 * (weight - ndigits + 1)).setScale(dscale);
        return sign == 0x4000 ? value.negate() : value;
    }

    /** Unsigned; cast to short where the field is signed. */
    private static int int16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static long int64(byte[] b, int at) {
        return (long) int32(b, at) << 32 | (int32(b, at + 4) & 0xffffffffL);
    }
}
