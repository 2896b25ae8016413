package dev.rowstream.parquet;

import dev.rowstream.Columns;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.format.PlainText;
import dev.rowstream.parquet.ParquetColumn.NotWritable;
import dev.rowstream.parquet.ParquetColumn.ValueWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types.PrimitiveBuilder;

/**
 * The Parquet schema of a result, from its columns' types exactly: integers by width (unsigned ones as
 * Parquet's unsigned integers), DECIMAL(p,s) as decimals of the same precision and scale, DATE, TIME and
 * timestamps with and without time zone (isAdjustedToUTC true/false, microseconds; nanoseconds for a column
 * with more than 6 fractional digits), booleans, float and double, strings and JSON (UTF-8), binary, and UUID
 * (16 bytes with the UUID logical type). Every field is optional: NULL is a missing value.
 *
 * <p>A column with no faithful Parquet type (intervals, network addresses, arrays, bit strings, PostgreSQL's
 * unconstrained {@code numeric}, a decimal wider than 38 digits, which Parquet's readers cannot read as
 * decimals) is refused, naming the column and its type, unless {@code strings=true} asks to write such columns
 * as their text, the text CSV writes.
 */
final class ParquetSchema {
    /** The widest decimal that Parquet's readers (Spark, DuckDB, Arrow's Decimal128) read as a decimal. */
    static final int MAX_DECIMAL_DIGITS = 38;

    private ParquetSchema() {
    }

    /** The field of each column, in order; throws {@link InvalidSpecException} for a column with no faithful type. */
    static List<ParquetColumn> of(Columns columns, boolean strings) {
        List<ParquetColumn> fields = new ArrayList<>(columns.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.label(i);
            Integer before = seen.putIfAbsent(name, i);
            if (before != null) {
                throw new InvalidSpecException("columns " + (before + 1) + " and " + (i + 1) + " are both named " + name
                        + ", and a Parquet file needs distinct names: give one an alias in the query (AS ...)");
            }
            ParquetColumn field = field(columns, i);
            if (field == null) {
                if (!strings) {
                    throw new InvalidSpecException("column " + name + " has type " + typeName(columns, i)
                            + ", which Parquet has no faithful type for: cast it in the query (for example to text,"
                            + " or a numeric with a precision and scale), leave it out, or pass the format option"
                            + " strings=true to write such columns as their text");
                }
                field = new ParquetColumn(name, typeName(columns, i), text(name).named(name),
                        (out, v) -> out.addBinary(Binary.fromString(PlainText.of(v))), true);
            }
            fields.add(field);
        }
        return fields;
    }

    static MessageType message(List<ParquetColumn> fields) {
        List<org.apache.parquet.schema.Type> types = new ArrayList<>(fields.size());
        for (ParquetColumn f : fields) {
            types.add(f.type());
        }
        return new MessageType("row", types);
    }

    private static String typeName(Columns columns, int i) {
        String name = columns.typeName(i);
        return name == null || name.isBlank() ? "(none, JDBC type " + columns.jdbcType(i) + ")" : name;
    }

    /** The column's field, or null when Parquet has no faithful type for it. */
    private static ParquetColumn field(Columns columns, int i) {
        String name = columns.label(i);
        String source = typeName(columns, i);
        String type = String.valueOf(columns.typeName(i)).toLowerCase(Locale.ROOT).trim();
        int precision = columns.precision(i);
        int scale = columns.scale(i);
        if (type.endsWith(" unsigned")) {
            int bits = unsignedBits(type.substring(0, type.length() - " unsigned".length()).trim());
            if (bits > 0) {
                return integer(name, source, bits, false);
            }
        }
        switch (type) {
            case "uuid":
                return new ParquetColumn(name, source, optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16)
                        .as(LogicalTypeAnnotation.uuidType()).named(name), ParquetSchema::uuid, false);
            case "json", "jsonb":
                return new ParquetColumn(name, source, optional(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.jsonType()).named(name), ParquetSchema::string, false);
            case "year": // MariaDB's YEAR, read as its number
                return integer(name, source, 16, true);
            case "money", "decfloat": // a locale's scale, a per-value scale: no one decimal type holds them
                return null;
            case "timetz", "time with time zone":
                return time(name, source, true, scale);
            case "timestamptz", "timestamp with time zone":
                return timestamp(name, source, true, scale);
            default:
                break;
        }
        switch (columns.jdbcType(i)) {
            case Types.BIT:
            case Types.BOOLEAN:
                // BIT(n) for n > 1 is a string of bits, read as its 0/1 text.
                return precision > 1 ? null : new ParquetColumn(name, source,
                        optional(PrimitiveTypeName.BOOLEAN).named(name), ParquetSchema::bool, false);
            case Types.TINYINT:
                return integer(name, source, 8, true);
            case Types.SMALLINT:
                return integer(name, source, 16, true);
            case Types.INTEGER:
                return integer(name, source, 32, true);
            case Types.BIGINT:
                return integer(name, source, 64, true);
            case Types.DECIMAL:
            case Types.NUMERIC:
                return decimal(name, source, precision, scale);
            case Types.REAL:
                return new ParquetColumn(name, source, optional(PrimitiveTypeName.FLOAT).named(name),
                        ParquetSchema::float32, false);
            case Types.FLOAT:
            case Types.DOUBLE:
                return new ParquetColumn(name, source, optional(PrimitiveTypeName.DOUBLE).named(name),
                        ParquetSchema::float64, false);
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return new ParquetColumn(name, source, text(name).named(name), ParquetSchema::string, false);
            case Types.DATE:
                return new ParquetColumn(name, source, optional(PrimitiveTypeName.INT32)
                        .as(LogicalTypeAnnotation.dateType()).named(name), ParquetSchema::date, false);
            case Types.TIME:
                return time(name, source, false, scale);
            case Types.TIME_WITH_TIMEZONE:
                return time(name, source, true, scale);
            case Types.TIMESTAMP:
                return timestamp(name, source, false, scale);
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return timestamp(name, source, true, scale);
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return new ParquetColumn(name, source, optional(PrimitiveTypeName.BINARY).named(name),
                        ParquetSchema::binary, false);
            default:
                return null;
        }
    }

    private static int unsignedBits(String base) {
        return switch (base) {
            case "tinyint" -> 8;
            case "smallint" -> 16;
            case "mediumint", "int", "integer" -> 32;
            case "bigint" -> 64;
            default -> 0;
        };
    }

    private static PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> optional(PrimitiveTypeName type) {
        return org.apache.parquet.schema.Types.primitive(type, Repetition.OPTIONAL);
    }

    private static PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> text(String name) {
        return optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType());
    }

    // ---- the types ---------------------------------------------------------------------------

    private static ParquetColumn integer(String name, String source, int bits, boolean signed) {
        PrimitiveTypeName physical = bits == 64 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.INT32;
        long min;
        long max;
        if (signed) {
            min = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
            max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        } else {
            min = 0;
            max = bits == 64 ? -1 : (1L << bits) - 1; // 64 bits: checked on the BigInteger below
        }
        String range = bits == 64 && !signed ? "0 to 18446744073709551615" : min + " to " + max;
        ValueWriter writer = (out, v) -> {
            if (bits == 64 && !signed) {
                BigInteger big = wholeNumber(v);
                if (big.signum() < 0 || big.bitLength() > 64) {
                    throw new NotWritable("the value " + v + " is out of the range of an unsigned 64-bit integer ("
                            + range + ")");
                }
                out.addLong(big.longValue()); // the same 64 bits, read back as unsigned
                return;
            }
            long n = longValue(v, range);
            if (n < min || n > max) {
                throw new NotWritable("the value " + v + " is out of the column's range (" + range + ")");
            }
            if (physical == PrimitiveTypeName.INT64) {
                out.addLong(n);
            } else {
                out.addInteger((int) n); // unsigned 32-bit values keep their bits
            }
        };
        return new ParquetColumn(name, source, optional(physical).as(LogicalTypeAnnotation.intType(bits, signed))
                .named(name), writer, false);
    }

    private static ParquetColumn decimal(String name, String source, int precision, int scale) {
        if (precision < 1 || precision > MAX_DECIMAL_DIGITS || scale < 0 || scale > precision) {
            return null;
        }
        PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> b;
        int bytes = 0;
        if (precision <= 9) {
            b = optional(PrimitiveTypeName.INT32);
        } else if (precision <= 18) {
            b = optional(PrimitiveTypeName.INT64);
        } else {
            bytes = decimalBytes(precision);
            b = optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(bytes);
        }
        int width = bytes;
        ValueWriter writer = (out, v) -> {
            BigInteger unscaled = unscaled(v, precision, scale);
            if (precision <= 9) {
                out.addInteger(unscaled.intValue());
            } else if (precision <= 18) {
                out.addLong(unscaled.longValue());
            } else {
                out.addBinary(Binary.fromConstantByteArray(twosComplement(unscaled, width)));
            }
        };
        return new ParquetColumn(name, source, b.as(LogicalTypeAnnotation.decimalType(scale, precision)).named(name),
                writer, false);
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits. */
    static int decimalBytes(int precision) {
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        return (max.bitLength() + 1 + 7) / 8; // + the sign bit
    }

    private static BigInteger unscaled(Object v, int precision, int scale) {
        BigDecimal d;
        if (v instanceof BigDecimal) {
            d = (BigDecimal) v;
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            d = new BigDecimal(wholeNumber(v));
        } else {
            throw new NotWritable(describe(v) + " is not a decimal number");
        }
        BigDecimal exact;
        try {
            exact = d.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new NotWritable("the value " + d.toPlainString() + " has more than the column's " + scale
                    + " digits after the point");
        }
        if (exact.precision() > precision && exact.signum() != 0) {
            throw new NotWritable("the value " + d.toPlainString() + " has more than the column's " + precision
                    + " digits");
        }
        return exact.unscaledValue();
    }

    private static byte[] twosComplement(BigInteger n, int width) {
        byte[] minimal = n.toByteArray();
        byte[] out = new byte[width];
        byte fill = n.signum() < 0 ? (byte) 0xff : 0;
        int pad = width - minimal.length;
        for (int i = 0; i < pad; i++) {
            out[i] = fill;
        }
        System.arraycopy(minimal, 0, out, pad, minimal.length);
        return out;
    }

    private static ParquetColumn time(String name, String source, boolean utc, int scale) {
        TimeUnit unit = scale > 6 ? TimeUnit.NANOS : TimeUnit.MICROS;
        ValueWriter writer = (out, v) -> {
            LocalTime t;
            if (v instanceof LocalTime) {
                t = (LocalTime) v;
            } else if (v instanceof OffsetTime && utc) {
                t = ((OffsetTime) v).withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
            } else {
                throw new NotWritable(describe(v) + " is not a time of day " + (utc ? "with" : "without")
                        + " a time zone from 00:00 to 23:59:59.999999");
            }
            long nanos = t.toNanoOfDay();
            out.addLong(sinceStart(nanos / 1_000_000_000L, (int) (nanos % 1_000_000_000L), unit));
        };
        return new ParquetColumn(name, source, optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timeType(utc, unit)).named(name), writer, false);
    }

    private static ParquetColumn timestamp(String name, String source, boolean utc, int scale) {
        TimeUnit unit = scale > 6 ? TimeUnit.NANOS : TimeUnit.MICROS;
        ValueWriter writer = (out, v) -> {
            long seconds;
            int nanos;
            if (v instanceof LocalDateTime && !utc) {
                LocalDateTime t = (LocalDateTime) v;
                seconds = t.toEpochSecond(ZoneOffset.UTC); // the local fields as they are, never a zone's
                nanos = t.getNano();
            } else if (v instanceof OffsetDateTime && utc) {
                seconds = ((OffsetDateTime) v).toEpochSecond();
                nanos = ((OffsetDateTime) v).getNano();
            } else if (v instanceof ZonedDateTime && utc) {
                seconds = ((ZonedDateTime) v).toEpochSecond();
                nanos = ((ZonedDateTime) v).getNano();
            } else if (v instanceof Instant && utc) {
                seconds = ((Instant) v).getEpochSecond();
                nanos = ((Instant) v).getNano();
            } else {
                throw new NotWritable(describe(v) + " is not a timestamp " + (utc ? "with" : "without") + " a time zone");
            }
            out.addLong(sinceStart(seconds, nanos, unit));
        };
        return new ParquetColumn(name, source, optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(utc, unit)).named(name), writer, false);
    }

    /** {@code seconds} and {@code nanos} in {@code unit}s; a finer fraction, or a count past 64 bits, is refused. */
    private static long sinceStart(long seconds, int nanos, TimeUnit unit) {
        if (unit == TimeUnit.MICROS && nanos % 1000 != 0) {
            throw new NotWritable("the value has a fraction finer than microseconds");
        }
        try {
            return unit == TimeUnit.NANOS ? Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos)
                    : Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1000);
        } catch (ArithmeticException e) {
            throw new NotWritable("the value is out of the range of a 64-bit count of "
                    + unit.name().toLowerCase(Locale.ROOT));
        }
    }

    // ---- values ------------------------------------------------------------------------------

    private static void bool(org.apache.parquet.io.api.RecordConsumer out, Object v) {
        if (v instanceof Boolean) {
            out.addBoolean((Boolean) v);
            return;
        }
        // SQLite keeps a boolean as the integer 0 or 1; any other number is not a boolean.
        if (v instanceof Number && isWhole(v) && (((Number) v).longValue() == 0 || ((Number) v).longValue() == 1)) {
            out.addBoolean(((Number) v).longValue() == 1);
            return;
        }
        throw new NotWritable(describe(v) + " is not a boolean (true/false, or 0/1)");
    }

    private static void float32(org.apache.parquet.io.api.RecordConsumer out, Object v) {
        if (v instanceof Float) {
            out.addFloat((Float) v);
            return;
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if ((double) (float) d == d && (!isWhole(v) || (long) d == ((Number) v).longValue())) {
                out.addFloat((float) d);
                return;
            }
        }
        throw new NotWritable(describe(v) + " is not a 32-bit float");
    }

    private static void float64(org.apache.parquet.io.api.RecordConsumer out, Object v) {
        if (v instanceof Double || v instanceof Float) {
            out.addDouble(((Number) v).doubleValue());
            return;
        }
        if (isWhole(v)) {
            BigInteger n = wholeNumber(v);
            double d = n.doubleValue();
            if (Double.isFinite(d) && new BigDecimal(d).toBigIntegerExact().equals(n)) {
                out.addDouble(d);
                return;
            }
        }
        throw new NotWritable(describe(v) + " is not a double, or not one exactly");
    }

    private static void string(org.apache.parquet.io.api.RecordConsumer out, Object v) {
        if (!(v instanceof String)) {
            throw new NotWritable(describe(v) + " is not text");
        }
        out.addBinary(Binary.fromString((String) v));
    }

    private static void binary(org.apache.parquet.io.api.RecordConsumer out, Object v) {
        if (!(v instanceof byte[])) {
            throw new NotWritable(describe(v) + " is not bytes");
        }
        out.addBinary(Binary.fromConstantByteArray((byte[]) v)); // a Row's array is its own: never changed
    }

    private static void date(org.apache.parquet.io.api.RecordConsumer out, Object v) {
        if (!(v instanceof LocalDate)) {
            throw new NotWritable(describe(v) + " is not a date");
        }
        long days = ((LocalDate) v).toEpochDay();
        if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
            throw new NotWritable("the date " + v + " is out of the range of a 32-bit count of days");
        }
        out.addInteger((int) days);
    }

    private static void uuid(org.apache.parquet.io.api.RecordConsumer out, Object v) {
        if (!(v instanceof UUID)) {
            throw new NotWritable(describe(v) + " is not a UUID");
        }
        UUID u = (UUID) v;
        byte[] b = new byte[16];
        long hi = u.getMostSignificantBits();
        long lo = u.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        out.addBinary(Binary.fromConstantByteArray(b));
    }

    private static boolean isWhole(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger;
    }

    private static BigInteger wholeNumber(Object v) {
        if (v instanceof BigInteger) {
            return (BigInteger) v;
        }
        if (isWhole(v)) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        throw new NotWritable(describe(v) + " is not a whole number");
    }

    private static long longValue(Object v, String range) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        BigInteger n = wholeNumber(v);
        if (n.bitLength() > 63) {
            throw new NotWritable("the value " + v + " is out of the column's range (" + range + ")");
        }
        return n.longValue();
    }

    /** A value for a message: its type and, when short, its text. */
    static String describe(Object v) {
        String text = v instanceof byte[] ? ((byte[]) v).length + " bytes" : String.valueOf(v);
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return "the " + v.getClass().getSimpleName() + " value '" + text + "'";
    }
}
