package dev.rowstream.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.ExportChild;
import dev.rowstream.testing.LeakCheck;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.SAXParserFactory;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A 250,000-row export to XLSX in a 48 MB heap, in a JVM of its own, over two sheets: it completes, the workbook holds
 * every row (counted with POI's streaming reader), and the temporary sheet files are gone. PostgreSQL only: the
 * memory is the writer's. The 2M-row run in 128 MB is in rowstream-bench.
 */
@ExtendWith(LeakCheck.class)
class XlsxSmallHeapTest {
    private static final int ROWS = 250_000;
    private static final DbTarget TARGET = DbTarget.POSTGRES;

    @TempDir
    Path dir;

    @Test
    void exportsInASmallHeap() throws Exception {
        String t = TARGET.table("xlheap");
        TARGET.execute("CREATE TABLE " + t + " (id BIGINT PRIMARY KEY, name VARCHAR(100), amount NUMERIC(12,2),"
                + " at TIMESTAMP)", "INSERT INTO " + t + " SELECT g, 'name-' || g || ' ' || md5(g::text), g * 1.25,"
                + " timestamp '2024-01-01' + g * interval '1 second' FROM generate_series(1, " + ROWS + ") g");
        try {
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            Path file = dir.resolve("orders.xlsx");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx48m", "-XX:+UseSerialGC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                    ExportChild.class.getName(), TARGET.jdbcUrl(), t, "xlsx", file.toString(), "temp-dir=" + tmp,
                    "sheet-rows=200000", "sheet=orders")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            System.out.println("child: " + out);
            assertThat(out).contains("rows=" + ROWS + " idSum=" + (long) ROWS * (ROWS + 1) / 2);
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left).as("temporary sheet files").isEmpty();
            }
            assertThat(rowsPerSheet(file)).containsExactly(200_001, ROWS - 200_000 + 1);
        } finally {
            TARGET.dropTable(t);
        }
    }

    /** The rows of each sheet, header included, read as a stream of XML (the file is too big for a workbook in memory). */
    private static List<Integer> rowsPerSheet(Path file) throws Exception {
        List<Integer> counts = new ArrayList<>();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            Iterator<InputStream> sheets = new XSSFReader(pkg).getSheetsData();
            while (sheets.hasNext()) {
                int[] n = {0};
                try (InputStream in = sheets.next()) {
                    SAXParserFactory f = SAXParserFactory.newInstance();
                    f.setNamespaceAware(true);
                    f.newSAXParser().parse(in, new DefaultHandler() {
                        @Override
                        public void startElement(String uri, String local, String qName, Attributes a) {
                            if (local.equals("row")) {
                                n[0]++;
                            }
                        }
                    });
                }
                counts.add(n[0]);
            }
        }
        return counts;
    }
}
