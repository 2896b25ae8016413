package dev.rowstream.xlsx;

import dev.rowstream.Columns;
import dev.rowstream.Row;
import dev.rowstream.format.BaseRowWriter;
import dev.rowstream.format.UnwritableValueException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * Writes rows into an SXSSF workbook, and the workbook to the output when closed: until then, each sheet's rows
 * wait in a temporary file in {@code temp-dir} (POI keeps only the last {@value #WINDOW} rows in memory). The
 * temporary files are deleted when the writer closes, whether the workbook was written or a write failed, and those
 * a killed process left by the next writer ({@link XlsxTempFiles}); a writer whose write failed writes no workbook.
 */
final class XlsxRowWriter extends BaseRowWriter {
    /** Rows POI keeps in memory before it writes them to the sheet's temporary file. */
    static final int WINDOW = 100;

    private final OutputStream out;
    private final String baseName;
    private final Path tempDir;
    private final int sheetRows;
    private final List<String> sheetNames = new ArrayList<>();
    private Workbook workbook;
    private XlsxCells cells;
    private XlsxStyles styles;
    private Columns columns;
    private int[] scales;
    private SXSSFSheet sheet;
    private int rowInSheet;
    private long rows;
    private boolean failed;

    XlsxRowWriter(OutputStream out, String baseName, Path tempDir, int sheetRows) {
        this.out = out;
        this.baseName = XlsxSheets.validName(baseName);
        this.tempDir = tempDir;
        this.sheetRows = sheetRows;
    }

    @Override
    protected void writeHeader(Columns columns) {
        this.columns = columns;
        scales = new int[columns.size()];
        for (int i = 0; i < scales.length; i++) {
            int t = columns.jdbcType(i);
            scales[i] = t == Types.DECIMAL || t == Types.NUMERIC ? columns.scale(i) : -1;
        }
        XlsxTempFiles.deleteOrphans(tempDir);
        workbook = new Workbook(tempDir);
        styles = new XlsxStyles(workbook);
        cells = new XlsxCells(styles);
        newSheet();
    }

    private void newSheet() {
        if (sheet != null) {
            endSheet();
        }
        String name = XlsxSheets.nth(baseName, sheetNames.size() + 1);
        sheetNames.add(name);
        sheet = workbook.createSheet(name);
        SXSSFRow header = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Cell c = header.createCell(i);
            c.setCellValue(columns.label(i));
            c.setCellStyle(styles.header());
            sheet.setColumnWidth(i, 256 * XlsxSheets.width(columns, i));
        }
        sheet.createFreezePane(0, 1);
        rowInSheet = 0;
    }

    /** The auto-filter covers the header and every row of the sheet, so it is set once the sheet is full. */
    private void endSheet() {
        sheet.setAutoFilter(new CellRangeAddress(0, rowInSheet, 0, columns.size() - 1));
    }

    @Override
    protected void writeRow(Row row) throws IOException {
        if (rowInSheet == sheetRows) {
            newSheet();
        }
        rows++;
        rowInSheet++;
        SXSSFRow r = sheet.createRow(rowInSheet);
        for (int i = 0; i < row.size(); i++) {
            Object v = row.get(i);
            if (v == null) {
                continue; // NULL: an empty cell
            }
            try {
                cells.set(r.createCell(i), v, scales[i]);
            } catch (XlsxCells.TooLong e) {
                failed = true;
                throw new UnwritableValueException("row " + rows + ", column " + columns.label(i) + ": "
                        + e.getMessage() + ": leave the column out, cut it in the query, or export to CSV or Parquet;"
                        + " the XLSX output is incomplete", e);
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }
    }

    /** Nothing to push: the workbook is written whole when closed (rows wait in the sheets' temporary files). */
    @Override
    public void flush() {
    }

    @Override
    protected void finish() throws IOException {
        if (workbook == null) {
            return;
        }
        try {
            if (!failed) {
                endSheet();
                workbook.writeAvoidingTempFiles(out);
                out.flush();
            }
        } finally {
            workbook.dispose(); // deletes the sheets' temporary files
            workbook.close();
        }
    }

    /** The sheets written, in order. */
    List<String> sheets() {
        return List.copyOf(sheetNames);
    }

    @Override
    public String summary() {
        if (sheetNames.size() <= 1) {
            return "";
        }
        return "on " + sheetNames.size() + " sheets (" + String.join(", ", sheetNames) + "): an Excel sheet holds "
                + (sheetRows == XlsxFormat.MAX_SHEET_ROWS ? "1,048,576 rows" : sheetRows + " data rows here");
    }

    /** A workbook whose sheets' temporary files go to a folder of our choosing, not POI's global one. */
    private static final class Workbook extends SXSSFWorkbook {
        private static final ThreadLocal<Path> FOLDER = new ThreadLocal<>();
        private final Path dir;

        Workbook(Path dir) {
            super(WINDOW);
            this.dir = dir;
        }

        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            // SheetDataWriter makes its file in its constructor, before a subclass's fields are set.
            FOLDER.set(dir);
            try {
                return new SheetDataWriter() {
                    @Override
                    public File createTempFile() throws IOException {
                        return XlsxTempFiles.create(FOLDER.get());
                    }
                };
            } finally {
                FOLDER.remove();
            }
        }
    }
}
