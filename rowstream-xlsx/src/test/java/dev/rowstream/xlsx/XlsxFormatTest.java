package dev.rowstream.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.Columns;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.format.Format;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.Formats;
import dev.rowstream.format.RowWriter;
import dev.rowstream.format.UnwritableValueException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XLSX writer on its own: typed cells, formats, header, sheets, temporary files; read back with POI. */
class XlsxFormatTest {
    private static final Format XLSX = Formats.named("xlsx");

    @TempDir
    Path dir;

    private static Columns columns(String... labelTypeScale) {
        int n = labelTypeScale.length / 3;
        String[] labels = new String[n];
        int[] types = new int[n];
        String[] names = new String[n];
        int[] scales = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = labelTypeScale[3 * i];
            types[i] = Integer.parseInt(labelTypeScale[3 * i + 1]);
            names[i] = "t";
            scales[i] = Integer.parseInt(labelTypeScale[3 * i + 2]);
        }
        return new Columns(labels, types, names, new int[n], scales);
    }

    private Path write(Columns c, FormatOptions options, Object[]... rows) throws Exception {
        Path file = dir.resolve("out.xlsx");
        try (OutputStream out = Files.newOutputStream(file); RowWriter w = XLSX.writer(out, options)) {
            w.begin(c);
            for (Object[] r : rows) {
                w.write(new Row(c, r));
            }
        }
        return file;
    }

    private FormatOptions temp() throws Exception {
        Path t = Files.createDirectories(dir.resolve("tmp"));
        return FormatOptions.NONE.with("temp-dir", t.toString());
    }

    private static XSSFWorkbook open(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    @Test
    void valuesBecomeTypedCellsWithFormats() throws Exception {
        int num = Types.NUMERIC;
        Columns c = columns("i", "" + Types.INTEGER, "0", "big", "" + Types.BIGINT, "0", "huge", "" + Types.BIGINT, "0",
                "d", "" + num, "2", "wide", "" + num, "4", "f", "" + Types.REAL, "0", "db", "" + Types.DOUBLE, "0",
                "bo", "" + Types.BOOLEAN, "0", "dt", "" + Types.DATE, "0", "ts", "" + Types.TIMESTAMP, "6",
                "tz", "" + Types.TIMESTAMP_WITH_TIMEZONE, "6", "tm", "" + Types.TIME, "0", "s", "" + Types.VARCHAR, "0",
                "bin", "" + Types.BINARY, "0", "u", "" + Types.OTHER, "0", "n", "" + Types.INTEGER, "0");
        Path file = write(c, temp(), new Object[] {-2147483648, 9007199254740992L, 9007199254740993L,
            new BigDecimal("12345678901.50"), new BigDecimal("1234567890123.4567"), 0.1f, 1.5e-300, true,
            LocalDate.of(1969, 12, 31), LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_000_000),
            OffsetDateTime.of(2024, 1, 31, 23, 30, 0, 0, ZoneOffset.ofHours(-2)), LocalTime.of(13, 5, 9),
            "a \"q\", é 😀", new byte[] {0, 1, (byte) 0xff}, new UUID(1, 2), null});
        try (XSSFWorkbook wb = open(file)) {
            XSSFSheet s = wb.getSheetAt(0);
            assertThat(s.getSheetName()).isEqualTo("Sheet1");
            Cell[] r = new Cell[c.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = s.getRow(1).getCell(i);
            }
            assertThat(r[0].getNumericCellValue()).isEqualTo(-2147483648d);
            assertThat(r[0].getCellStyle().getDataFormatString()).isEqualTo("0");
            assertThat(r[1].getNumericCellValue()).isEqualTo(9007199254740992d);
            assertThat(r[2].getCellType()).as("above 2^53: text").isEqualTo(CellType.STRING);
            assertThat(r[2].getStringCellValue()).isEqualTo("9007199254740993");
            assertThat(r[3].getNumericCellValue()).isEqualTo(12345678901.5);
            assertThat(r[3].getCellStyle().getDataFormatString()).isEqualTo("0.00");
            assertThat(r[4].getCellType()).as("17 significant digits: text").isEqualTo(CellType.STRING);
            assertThat(r[4].getStringCellValue()).isEqualTo("1234567890123.4567");
            assertThat(r[5].getNumericCellValue()).isEqualTo(0.1);
            assertThat(r[6].getNumericCellValue()).isEqualTo(1.5e-300);
            assertThat(r[7].getBooleanCellValue()).isTrue();
            assertThat(DateUtil.isCellDateFormatted(r[8])).isTrue();
            assertThat(r[8].getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(1969, 12, 31, 0, 0));
            assertThat(r[8].getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(r[9].getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_000_000));
            assertThat(r[9].getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss.000");
            assertThat(r[10].getLocalDateTimeCellValue()).as("in UTC").isEqualTo(LocalDateTime.of(2024, 2, 1, 1, 30));
            assertThat(r[10].getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
            assertThat(r[11].getLocalDateTimeCellValue().toLocalTime()).isEqualTo(LocalTime.of(13, 5, 9));
            assertThat(r[11].getCellStyle().getDataFormatString()).isEqualTo("hh:mm:ss");
            assertThat(r[12].getStringCellValue()).isEqualTo("a \"q\", é 😀");
            assertThat(r[13].getStringCellValue()).isEqualTo("AAH/");
            assertThat(r[14].getStringCellValue()).isEqualTo("00000000-0000-0001-0000-000000000002");
            assertThat(r[15]).as("NULL: no cell").isNull();
        }
    }

    @Test
    void valuesExcelCannotHoldExactlyAreText() throws Exception {
        Columns c = columns("v", "" + Types.OTHER, "0");
        Object[][] rows = {{Double.NaN}, {Double.NEGATIVE_INFINITY}, {4.9e-324}, {Float.NaN},
            {new BigInteger("18446744073709551615")}, {new BigDecimal("0.1234567890123456")},
            {LocalDate.of(1899, 12, 31)}, {LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1000)}, {LocalTime.of(1, 2, 3, 4000)}};
        Path file = write(c, FormatOptions.NONE, rows);
        String[] expected = {"NaN", "-Infinity", dev.rowstream.format.PlainText.of(4.9e-324), "NaN", "18446744073709551615",
            "0.1234567890123456", "1899-12-31", "2024-01-01T00:00:00.000001", "01:02:03.000004"};
        try (XSSFWorkbook wb = open(file)) {
            for (int i = 0; i < rows.length; i++) {
                Cell cell = wb.getSheetAt(0).getRow(i + 1).getCell(0);
                assertThat(cell.getCellType()).as("%s", rows[i][0]).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void headerIsBoldFrozenAndFiltered() throws Exception {
        Columns c = columns("id", "" + Types.INTEGER, "0", "name", "" + Types.VARCHAR, "0");
        Path file = write(c, FormatOptions.NONE.with("sheet", "orders"), new Object[] {1, "a"}, new Object[] {2, "b"});
        try (XSSFWorkbook wb = open(file)) {
            XSSFSheet s = wb.getSheet("orders");
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("id");
            assertThat(s.getRow(0).getCell(1).getStringCellValue()).isEqualTo("name");
            assertThat(wb.getFontAt(s.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(s.getPaneInformation().isFreezePane()).isTrue();
            assertThat(s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(s.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B3");
        }
    }

    @Test
    void moreRowsThanASheetHoldsContinueOnNewSheets() throws Exception {
        Columns c = columns("id", "" + Types.INTEGER, "0");
        Object[][] rows = new Object[7][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {i + 1};
        }
        Path file = dir.resolve("orders.xlsx");
        RowWriter w;
        try (OutputStream out = Files.newOutputStream(file)) {
            w = XLSX.writer(out, FormatOptions.NONE.with("sheet", "orders").with("sheet-rows", "3"));
            w.begin(c);
            for (Object[] r : rows) {
                w.write(new Row(c, r));
            }
            w.close();
        }
        assertThat(w.summary()).isEqualTo("on 3 sheets (orders, orders (2), orders (3)): an Excel sheet holds 3 data rows here");
        try (XSSFWorkbook wb = open(file)) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(3);
            int id = 1;
            for (int s = 0; s < 3; s++) {
                XSSFSheet sheet = wb.getSheetAt(s);
                assertThat(sheet.getSheetName()).isEqualTo(s == 0 ? "orders" : "orders (" + (s + 1) + ")");
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("id");
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    assertThat(sheet.getRow(r).getCell(0).getNumericCellValue()).isEqualTo(id++);
                }
            }
            assertThat(id).isEqualTo(8);
        }
    }

    @Test
    void temporaryFilesAreDeletedAfterSuccessAndAfterFailure() throws Exception {
        FormatOptions options = temp();
        Path tmp = Path.of(options.get("temp-dir", ""));
        Columns c = columns("s", "" + Types.VARCHAR, "0");
        Object[][] rows = new Object[500][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {"row " + i};
        }
        write(c, options, rows);
        assertThat(listing(tmp)).isEmpty();

        Path file = dir.resolve("failed.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            RowWriter w = XLSX.writer(out, options);
            w.begin(c);
            for (Object[] r : rows) {
                w.write(new Row(c, r));
            }
            assertThat(listing(tmp)).as("the sheet's rows wait in the temporary folder").hasSize(1);
            assertThatThrownBy(() -> w.write(new Row(c, new Object[] {"x".repeat(40_000)})))
                    .isInstanceOf(UnwritableValueException.class)
                    .hasMessageContaining("row 501, column s: the text has 40000 characters and an Excel cell holds 32767");
            w.close();
        }
        assertThat(listing(tmp)).isEmpty();
        assertThat(Files.size(file)).as("no workbook after a failure").isZero();
    }

    @Test
    void temporaryFilesOfAKilledProcessAreDeletedByTheNextWriter() throws Exception {
        FormatOptions options = temp();
        Path tmp = Path.of(options.get("temp-dir", ""));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // What a JVM killed while it wrote leaves (no finally, no deleteOnExit), and a writer still running has.
        Path orphan = Files.createFile(tmp.resolve(XlsxTempFiles.PREFIX + gone.pid() + "-123.xml"));
        Path running = Files.createFile(tmp.resolve(XlsxTempFiles.PREFIX + ProcessHandle.current().pid() + "-456.xml"));
        Path other = Files.createFile(tmp.resolve(".rowstream-xlsx-notes.xml"));
        write(columns("s", "" + Types.VARCHAR, "0"), options, new Object[] {"a"});
        assertThat(listing(tmp)).containsExactlyInAnyOrder(running, other);
    }

    private static java.util.List<Path> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void optionsAreCheckedUpFront() {
        assertThatThrownBy(() -> XLSX.check(FormatOptions.NONE.with("temp-dir", dir.resolve("nowhere").toString())))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("is not a folder this program can write to");
        assertThatThrownBy(() -> XLSX.check(FormatOptions.NONE.with("sheet-rows", "1048576")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("out of range: use 1 to 1048575");
        assertThatThrownBy(() -> XLSX.check(FormatOptions.NONE.with("compression", "zstd")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("format xlsx has no option compression");
        assertThat(XLSX.appendable()).isFalse();
        assertThat(XLSX.suitsStdout()).isFalse();
        assertThat(Formats.forFileName("report.xlsx")).containsSame(XLSX);
    }

    @Test
    void sheetNamesAreMadeValid() {
        assertThat(XlsxSheets.validName("a/b:c[d]")).isEqualTo("a_b_c_d_");
        assertThat(XlsxSheets.nth("x".repeat(40), 1)).hasSize(31);
        assertThat(XlsxSheets.nth("x".repeat(40), 12)).hasSize(31).endsWith(" (12)");
    }
}
