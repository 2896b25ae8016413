package dev.rowstream.xlsx;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.format.Format;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.RowWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Excel workbooks ({@code --format xlsx}), written with Apache POI's streaming SXSSF writer: a window of rows in
 * memory, the rest in a temporary file per sheet until the workbook is written. Typed cells ({@link XlsxCells}), a
 * bold, frozen header row with an auto-filter, and a new sheet ({@code orders (2)}) after Excel's 1,048,576 rows.
 *
 * <p>Options: {@code sheet} (the first sheet's name, default {@value #DEFAULT_SHEET}), {@code temp-dir} (where the
 * temporary sheet files go: the output's folder for an export; default the JVM's temporary folder; they are
 * deleted when the writer closes, after a failure too), {@code sheet-rows} (data rows per sheet, at most and by
 * default 1,048,575, for a header and Excel's limit).
 */
public final class XlsxFormat implements Format {
    static final String SHEET = "sheet";
    static final String TEMP_DIR = "temp-dir";
    static final String SHEET_ROWS = "sheet-rows";
    static final String DEFAULT_SHEET = "Sheet1";
    /** Excel's rows per sheet, less the header row. */
    static final int MAX_SHEET_ROWS = 1_048_576 - 1;

    @Override
    public String name() { return "xlsx"; }

    @Override
    public List<String> extensions() { return List.of(".xlsx"); }

    @Override
    public String mediaType() { return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"; }

    @Override
    public boolean appendable() { return false; }

    @Override
    public boolean suitsStdout() { return false; }

    @Override
    public List<String> optionNames() {
        return List.of(SHEET, TEMP_DIR, SHEET_ROWS);
    }

    @Override
    public void check(FormatOptions options) {
        Format.super.check(options);
        options.number(SHEET_ROWS, MAX_SHEET_ROWS, 1, MAX_SHEET_ROWS);
        if (options.get(SHEET, DEFAULT_SHEET).isBlank()) {
            throw new InvalidSpecException("format option sheet= is empty: give the sheet a name");
        }
        if (options.has(TEMP_DIR)) {
            Path dir = Path.of(options.get(TEMP_DIR, ""));
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new InvalidSpecException("format option temp-dir=" + dir + " is not a folder this program can"
                        + " write to: give an existing, writable folder");
            }
        }
    }

    @Override
    public RowWriter writer(OutputStream out, FormatOptions options) {
        check(options);
        Path dir = Path.of(options.get(TEMP_DIR, System.getProperty("java.io.tmpdir")));
        return new XlsxRowWriter(Objects.requireNonNull(out, "out"), options.get(SHEET, DEFAULT_SHEET), dir,
                (int) options.number(SHEET_ROWS, MAX_SHEET_ROWS, 1, MAX_SHEET_ROWS));
    }

    @Override
    public String toString() { return name(); }
}
