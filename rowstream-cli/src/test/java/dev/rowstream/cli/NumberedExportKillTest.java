package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code export --max-rows-per-file N --checkpoint} of the formats that cannot be appended to (Parquet, XLSX),
 * killed with SIGKILL at five random moments and resumed after each: the numbered files, read back by readers
 * that are not ours (DuckDB for Parquet, POI for XLSX), hold exactly the source table's rows, every value, in
 * order, and the same rows as an uninterrupted export's files.
 *
 * <p>Such a file is written whole when it closes, so its part hardly grows while it fills: each kill waits until
 * the files written so far pass a random fraction of the uninterrupted export's bytes, then a random part of the
 * time one file takes, so that kills land inside a file, between files, and (when two fractions fall in one
 * file) soon after a resumed run starts. 100,000 rows in files of 15,000 keep each database near a minute. The
 * seed is printed, so a failure can be replayed.
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES", "MARIADB"})
@ExtendWith(LeakCheck.class)
@EnabledOnOs({OS.LINUX, OS.MAC})
class NumberedExportKillTest {
    private static final int ROWS = 100_000;
    private static final int PER_FILE = 15_000;
    private static final int FILES = (ROWS + PER_FILE - 1) / PER_FILE;
    private static final int KILLS = 5;

    private final DbTarget target;
    private String table;

    @TempDir
    Path dir;

    NumberedExportKillTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void fill() {
        table = target.table("killnum");
        KilledExports.fill(target, table, ROWS);
    }

    @AfterEach
    void drop() {
        target.dropTable(table);
    }

    @Test
    void parquetWithHybridSegments() throws Exception {
        List<Path> files = killAndResume("parquet", "--segment-rows", "40000", "--row-group-mb", "1");
        List<List<Object>> got = new ArrayList<>();
        for (Path f : files) {
            got.addAll(parquetRows(f));
        }
        assertThat(got).as("the rows of the killed and resumed export").hasSize(ROWS).isEqualTo(source());
        List<List<Object>> whole = new ArrayList<>();
        for (Path f : numbered("whole", "parquet")) {
            whole.addAll(parquetRows(f));
        }
        assertThat(got).as("against the uninterrupted export").isEqualTo(whole);
    }

    @Test
    void xlsxWithKeyset() throws Exception {
        List<Path> files = killAndResume("xlsx", "--strategy", "keyset");
        List<List<Object>> got = new ArrayList<>();
        for (Path f : files) {
            got.addAll(xlsxRows(f));
        }
        List<List<Object>> whole = new ArrayList<>();
        for (Path f : numbered("whole", "xlsx")) {
            whole.addAll(xlsxRows(f));
        }
        assertThat(got).as("against the uninterrupted export, cell types included").hasSize(ROWS).isEqualTo(whole);
        // A timestamp Excel cannot hold to the millisecond is text, exactly as CSV writes it: the same instant.
        assertThat(got.stream().map(r -> Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3) instanceof String s
                ? LocalDateTime.parse(s) : r.get(3))).toList()).as("against the source").isEqualTo(source().stream()
                .map(r -> Arrays.<Object>asList(BigDecimal.valueOf((Long) r.get(0)).stripTrailingZeros(), r.get(1),
                        ((BigDecimal) r.get(2)).stripTrailingZeros(), r.get(3))).toList());
    }

    /** Runs the export killed and resumed; returns its numbered files, checked to be complete and alone. */
    private List<Path> killAndResume(String format, String... options) throws Exception {
        long seed = System.nanoTime();
        System.out.println("NumberedExportKillTest " + target + " " + format + ": seed " + seed);
        Random random = new Random(seed);
        List<String> read = new ArrayList<>(List.of("export", "--url", target.jdbcUrl(), "--table", table, "--format",
                format, "--batch-size", "1000", "--max-rows-per-file", Integer.toString(PER_FILE), "--progress", "off"));
        read.addAll(Arrays.asList(options));

        List<String> plain = new ArrayList<>(read);
        plain.addAll(List.of("--output", dir.resolve("whole." + format).toString()));
        long started = System.nanoTime();
        Process whole = KilledExports.start(dir, plain, 99);
        assertThat(whole.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(whole.exitValue()).as("uninterrupted; log: %s", KilledExports.log(dir, 99)).isZero();
        long fileMillis = (System.nanoTime() - started) / 1_000_000 / FILES;
        long size = bytes("whole");
        assertThat(numbered("whole", format)).hasSize(FILES);

        Path checkpoint = dir.resolve("out.ckpt");
        List<String> resumable = new ArrayList<>(read);
        resumable.addAll(List.of("--output", dir.resolve("out." + format).toString(), "--checkpoint",
                checkpoint.toString()));
        // A file's bytes appear whole when it closes, so a threshold inside the last two files is reached only as
        // the next to last closes, and the last file can be done within the wait. Kills end before the next to last
        // file begins, and each waits at most 80% of a file's time: the export is never done by then.
        double[] at = random.doubles(KILLS, 0.03, (FILES - 2.0) / FILES).sorted().toArray();
        List<String> kills = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            long threshold = (long) (at[i] * size);
            long wait = (long) (random.nextDouble() * 0.8 * fileMillis);
            List<String> args = new ArrayList<>(resumable);
            if (i > 0) {
                args.add("--resume");
            }
            Process p = KilledExports.start(dir, args, i);
            try {
                while (p.isAlive() && bytes("out") < threshold) {
                    Thread.sleep(2);
                }
                Thread.sleep(wait);
                assertThat(p.isAlive()).as("kill %d: the export ended before %d bytes and %d ms; log: %s", i,
                        threshold, wait, KilledExports.log(dir, i)).isTrue();
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            kills.add(threshold + "+" + wait + "ms/" + bytes("out"));
            assertThat(checkpoint).as("kill %d at %s", i, kills).exists();
        }
        List<String> args = new ArrayList<>(resumable);
        args.add("--resume");
        Process last = KilledExports.start(dir, args, KILLS);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as("final run after kills %s; log: %s", kills, KilledExports.log(dir, KILLS))
                .isZero();
        assertThat(KilledExports.log(dir, KILLS)).contains("(" + ROWS + " in all)").contains("into " + FILES + " files");
        assertThat(checkpoint).doesNotExist();
        List<Path> files = numbered("out", format);
        assertThat(files).as("killed at %s (bytes wanted + wait / bytes there), seed %d", kills, seed).hasSize(FILES);
        try (Stream<Path> all = Files.list(dir)) {
            assertThat(all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("out") || n.startsWith("."))
                    .sorted()).as("no part, no temporary file left").containsExactlyElementsOf(
                            files.stream().map(p -> p.getFileName().toString()).toList());
        }
        return files;
    }

    /** The numbered files {@code stem-00001.format}, ..., that exist, in order. */
    private List<Path> numbered(String stem, String format) {
        List<Path> files = new ArrayList<>();
        for (int n = 1; Files.exists(dir.resolve(String.format("%s-%05d.%s", stem, n, format))); n++) {
            files.add(dir.resolve(String.format("%s-%05d.%s", stem, n, format)));
        }
        return files;
    }

    /** The bytes of every file of the export named {@code stem}, parts included. */
    private long bytes(String stem) throws IOException {
        long sum = 0;
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.filter(p -> p.getFileName().toString().startsWith(stem + "-")).toList()) {
                try {
                    sum += Files.size(p);
                } catch (IOException renamedMeanwhile) {
                    // A part renamed to its file between the listing and now: the file is counted next time.
                }
            }
        }
        return sum;
    }

    /** The source's rows in key order, read with plain JDBC. */
    private List<List<Object>> source() throws SQLException {
        try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
            return rows(s, "SELECT id, name, amount, at FROM " + table + " ORDER BY id");
        }
    }

    /** A Parquet file's rows in file order, read by DuckDB. */
    private static List<List<Object>> parquetRows(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            return rows(s, "SELECT * FROM read_parquet('" + file + "')");
        }
    }

    /** The rows of the query, each (id, name, amount, at) as Java values of the same kinds on either side. */
    private static List<List<Object>> rows(Statement s, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(Arrays.asList(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getObject(4, LocalDateTime.class)));
            }
        }
        return rows;
    }

    /** A workbook's data rows, read by POI: numbers as decimals, dates as date-times, text, or null when empty. */
    private static List<List<Object>> xlsxRows(Path file) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(book.getNumberOfSheets()).isEqualTo(1);
            Sheet sheet = book.getSheetAt(0);
            for (Row r : sheet) {
                if (r.getRowNum() == 0) {
                    continue; // the header
                }
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    row.add(value(r.getCell(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object value(Cell cell) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return null;
        }
        if (cell.getCellType() == CellType.STRING) {
            return cell.getStringCellValue();
        }
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        return DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue()
                : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros();
    }
}
