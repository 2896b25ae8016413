package dev.rowstream.copy;

import dev.rowstream.dialect.ColumnType;
import dev.rowstream.dialect.CopyTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns a value as the source's reader made it into the Java type of the target column's kind, exactly or
 * not at all: a conversion that would change the value (a fraction into an integer, digits past a
 * decimal's scale, NaN where the target has none) throws {@link IllegalArgumentException} saying why.
 * The only conventions: a timestamp with time zone written to a column without one is its UTC time, and
 * one without a zone written to a column with one is taken as UTC (the same rule both ways, so a round
 * trip keeps the instant).
 *
 * <p>Values that the readers give as the database's text because Java's type cannot hold them (PostgreSQL
 * {@code infinity}, {@code time '24:00:00'}, MariaDB zero dates and TIMEs beyond a day) go on as that text
 * where the target holds them ({@link CopyTypes#holdsInfinities}, {@link CopyTypes#holdsTime}), and stop
 * the copy elsewhere.
 */
final class Coerce {
    private Coerce() {
    }

    static Object to(ColumnType t, CopyTypes target, Object v) {
        if (v == null) {
            return null;
        }
        return switch (t.kind()) {
            case BOOLEAN -> bool(v);
            case SMALLINT, INTEGER, BIGINT -> integer(v);
            case DECIMAL -> (v instanceof Double d && !Double.isFinite(d) && target.holdsInfinities()) ? v : decimal(t, v);
            case REAL -> real(target, v);
            case DOUBLE -> dbl(target, v);
            case CHAR, VARCHAR, TEXT, JSON -> text(v);
            case DATE -> special(target, v) ? v : date(target, v);
            case TIME -> v instanceof String s && target.holdsTime(s.trim()) ? s.trim() : time(v);
            case TIMETZ -> timetz(target, t, v);
            case TIMESTAMP -> special(target, v) ? v : timestamp(target, v);
            case TIMESTAMPTZ -> special(target, v) ? v : timestamptz(target, v);
            case BINARY, VARBINARY, BLOB -> bytes(v);
            case UUID -> uuid(v);
        };
    }

    private static Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n && (n.longValue() == 0 || n.longValue() == 1) && n.doubleValue() == n.longValue()) {
            return n.longValue() == 1;
        }
        if (v instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "t", "1":
                    return true;
                case "false", "f", "0":
                    return false;
                default:
                    break;
            }
        }
        throw cannot(v, "a boolean");
    }

    private static Long integer(Object v) {
        try {
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            }
            if (v instanceof BigDecimal d) {
                return d.longValueExact();
            }
            if (v instanceof BigInteger b) {
                return b.longValueExact();
            }
            if (v instanceof Double || v instanceof Float) {
                return new BigDecimal(v.toString()).longValueExact();
            }
            if (v instanceof Boolean b) {
                return b ? 1L : 0L;
            }
            if (v instanceof String s) {
                return Long.parseLong(s.trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw cannot(v, "an integer");
        }
        throw cannot(v, "an integer");
    }

    private static BigDecimal decimal(ColumnType t, Object v) {
        BigDecimal d;
        try {
            if (v instanceof BigDecimal b) {
                d = b;
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                d = BigDecimal.valueOf(((Number) v).longValue());
            } else if (v instanceof BigInteger b) {
                d = new BigDecimal(b);
            } else if (v instanceof Double || v instanceof Float) {
                double x = ((Number) v).doubleValue();
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException(v + " is not a number a DECIMAL column holds");
                }
                d = new BigDecimal(v.toString()); // the shortest text that reads back as the same double
            } else if (v instanceof String s) {
                d = new BigDecimal(s.trim());
            } else {
                throw cannot(v, "a decimal");
            }
        } catch (NumberFormatException e) {
            throw cannot(v, "a decimal");
        }
        if (t.precision() > 0 && d.scale() > t.scale() && d.stripTrailingZeros().scale() > t.scale()) {
            throw new IllegalArgumentException(d.toPlainString() + " has more digits after the point than the column's "
                    + t.scale());
        }
        return d;
    }

    private static Float real(CopyTypes target, Object v) {
        float f;
        if (v instanceof Float x) {
            f = x;
        } else if (v instanceof Double d) {
            f = (float) (double) d;
            if (!Double.isNaN(d) && (double) f != d) {
                throw cannot(v, "a single-precision float");
            }
        } else if (v instanceof Number n) {
            f = n.floatValue();
            if (!Float.isFinite(f) || new BigDecimal(n.toString()).compareTo(new BigDecimal(f)) != 0) {
                throw cannot(v, "a single-precision float");
            }
        } else if (v instanceof String s) {
            try {
                f = Float.parseFloat(s.trim());
            } catch (NumberFormatException e) {
                throw cannot(v, "a single-precision float");
            }
        } else {
            throw cannot(v, "a single-precision float");
        }
        finite(target, f);
        return f;
    }

    private static Double dbl(CopyTypes target, Object v) {
        double d;
        if (v instanceof Double x) {
            d = x;
        } else if (v instanceof Float x) {
            d = x; // every float is a double exactly
        } else if (v instanceof Number n && new BigDecimal(n.toString()).compareTo(new BigDecimal(n.doubleValue())) == 0) {
            d = n.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw cannot(v, "a double");
            }
        } else {
            throw cannot(v, "a double");
        }
        finite(target, d);
        return d;
    }

    private static void finite(CopyTypes target, double d) {
        if (Double.isNaN(d) && !target.holdsNaN()) {
            throw new IllegalArgumentException("NaN cannot be stored in " + target.database()
                    + ", whose floating-point columns have no NaN");
        }
        if (Double.isInfinite(d) && !target.holdsInfinity()) {
            throw new IllegalArgumentException(d + " cannot be stored in " + target.database()
                    + ", whose floating-point columns have no infinities");
        }
    }

    /** PostgreSQL's {@code infinity} or {@code -infinity}, for a target that holds them. */
    private static boolean special(CopyTypes target, Object v) {
        return target.holdsInfinities() && v instanceof String s && (s.equals("infinity") || s.equals("-infinity"));
    }

    private static Object timetz(CopyTypes target, ColumnType t, Object v) {
        java.time.OffsetTime o;
        if (v instanceof java.time.OffsetTime x) {
            o = x;
        } else if (v instanceof String s) {
            try {
                o = java.time.OffsetTime.parse(s.trim());
            } catch (DateTimeParseException e) {
                throw cannot(v, "a time with time zone");
            }
        } else {
            throw cannot(v, "a time with time zone");
        }
        return target.holdsTimeWithZone() ? o : canonicalText(o, t.precision());
    }

    private static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof java.time.OffsetTime o) {
            return canonicalText(o, 6);
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8); // H2's JSON arrives as its UTF-8 bytes
        }
        if (v instanceof java.sql.Clob c) {
            try {
                return c.getSubString(1, (int) c.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalArgumentException("reading a CLOB failed: " + e.getMessage(), e);
            }
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof UUID) {
            return v.toString();
        }
        throw cannot(v, "text");
    }

    private static LocalDate date(CopyTypes target, Object v) {
        LocalDate d;
        if (v instanceof LocalDate x) {
            d = x;
        } else if (v instanceof String s) {
            try {
                d = LocalDate.parse(s.trim());
            } catch (DateTimeParseException e) {
                throw cannot(v, "a date");
            }
        } else {
            throw cannot(v, "a date");
        }
        year(target, d.getYear(), d);
        return d;
    }

    private static LocalTime time(Object v) {
        if (v instanceof LocalTime t) {
            return t;
        }
        if (v instanceof String s) {
            try {
                return LocalTime.parse(s.trim());
            } catch (DateTimeParseException e) {
                throw cannot(v, "a time");
            }
        }
        throw cannot(v, "a time");
    }

    private static LocalDateTime timestamp(CopyTypes target, Object v) {
        LocalDateTime t;
        if (v instanceof LocalDateTime x) {
            t = x;
        } else if (v instanceof OffsetDateTime o) {
            t = o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } else if (v instanceof String s) {
            t = parseLocal(s);
        } else {
            throw cannot(v, "a timestamp");
        }
        year(target, t.getYear(), t);
        return t;
    }

    private static Object timestamptz(CopyTypes target, Object v) {
        OffsetDateTime t;
        if (v instanceof OffsetDateTime o) {
            t = o;
        } else if (v instanceof LocalDateTime l) {
            t = l.atOffset(ZoneOffset.UTC);
        } else if (v instanceof String s) {
            String text = s.trim().replace(' ', 'T');
            try {
                t = OffsetDateTime.parse(text.endsWith("+00") ? text + ":00" : text);
            } catch (DateTimeParseException e) {
                t = parseLocal(s).atOffset(ZoneOffset.UTC);
            }
        } else {
            throw cannot(v, "a timestamp with time zone");
        }
        if (target.zonesAsUtc()) {
            LocalDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            year(target, utc.getYear(), t);
            return utc;
        }
        return t;
    }

    private static LocalDateTime parseLocal(String s) {
        try {
            return LocalDateTime.parse(s.trim().replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw cannot(s, "a timestamp");
        }
    }

    private static void year(CopyTypes target, int year, Object v) {
        if (year < target.minYear() || year > target.maxYear()) {
            throw new IllegalArgumentException(v + " is outside the dates " + target.database() + " holds ("
                    + target.yearRange() + ")");
        }
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof java.sql.Blob b) {
            try {
                return b.getBytes(1, (int) b.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalArgumentException("reading a BLOB failed: " + e.getMessage(), e);
            }
        }
        throw cannot(v, "binary");
    }

    private static UUID uuid(Object v) {
        if (v instanceof UUID u) {
            return u;
        }
        if (v instanceof String s) {
            try {
                return UUID.fromString(s.trim());
            } catch (IllegalArgumentException e) {
                throw cannot(v, "a UUID");
            }
        }
        if (v instanceof byte[] b && b.length == 16) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        throw cannot(v, "a UUID");
    }

    private static IllegalArgumentException cannot(Object v, String what) {
        String shown = String.valueOf(v);
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new IllegalArgumentException("the " + v.getClass().getSimpleName() + " '" + shown + "' is not " + what);
    }

    /**
     * The canonical text of a date or time for a database that stores them as text (SQLite): ISO-8601 with
     * seconds always and exactly {@code digits} fraction digits (0: none), a timestamp with time zone in UTC
     * with {@code Z}. One fixed width per column, so that text order is time order (years 0000 to 9999; a
     * value with more fraction digits than {@code digits} is refused: it would be cut).
     */
    static String canonicalText(Object v, int digits) {
        StringBuilder text = new StringBuilder(40);
        if (v instanceof OffsetDateTime o) {
            LocalDateTime utc = o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            time(date(text, utc.toLocalDate()).append('T'), utc.toLocalTime(), digits).append('Z');
        } else if (v instanceof LocalDateTime t) {
            time(date(text, t.toLocalDate()).append('T'), t.toLocalTime(), digits);
        } else if (v instanceof LocalDate d) {
            date(text, d);
        } else if (v instanceof LocalTime t) {
            time(text, t, digits);
        } else if (v instanceof java.time.OffsetTime t) {
            time(text, t.toLocalTime(), digits).append(t.getOffset().getId().equals("Z") ? "+00:00" : t.getOffset().getId());
        } else {
            return v.toString();
        }
        return text.toString();
    }

    private static StringBuilder date(StringBuilder text, LocalDate d) {
        if (d.getYear() < 0 || d.getYear() > 9999) {
            throw new IllegalArgumentException(d + " has no four-digit year, which the text of a date needs to sort");
        }
        return text.append(String.format(Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
    }

    private static StringBuilder time(StringBuilder text, LocalTime t, int digits) {
        text.append(String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        int width = Math.max(0, Math.min(9, digits));
        int nano = t.getNano();
        int unit = (int) Math.pow(10, 9 - width);
        if (nano % unit != 0) {
            throw new IllegalArgumentException(t + " has more fraction digits than the column's " + width);
        }
        if (width > 0) {
            String f = String.format(Locale.ROOT, "%09d", nano);
            text.append('.').append(f, 0, width);
        }
        return text;
    }
}
