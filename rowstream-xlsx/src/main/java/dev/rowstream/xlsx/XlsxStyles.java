package dev.rowstream.xlsx;

import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;

/** The few cell styles of a workbook, made once: a workbook holds at most 64,000 styles, shared by all its cells. */
final class XlsxStyles {
    private final Workbook workbook;
    private final CellStyle header;
    private final CellStyle integer;
    private final CellStyle date;
    private final CellStyle dateTime;
    private final CellStyle dateTimeMillis;
    private final CellStyle time;
    private final CellStyle timeMillis;
    private final Map<Integer, CellStyle> decimals = new HashMap<>();

    XlsxStyles(Workbook workbook) {
        this.workbook = workbook;
        Font bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        integer = format("0");
        date = format("yyyy-mm-dd");
        dateTime = format("yyyy-mm-dd hh:mm:ss");
        dateTimeMillis = format("yyyy-mm-dd hh:mm:ss.000");
        time = format("hh:mm:ss");
        timeMillis = format("hh:mm:ss.000");
    }

    private CellStyle format(String pattern) {
        CellStyle s = workbook.createCellStyle();
        s.setDataFormat(workbook.createDataFormat().getFormat(pattern));
        return s;
    }

    CellStyle header() { return header; }

    CellStyle integer() { return integer; }

    CellStyle date() { return date; }

    CellStyle dateTime() { return dateTime; }

    CellStyle dateTimeMillis() { return dateTimeMillis; }

    CellStyle time() { return time; }

    CellStyle timeMillis() { return timeMillis; }

    /** {@code 0.00} for scale 2; {@code 0} for 0. */
    CellStyle decimal(int scale) {
        return decimals.computeIfAbsent(Math.min(scale, 30), s -> s == 0 ? integer : format("0." + "0".repeat(s)));
    }
}
