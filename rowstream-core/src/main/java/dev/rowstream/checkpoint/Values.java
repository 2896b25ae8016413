package dev.rowstream.checkpoint;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Key values as tagged text, exact both ways: the tag keeps the Java type (so the value binds as it was
 * read), the text keeps every digit (a decimal's scale, a timestamp's nanoseconds, a double's bits).
 */
final class Values {
    private Values() {
    }

    /** The tag of a value's type; throws for a type a checkpoint cannot hold. */
    static String type(Object v, String column) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Long) {
            return "long";
        }
        if (v instanceof Integer) {
            return "int";
        }
        if (v instanceof Short) {
            return "short";
        }
        if (v instanceof Byte) {
            return "byte";
        }
        if (v instanceof BigInteger) {
            return "bigint";
        }
        if (v instanceof BigDecimal) {
            return "decimal";
        }
        if (v instanceof Double) {
            return "double";
        }
        if (v instanceof Float) {
            return "float";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof LocalDate) {
            return "date";
        }
        if (v instanceof LocalTime) {
            return "time";
        }
        if (v instanceof LocalDateTime) {
            return "timestamp";
        }
        if (v instanceof OffsetDateTime) {
            return "timestamptz";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof UUID) {
            return "uuid";
        }
        throw new CheckpointException("key column " + column + " holds a " + v.getClass().getName()
                + ", which a checkpoint cannot store exactly: use a key of integer, decimal, text, date/time,"
                + " binary, UUID or boolean columns");
    }

    /** The exact text of a non-null value. */
    static String text(Object v) {
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toString(); // unscaled value and scale, exactly (may use an exponent)
        }
        return v.toString(); // ISO-8601 for java.time, shortest round-trip text for doubles
    }

    /** The value of a tag and its text; throws {@link CheckpointException} naming what is wrong. */
    static Object parse(String type, String text, String column) {
        if ("null".equals(type)) {
            return null;
        }
        if (text == null) {
            throw new CheckpointException("key column " + column + " has type " + type + " but no value");
        }
        try {
            return switch (type) {
                case "long" -> Long.valueOf(text);
                case "int" -> Integer.valueOf(text);
                case "short" -> Short.valueOf(text);
                case "byte" -> Byte.valueOf(text);
                case "bigint" -> new BigInteger(text);
                case "decimal" -> new BigDecimal(text);
                case "double" -> Double.valueOf(text);
                case "float" -> Float.valueOf(text);
                case "string" -> text;
                case "boolean" -> parseBoolean(text);
                case "date" -> LocalDate.parse(text);
                case "time" -> LocalTime.parse(text);
                case "timestamp" -> LocalDateTime.parse(text);
                case "timestamptz" -> OffsetDateTime.parse(text);
                case "bytes" -> Base64.getDecoder().decode(text);
                case "uuid" -> UUID.fromString(text);
                default -> throw new CheckpointException("key column " + column + " has the unknown type '" + type
                        + "': the checkpoint was made by a newer rowstream, or edited");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new CheckpointException("key column " + column + ": '" + text + "' is not a valid " + type, e);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("key column " + column + ": '" + text + "' is not a valid " + type, e);
        }
    }

    private static Boolean parseBoolean(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException("not true or false");
    }

    /** A value for a message: text quoted, long values cut. */
    static String show(Object v) {
        if (v == null) {
            return "NULL";
        }
        String text = text(v);
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return v instanceof String || v instanceof byte[] ? "'" + text + "'" : text;
    }
}
