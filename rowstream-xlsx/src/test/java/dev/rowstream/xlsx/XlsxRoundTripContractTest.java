package dev.rowstream.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.Formats;
import dev.rowstream.format.RowWriter;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import dev.rowstream.testing.ValueTable;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every value type of each database, read by rowstream, written as XLSX, read back by POI: each cell is the
 * number, boolean, date or text the README's rules give for the database's value (as rowstream read it).
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class XlsxRoundTripContractTest {
    private final DbTarget target;

    @TempDir
    Path dir;

    XlsxRoundTripContractTest(DbTarget target) {
        this.target = target;
    }

    @Test
    void everyValueTypeBecomesTheRightCell() throws Exception {
        String t = ValueTable.fill(target, ValueTable.columns(target));
        List<Row> rows = new ArrayList<>();
        try (RowStream<Row> s = RowStreams.from(target.dataSource()).table(t).key("id").open()) {
            s.forEach(rows::add);
        }
        assertThat(rows).hasSize(3);
        Path file = dir.resolve("out.xlsx");
        try (OutputStream out = Files.newOutputStream(file);
             RowWriter w = Formats.named("xlsx").writer(out, FormatOptions.NONE.with("temp-dir", dir.toString()))) {
            w.begin(rows.get(0).columns());
            for (Row r : rows) {
                w.write(r);
            }
        }
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            for (int i = 0; i < rows.get(0).size(); i++) {
                assertThat(sheet.getRow(0).getCell(i).getStringCellValue()).isEqualTo(rows.get(0).columns().label(i));
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int i = 0; i < rows.get(r).size(); i++) {
                    Object v = rows.get(r).get(i);
                    String wrong = XlsxExpect.check(v, sheet.getRow(r + 1).getCell(i));
                    assertThat(wrong).as("row %d column %s (%s)", r + 1, rows.get(r).columns().label(i),
                            v == null ? "NULL" : v.getClass().getSimpleName()).isNull();
                }
            }
        }
        target.dropTable(t);
    }
}
