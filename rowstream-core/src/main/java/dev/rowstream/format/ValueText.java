package dev.rowstream.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.UUID;

/**
 * The one rule for how a value reads as text, shared by every format so CSV and JSON agree.
 *
 * <p>Numbers print exactly and never with an exponent ({@code -0.0} keeps its sign; NaN and the
 * infinities are {@code NaN}, {@code Infinity}, {@code -Infinity}); temporals print ISO-style with seconds
 * always and a fraction only when non-zero; timestamps with a zone are normalised to UTC ({@code Z}), a
 * time with an offset keeps its offset; bytes are base64; values that came as the database's text (see
 * {@link dev.rowstream.Row}) are that text; anything unknown is {@link String#valueOf}.
 */
final class ValueText {
    private ValueText() {}

    /** The text of a non-null value. */
    static String of(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof Long || value instanceof Integer) {
            return value.toString(); // common: skip the type checks below
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof Double) {
            double d = (Double) value;
            return floating(d, Double.toString(d));
        }
        if (value instanceof Float) {
            // Float's own shortest text, so 0.1f reads 0.1 and not 0.10000000149011612.
            float f = (Float) value;
            return floating(f, Float.toString(f));
        }
        if (value instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) value);
        }
        String time = temporal(value);
        // Short, Byte, BigInteger, Boolean and UUID (lower case) already print as we want.
        return time != null ? time : String.valueOf(value);
    }

    /** True when JSON should carry the value as a number: the numeric types, when finite. */
    static boolean isJsonNumber(Object value) {
        if (value instanceof Double) {
            return Double.isFinite((Double) value);
        }
        if (value instanceof Float) {
            return Float.isFinite((Float) value);
        }
        return value instanceof Integer || value instanceof Long || value instanceof BigDecimal
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger;
    }

    /** {@code shortest} is Java's shortest round-trip text of {@code d}. */
    private static String floating(double d, String shortest) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        // Java switches to an exponent outside [1e-3, 1e7); BigDecimal prints that plainly. Zero is
        // already plain, and keeps its sign: -0.0 (PostgreSQL's -0) is a value of its own.
        if (d == 0 || shortest.indexOf('E') < 0) {
            return shortest;
        }
        return new BigDecimal(shortest).toPlainString();
    }

    /** The text of a date or time, or null when the value is neither. */
    private static String temporal(Object value) {
        if (value instanceof LocalDateTime) {
            return dateTime((LocalDateTime) value, "");
        }
        if (value instanceof OffsetDateTime) {
            return utc((OffsetDateTime) value);
        }
        if (value instanceof LocalDate) {
            return date(new StringBuilder(10), (LocalDate) value).toString();
        }
        if (value instanceof LocalTime) {
            return time(new StringBuilder(18), (LocalTime) value).toString();
        }
        if (value instanceof OffsetTime) {
            // Its own offset: a time of day has no instant to normalise to UTC.
            OffsetTime t = (OffsetTime) value;
            return time(new StringBuilder(24), t.toLocalTime()).append(t.getOffset().getId()).toString();
        }
        if (value instanceof Instant) {
            return dateTime(LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC), "Z");
        }
        if (value instanceof ZonedDateTime) {
            return utc(((ZonedDateTime) value).toOffsetDateTime());
        }
        return legacySql(value);
    }

    /** java.sql types, should a driver hand them over: read as the local values they stand for. */
    private static String legacySql(Object value) {
        if (value instanceof java.sql.Timestamp) {
            return dateTime(((java.sql.Timestamp) value).toLocalDateTime(), "");
        }
        if (value instanceof java.sql.Date) {
            return date(new StringBuilder(10), ((java.sql.Date) value).toLocalDate()).toString();
        }
        if (value instanceof java.sql.Time) {
            return time(new StringBuilder(8), ((java.sql.Time) value).toLocalTime()).toString();
        }
        return null;
    }

    private static String utc(OffsetDateTime value) {
        try {
            return dateTime(value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), "Z");
        } catch (DateTimeException e) {
            // Only at the ends of the range, e.g. OffsetDateTime.MAX, which pgjdbc returns for
            // 'infinity': its UTC instant is past LocalDateTime.MAX, so keep its own offset.
            return dateTime(value.toLocalDateTime(), value.getOffset().getId());
        }
    }

    private static String dateTime(LocalDateTime value, String zone) {
        StringBuilder text = new StringBuilder(40);
        date(text, value.toLocalDate()).append('T');
        return time(text, value.toLocalTime()).append(zone).toString();
    }

    private static StringBuilder date(StringBuilder text, LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return text.append(date); // ISO needs a sign outside 0000-9999: LocalDate adds it
        }
        digits(text, year, 4).append('-');
        digits(text, date.getMonthValue(), 2).append('-');
        return digits(text, date.getDayOfMonth(), 2);
    }

    /** {@code HH:mm:ss}, then the fraction with the fewest digits, only when non-zero. */
    private static StringBuilder time(StringBuilder text, LocalTime time) {
        digits(text, time.getHour(), 2).append(':');
        digits(text, time.getMinute(), 2).append(':');
        digits(text, time.getSecond(), 2);
        int nano = time.getNano();
        if (nano == 0) {
            return text;
        }
        int width = 9;
        while (nano % 10 == 0) {
            nano /= 10;
            width--;
        }
        return digits(text.append('.'), nano, width);
    }

    /** Appends a non-negative {@code value} left-padded with zeros to {@code width} digits. */
    private static StringBuilder digits(StringBuilder text, int value, int width) {
        for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
            if (value < limit) {
                text.append('0');
            }
        }
        return text.append(value);
    }
}
