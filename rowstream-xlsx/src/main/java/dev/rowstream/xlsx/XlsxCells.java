package dev.rowstream.xlsx;

import dev.rowstream.format.PlainText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * How each value becomes a cell. Excel keeps numbers as doubles and shows 15 significant digits, and dates as days
 * since 1900 shown to the millisecond: a value it cannot hold exactly is written as its text (the text CSV
 * writes), never changed.
 * <ul>
 *   <li>Integers: numbers, up to 2^53 in size; larger ones as text.</li>
 *   <li>Decimals: numbers with the column's scale as the cell format ({@code 0.00}), when they have at most 15
 *       significant digits; more as text.</li>
 *   <li>Floating point: numbers (a REAL as the double of its shortest text, {@code 0.1} not
 *       {@code 0.100000001490116}); NaN, infinities and values outside Excel's range as text
 *       (-0.0 is 0, which is also what CSV prints).</li>
 *   <li>Booleans: TRUE/FALSE cells.</li>
 *   <li>Dates, timestamps, times: Excel dates with {@code yyyy-mm-dd}, {@code yyyy-mm-dd hh:mm:ss(.000)},
 *       {@code hh:mm:ss(.000)}; a timestamp with time zone in UTC (as CSV writes it). Before 1900, or with a
 *       fraction finer than milliseconds: as text.</li>
 *   <li>Text as text (at most 32,767 characters, Excel's limit: a longer one stops the write); bytes as base64, UUIDs
 *       and everything else as their text.</li>
 * </ul>
 */
final class XlsxCells {
    /** Whole numbers a double holds exactly. */
    private static final long MAX_EXACT = 1L << 53;
    /** Excel's largest number and smallest positive one. */
    private static final double EXCEL_MAX = 9.99999999999999e307;
    private static final double EXCEL_MIN = 2.2250738585072014e-308;
    static final int MAX_TEXT = 32_767;

    private final XlsxStyles styles;

    XlsxCells(XlsxStyles styles) {
        this.styles = styles;
    }

    /** Why a value cannot be written at all. */
    static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLong(String why) {
            super(why, null, false, false);
        }
    }

    /** Sets {@code cell} to a non-null {@code value}; {@code scale} is the column's (decimals), or -1. */
    void set(Cell cell, Object value, int scale) {
        if (value instanceof String) {
            text(cell, (String) value);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            number(cell, ((Number) value).doubleValue(), styles.integer());
        } else if (value instanceof Long) {
            long n = (Long) value;
            if (n >= -MAX_EXACT && n <= MAX_EXACT) { // not Math.abs: Long.MIN_VALUE has no positive
                number(cell, n, styles.integer());
            } else {
                text(cell, value.toString());
            }
        } else if (value instanceof BigInteger) {
            BigInteger n = (BigInteger) value;
            if (n.abs().compareTo(BigInteger.valueOf(MAX_EXACT)) <= 0) {
                number(cell, n.doubleValue(), styles.integer());
            } else {
                text(cell, n.toString());
            }
        } else if (value instanceof BigDecimal) {
            decimal(cell, (BigDecimal) value, scale);
        } else if (value instanceof Double) {
            floating(cell, (Double) value);
        } else if (value instanceof Float) {
            float f = (Float) value;
            if (Float.isFinite(f)) {
                floating(cell, Double.parseDouble(Float.toString(f)));
            } else {
                text(cell, PlainText.of(value));
            }
        } else if (value instanceof Boolean) {
            cell.setCellValue((Boolean) value);
        } else if (value instanceof LocalDate) {
            date(cell, ((LocalDate) value).atStartOfDay(), value, styles.date());
        } else if (value instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) value;
            date(cell, t, value, t.getNano() == 0 ? styles.dateTime() : styles.dateTimeMillis());
        } else if (value instanceof OffsetDateTime) {
            utc(cell, (OffsetDateTime) value);
        } else if (value instanceof ZonedDateTime) {
            utc(cell, ((ZonedDateTime) value).toOffsetDateTime());
        } else if (value instanceof LocalTime) {
            time(cell, (LocalTime) value);
        } else {
            text(cell, PlainText.of(value)); // bytes (base64), UUID, times with a zone, anything else
        }
    }

    private void text(Cell cell, String s) {
        if (s.length() > MAX_TEXT) {
            throw new TooLong("the text has " + s.length() + " characters and an Excel cell holds " + MAX_TEXT);
        }
        cell.setCellValue(s);
    }

    private static void number(Cell cell, double d, CellStyle style) {
        cell.setCellValue(d);
        cell.setCellStyle(style);
    }

    private void decimal(Cell cell, BigDecimal d, int scale) {
        if (d.signum() != 0 && d.stripTrailingZeros().precision() > 15) {
            text(cell, d.toPlainString());
            return;
        }
        double v = d.doubleValue();
        if (d.signum() != 0 && (Math.abs(v) > EXCEL_MAX || Math.abs(v) < EXCEL_MIN)) {
            text(cell, d.toPlainString());
            return;
        }
        number(cell, v, styles.decimal(scale >= 0 ? scale : Math.max(0, d.scale())));
    }

    private void floating(Cell cell, double d) {
        boolean representable = Double.isFinite(d) && Math.abs(d) <= EXCEL_MAX && (d == 0 || Math.abs(d) >= EXCEL_MIN);
        if (!representable) {
            text(cell, PlainText.of(d)); // NaN, Infinity, beyond Excel's range
            return;
        }
        cell.setCellValue(d == 0 ? 0.0 : d);
    }

    private void utc(Cell cell, OffsetDateTime t) {
        LocalDateTime utc;
        try {
            utc = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (java.time.DateTimeException e) {
            text(cell, PlainText.of(t));
            return;
        }
        date(cell, utc, t, utc.getNano() == 0 ? styles.dateTime() : styles.dateTimeMillis());
    }

    /** An Excel date for {@code t}, or the text of {@code original} when Excel cannot hold it exactly. */
    private void date(Cell cell, LocalDateTime t, Object original, CellStyle style) {
        if (t.getYear() < 1900 || t.getYear() > 9999 || t.getNano() % 1_000_000 != 0) {
            text(cell, PlainText.of(original));
            return;
        }
        double serial = DateUtil.getExcelDate(t);
        if (serial < 0) {
            text(cell, PlainText.of(original));
            return;
        }
        number(cell, serial, style);
    }

    private void time(Cell cell, LocalTime t) {
        if (t.getNano() % 1_000_000 != 0) {
            text(cell, PlainText.of(t));
            return;
        }
        number(cell, t.toNanoOfDay() / 86_400e9, t.getNano() == 0 ? styles.time() : styles.timeMillis());
    }
}
