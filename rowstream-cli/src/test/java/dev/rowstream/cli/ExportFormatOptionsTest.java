package dev.rowstream.cli;

import static dev.rowstream.cli.ExportOutputTest.refusedBeforeAnyConnection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The formats' own options on the command line ({@code --format-option KEY=VALUE}, {@code --row-group-mb},
 * {@code --compress} as Parquet's codec), and every format's bad output refused with exit 2, one line, before any
 * connection and with no file left. On H2 only, as {@link ExportOutputTest}: the formats are the modules', tested
 * on every database there; what is tested here is that the flags reach them.
 */
@ExtendWith(LeakCheck.class)
class ExportFormatOptionsTest {
    private static final int ROWS = 10;

    private final DbTarget h2 = DbTarget.H2;
    private String table;

    @TempDir
    Path dir;

    @BeforeEach
    void fill() {
        table = h2.table("fmtopt");
        // An interval has no faithful Parquet type: refused unless strings=true.
        h2.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(20), span INTERVAL DAY TO SECOND)");
        for (int i = 1; i <= ROWS; i++) {
            h2.execute("INSERT INTO " + table + " VALUES (" + i + ", 'n" + i + "', INTERVAL '" + i + " 02:03:04' DAY TO SECOND)");
        }
    }

    @AfterEach
    void drop() {
        h2.dropTable(table);
    }

    private Cli.Result export(String... options) {
        List<String> args = new ArrayList<>(List.of("export", "--url", h2.jdbcUrl(), "--table", table, "--progress", "off"));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void parquetTakesStringsRowGroupsAndItsCodecFromCompress() throws Exception {
        Path file = dir.resolve("orders.parquet");
        Cli.Result refused = export("--output", file.toString());
        assertThat(refused.code()).as("%s", refused).isEqualTo(2);
        assertThat(refused.err()).contains("SPAN").contains("strings=true");
        assertThat(file).doesNotExist();

        Cli.Result r = export("--output", file.toString(), "--format-option", "strings=true", "--row-group-mb", "1",
                "--compress", "zstd");
        assertThat(r.code()).as("%s", r).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            String f = "'" + file + "'";
            assertThat(strings(s, "SELECT DISTINCT compression FROM parquet_metadata(" + f + ")"))
                    .as("the pages' codec: --compress is Parquet's, not a zstd stream around the file")
                    .containsExactly("ZSTD");
            assertThat(strings(s, "SELECT column_type FROM (DESCRIBE SELECT span FROM read_parquet(" + f + "))"))
                    .containsExactly("VARCHAR");
            assertThat(strings(s, "SELECT span FROM read_parquet(" + f + ") WHERE id = 3"))
                    .as("the interval as its text, as CSV writes it").containsExactly(csvField(3, 2));
        }
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private String csvField(int row, int column) {
        Cli.Result csv = export();
        assertThat(csv.code()).as("%s", csv).isZero();
        return csv.out().lines().toList().get(row).split(",")[column];
    }

    @Test
    void xlsxTakesItsSheetNameAndRowsPerSheet() throws Exception {
        Path file = dir.resolve("orders.xlsx");
        Cli.Result r = export("--output", file.toString(), "--format-option", "sheet=Orders", "--format-option",
                "sheet-rows=4");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).contains("on 3 sheets (Orders, Orders (2), Orders (3))");
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(book.getSheetName(0)).isEqualTo("Orders");
            assertThat(book.getSheetAt(2).getRow(2).getCell(0).getNumericCellValue()).isEqualTo(ROWS);
        }
    }

    @Test
    void badFormatOptionsAreExit2BeforeAnyConnectionAndLeaveNoFile() throws Exception {
        String parquet = dir.resolve("x.parquet").toString();
        String xlsx = dir.resolve("x.xlsx").toString();
        String csv = dir.resolve("x.csv").toString();
        String[][] bad = {
                {"format parquet has no option foo: its options are compression, row-group-mb, strings",
                        "--output", parquet, "--format-option", "foo=1"},
                {"format option strings=maybe is not true or false", "--output", parquet, "--format-option", "strings=maybe"},
                {"format option row-group-mb=0 is out of range: use 1 to 1024", "--output", parquet, "--row-group-mb", "0"},
                {"format option row-group-mb=2048 is out of range", "--output", parquet, "--format-option", "row-group-mb=2048"},
                {"--row-group-mb applies to format parquet only, not to csv: leave it out", "--output", csv,
                        "--row-group-mb", "8"},
                {"--row-group-mb applies to format parquet only, not to xlsx", "--output", xlsx, "--row-group-mb", "8"},
                {"--row-group-mb and --format-option row-group-mb=... both set row-group-mb", "--output", parquet,
                        "--row-group-mb", "2", "--format-option", "row-group-mb=3"},
                {"--compress and --format-option compression=... both set compression", "--output", parquet,
                        "--compress", "zstd", "--format-option", "compression=gzip"},
                {"format option compression=lz4 is not known: use snappy, zstd, gzip or none", "--output", parquet,
                        "--compress", "lz4"},
                {"format option sheet= is empty: give the sheet a name", "--output", xlsx, "--format-option", "sheet="},
                {"format option sheet-rows=0 is out of range", "--output", xlsx, "--format-option", "sheet-rows=0"},
                {"format csv has no option compression: it takes none", "--output", csv, "--format-option",
                        "compression=zstd"},
                {"format jsonl has no option strings: it takes none", "--format", "jsonl", "--format-option", "strings=true"},
                {"should be in KEY=VALUE format but was strings", "--output", parquet, "--format-option", "strings"}};
        for (String[] b : bad) {
            refusedBeforeAnyConnection(List.of(b).subList(1, b.length), b[0]);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    /**
     * Every format refuses a bad output the same way. As root (the tests' user here) every folder is writable, so
     * "cannot be written" is a path under a regular file, which no user can create a file in.
     */
    @Test
    void everyFormatRefusesABadOutputBeforeAnyConnection() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain-file"), "not a folder");
        for (String format : List.of("csv", "jsonl", "parquet", "xlsx")) {
            String out = dir.resolve("out." + format).toString();
            refusedBeforeAnyConnection(List.of("--format", format, "--output", out, "--compress", "lz4"),
                    format.equals("parquet") ? "compression=lz4 is not known" : "unknown compression 'lz4'");
            refusedBeforeAnyConnection(List.of("--format", format, "--output", out, "--max-rows-per-file", "0"),
                    "--max-rows-per-file 0 is out of range");
            refusedBeforeAnyConnection(List.of("--format", format, "--output", dir.resolve("missing/out").toString()),
                    "does not exist: create it first");
            refusedBeforeAnyConnection(List.of("--format", format, "--output", plain.resolve("out").toString()),
                    plain + " is a file, not a folder");
            if (format.equals("parquet") || format.equals("xlsx")) {
                refusedBeforeAnyConnection(List.of("--format", format), "format " + format + " cannot be written to stdout");
                refusedBeforeAnyConnection(List.of("--format", format, "--output", "-"), "cannot be written to stdout");
            }
        }
        refusedBeforeAnyConnection(List.of("--format", "xml", "--output", dir.resolve("out.xml").toString()),
                "unknown format 'xml': use csv, jsonl, ");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(plain);
        }
    }
}
