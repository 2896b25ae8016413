package dev.rowstream.xlsx;

import dev.rowstream.format.PlainText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;

/** What a cell read back by POI must be for a value, by the rules README states for XLSX. */
final class XlsxExpect {
    private XlsxExpect() {
    }

    /** Null when the cell is right for the value, else what is wrong. */
    static String check(Object value, Cell cell) {
        if (value == null) {
            return cell == null || cell.getCellType() == CellType.BLANK ? null : "expected an empty cell, got " + show(cell);
        }
        if (cell == null) {
            return "no cell for " + value;
        }
        Object number = exactNumber(value);
        if (number != null) {
            if (cell.getCellType() != CellType.NUMERIC) {
                return "expected the number " + value + ", got " + show(cell);
            }
            BigDecimal got = new BigDecimal(cell.getNumericCellValue());
            BigDecimal want = number instanceof Double ? new BigDecimal((Double) number) : (BigDecimal) number;
            return got.compareTo(want) == 0 ? null : "expected " + want + ", got " + got;
        }
        if (value instanceof Boolean) {
            return cell.getCellType() == CellType.BOOLEAN && cell.getBooleanCellValue() == (Boolean) value ? null
                    : "expected " + value + ", got " + show(cell);
        }
        LocalDateTime when = excelDate(value);
        if (when != null) {
            if (cell.getCellType() != CellType.NUMERIC || !DateUtil.isCellDateFormatted(cell)) {
                return "expected a date cell for " + value + ", got " + show(cell);
            }
            LocalDateTime got = cell.getLocalDateTimeCellValue();
            return got.equals(when) ? null : "expected " + when + ", got " + got;
        }
        return cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(PlainText.of(value)) ? null
                : "expected the text " + PlainText.of(value) + ", got " + show(cell);
    }

    /** The exact number a cell must hold for the value, or null when it must be text (or is no number). */
    private static Object exactNumber(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return new BigDecimal(((Number) v).longValue());
        }
        if (v instanceof Long || v instanceof BigInteger) {
            BigInteger n = new BigInteger(v.toString());
            return n.abs().bitLength() <= 53 || n.abs().equals(BigInteger.ONE.shiftLeft(53)) ? new BigDecimal(n) : null;
        }
        if (v instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) v;
            return d.signum() == 0 || d.stripTrailingZeros().precision() <= 15 ? new BigDecimal(d.doubleValue()) : null;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = v instanceof Float ? Double.parseDouble(v.toString()) : (Double) v;
            boolean fits = Double.isFinite(d) && Math.abs(d) <= 9.99999999999999e307
                    && (d == 0 || Math.abs(d) >= Double.MIN_NORMAL);
            return fits ? (Double) Math.abs(d) * Math.signum(d) + 0.0 : null;
        }
        return null;
    }

    /** The date-time a date cell must hold for the value, or null when it must be text (or is no date). */
    private static LocalDateTime excelDate(Object v) {
        LocalDateTime t = null;
        if (v instanceof LocalDate) {
            t = ((LocalDate) v).atStartOfDay();
        } else if (v instanceof LocalDateTime) {
            t = (LocalDateTime) v;
        } else if (v instanceof OffsetDateTime) {
            t = ((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } else if (v instanceof LocalTime) {
            t = LocalDate.of(1899, 12, 31).atTime((LocalTime) v);
            return ((LocalTime) v).getNano() % 1_000_000 == 0 ? t : null;
        }
        return t != null && t.getYear() >= 1900 && t.getYear() <= 9999 && t.getNano() % 1_000_000 == 0 ? t : null;
    }

    private static String show(Cell c) {
        return c.getCellType() + " " + c;
    }
}
