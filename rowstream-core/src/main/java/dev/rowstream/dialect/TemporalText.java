package dev.rowstream.dialect;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * Dates and times from the database's own text, as fields: no time zone is involved, so the JVM's default
 * zone cannot move them. Each parser returns null for a text that the Java type cannot hold (a zero date,
 * a time beyond one day), which the reader then keeps as the database's text.
 */
final class TemporalText {
    private TemporalText() {
    }

    /** {@code yyyy-MM-dd}, or null (month or day 0, an invalid date, another shape). */
    static LocalDate date(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        try {
            return LocalDate.of(number(s, 0, 4), number(s, 5, 7), number(s, 8, 10));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.fffffffff]} (or with {@code T}), or null. */
    static LocalDateTime dateTime(String s) {
        if (s.length() < 19 || s.charAt(10) != ' ' && s.charAt(10) != 'T') {
            return null;
        }
        LocalDate date = date(s.substring(0, 10));
        LocalTime time = date == null ? null : time(s.substring(11));
        return time == null ? null : LocalDateTime.of(date, time);
    }

    /** {@code HH:mm:ss[.fffffffff]} within one day (00:00:00 to 23:59:59.999999999), or null. */
    static LocalTime time(String s) {
        if (s.length() < 8 || s.charAt(2) != ':' || s.charAt(5) != ':' || s.length() > 8 && s.charAt(8) != '.') {
            return null;
        }
        try {
            int nanos = 0;
            if (s.length() > 9) {
                String fraction = s.substring(9);
                if (fraction.length() > 9) {
                    return null;
                }
                nanos = number(fraction + "000000000".substring(fraction.length()), 0, 9);
            }
            return LocalTime.of(number(s, 0, 2), number(s, 3, 5), number(s, 6, 8), nanos);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** {@code HH:mm:ss[.f]±hh[:mm[:ss]]}, PostgreSQL's text of a timetz, or null. */
    static OffsetTime offsetTime(String s) {
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (sign < 8) {
            return null;
        }
        LocalTime time = time(s.substring(0, sign));
        try {
            return time == null ? null : OffsetTime.of(time, ZoneOffset.of(s.substring(sign)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int number(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new NumberFormatException(s);
            }
        }
        return Integer.parseInt(s, from, to, 10);
    }
}
