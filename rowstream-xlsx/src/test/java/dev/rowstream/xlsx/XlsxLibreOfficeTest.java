package dev.rowstream.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.Columns;
import dev.rowstream.Row;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.Formats;
import dev.rowstream.format.RowWriter;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real spreadsheet program reads our workbooks: LibreOffice Calc, headless, converts one to CSV, and the CSV
 * shows every cell as its format says. LibreOffice is installed by {@code .ci/libreoffice.sh} when missing.
 */
class XlsxLibreOfficeTest {
    @TempDir
    Path dir;

    @Test
    void libreOfficeReadsTheWorkbook() throws Exception {
        Columns c = new Columns(new String[] {"id", "amount", "name", "paid", "day", "at", "zoned", "big", "ratio"},
                new int[] {Types.INTEGER, Types.NUMERIC, Types.VARCHAR, Types.BOOLEAN, Types.DATE, Types.TIMESTAMP,
                    Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT, Types.DOUBLE},
                new String[] {"int4", "numeric", "text", "bool", "date", "timestamp", "timestamptz", "int8", "float8"},
                new int[] {10, 12, 0, 1, 13, 26, 35, 19, 17}, new int[] {0, 2, 0, 0, 0, 6, 6, 0, 0});
        Path file = dir.resolve("orders.xlsx");
        try (OutputStream out = Files.newOutputStream(file);
             RowWriter w = Formats.named("xlsx").writer(out, FormatOptions.NONE.with("sheet", "orders"))) {
            w.begin(c);
            w.write(new Row(c, new Object[] {1, new BigDecimal("1234.50"), "a, \"quoted\" é", true,
                LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 10, 15, 30),
                OffsetDateTime.of(2024, 1, 31, 23, 0, 0, 0, ZoneOffset.ofHours(-2)), 9007199254740993L, 0.25}));
            w.write(new Row(c, new Object[] {2, new BigDecimal("-0.05"), null, false, LocalDate.of(1999, 12, 31),
                LocalDateTime.of(2000, 2, 29, 0, 0, 0, 500_000_000), null, -42L, -1.5e10}));
        }
        String csv = convert(file);
        // LibreOffice quotes every text cell: the header, and the long beyond 2^53 that is text on purpose.
        assertThat(csv).isEqualTo("""
                "id","amount","name","paid","day","at","zoned","big","ratio"
                1,1234.50,"a, ""quoted"" é",TRUE,2024-01-31,2024-01-31 10:15:30,2024-02-01 01:00:00,"9007199254740993",0.25
                2,-0.05,,FALSE,1999-12-31,2000-02-29 00:00:00.500,,-42,-15000000000
                """);
    }

    /** {@code soffice --headless --convert-to csv}: UTF-8, comma, quotes, cells as shown. */
    private String convert(Path xlsx) throws Exception {
        ensureLibreOffice();
        Path profile = Files.createDirectories(dir.resolve("profile"));
        Path out = Files.createDirectories(dir.resolve("csv"));
        Process p = new ProcessBuilder(List.of("soffice", "--headless", "--norestore",
                "-env:UserInstallation=" + profile.toUri(), "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                "--outdir", out.toString(), xlsx.toString())).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("soffice finished: %s", log).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        Path csv = out.resolve("orders.csv");
        assertThat(csv).as("soffice wrote the CSV: %s", log).exists();
        return Files.readString(csv, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static void ensureLibreOffice() throws Exception {
        if (new ProcessBuilder("sh", "-c", "command -v soffice").start().waitFor() == 0) {
            return;
        }
        Path script = Path.of("..", ".ci", "libreoffice.sh").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("bash", script.toString()).inheritIO().start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("%s installs LibreOffice", script).isZero();
    }
}
