package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.sink.FileSink;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.FootedFormat;
import dev.rowstream.testing.LeakCheck;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export}'s output options: the format and compression from the file's name or given, stdout with
 * {@code -}, numbered files, and bad input refused with exit 2 and one line before any row is read (no
 * connection at all: the URL points at a port where nothing listens) and with no file left behind.
 *
 * <p>On H2 only: none of this touches a driver (the formats and sinks are the library's, tested on every
 * database in the core's contract tests); H2 needs no server.
 */
@ExtendWith(LeakCheck.class)
class ExportOutputTest {
    /** Nothing listens on port 1: a command that connected would fail with a connection error, not exit 2. */
    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2";
    private static final int ROWS = 10;

    private final DbTarget h2 = DbTarget.H2;
    private String table;

    @TempDir
    Path dir;

    @BeforeEach
    void fill() {
        table = h2.table("outopt");
        h2.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(20))");
        for (int i = 1; i <= ROWS; i++) {
            h2.execute("INSERT INTO " + table + " VALUES (" + i + ", " + (i % 3 == 0 ? "NULL" : "'n, " + i + "'") + ")");
        }
    }

    @AfterEach
    void drop() {
        h2.dropTable(table);
    }

    private Cli.Result export(String... options) {
        List<String> args = new ArrayList<>(List.of("export", "--url", h2.jdbcUrl(), "--table", table));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    private byte[] plainCsv() {
        Cli.Result r = export();
        assertThat(r.code()).as("%s", r).isZero();
        return r.outBytes();
    }

    @Test
    void theFileNameChoosesFormatAndCompression() throws IOException {
        Path gz = dir.resolve("out.csv.gz");
        Cli.Result r = export("--output", gz.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(gunzip(Files.readAllBytes(gz))).isEqualTo(plainCsv());
        Path jsonl = dir.resolve("out.jsonl");
        assertThat(export("--output", jsonl.toString()).code()).isZero();
        assertThat(Files.readAllLines(jsonl)).hasSize(ROWS).allSatisfy(l -> assertThat(l).startsWith("{\"ID\":"));
        assertThat(export("--format", "jsonl").out()).isEqualTo(Files.readString(jsonl));
    }

    @Test
    void compressOverridesTheNameAndWorksOnStdout() throws IOException {
        Path named = dir.resolve("plain.csv.gz");
        assertThat(export("--output", named.toString(), "--compress", "none").code()).isZero();
        assertThat(Files.readAllBytes(named)).isEqualTo(plainCsv());
        Cli.Result stdout = export("--compress", "gzip");
        assertThat(stdout.code()).as("%s", stdout).isZero();
        assertThat(gunzip(stdout.outBytes())).isEqualTo(plainCsv());
        Cli.Result dash = export("--output", "-");
        assertThat(dash.outBytes()).isEqualTo(plainCsv());
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(named);
        }
    }

    @Test
    void numberedFilesEachWithTheirHeader() throws IOException {
        Path file = dir.resolve("orders.csv");
        Cli.Result r = export("--output", file.toString(), "--max-rows-per-file", "4");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).contains("exported " + ROWS + " rows").contains(" into 3 files");
        List<String> want = new String(plainCsv(), StandardCharsets.UTF_8).lines().toList();
        List<String> got = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            List<String> lines = Files.readAllLines(dir.resolve("orders-0000" + n + ".csv"));
            assertThat(lines.get(0)).isEqualTo(want.get(0));
            assertThat(lines).hasSize(n < 3 ? 5 : 3);
            got.addAll(lines.subList(1, lines.size()));
        }
        assertThat(got).isEqualTo(want.subList(1, want.size()));
        assertThat(file).doesNotExist();
        // A format that cannot be appended to goes into numbered files too, each one whole.
        Path footed = dir.resolve("orders.footed");
        assertThat(export("--output", footed.toString(), "--max-file-mb", "1", "--checkpoint",
                dir.resolve("f.ckpt").toString()).code()).isZero();
        assertThat(Files.readString(dir.resolve("orders-00001.footed"))).endsWith(FootedFormat.footer(ROWS));
        // The format modules the tool bundles plug in the same way: Parquet files, each with its footer.
        Path parquet = dir.resolve("orders.parquet");
        Cli.Result p = export("--output", parquet.toString(), "--max-rows-per-file", "6", "--checkpoint",
                dir.resolve("p.ckpt").toString());
        assertThat(p.code()).as("%s", p).isZero();
        for (String name : List.of("orders-00001.parquet", "orders-00002.parquet")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
            assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII)).as("footer").isEqualTo("PAR1");
        }
        assertThat(dir.resolve("orders-00003.parquet")).doesNotExist();
    }

    @Test
    void badOutputOptionsAreExit2BeforeAnyConnectionAndLeaveNoFile() throws IOException {
        Path file = dir.resolve("out.csv");
        Path locked = Files.createDirectory(dir.resolve("locked"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
        List<List<String>> bad = new ArrayList<>(List.of(
                List.of("--format", "xml", "--output", file.toString()),
                List.of("--compress", "lz4", "--output", file.toString()),
                List.of("--format", "footed"),
                List.of("--format", "footed", "--output", "-"),
                List.of("--max-rows-per-file", "0", "--output", file.toString()),
                List.of("--max-file-mb", "0", "--output", file.toString()),
                List.of("--max-rows-per-file", "5"),
                List.of("--output", dir.resolve("missing/out.csv").toString()),
                List.of("--output", dir.toString()),
                List.of("--output", dir.resolve("x.footed").toString(), "--checkpoint", dir.resolve("x.ckpt").toString()),
                List.of("--output", file.toString(), "--checkpoint", file.toString()),
                List.of("--format", "parquet"),
                List.of("--output", dir.resolve("x.xlsx").toString(), "--checkpoint", dir.resolve("x.ckpt").toString())));
        List<String> why = new ArrayList<>(List.of("unknown format 'xml': use csv, jsonl, ",
                "unknown compression 'lz4'", "format footed cannot be written to stdout: write it to a file"
                        + " (--output FILE)", "cannot be written to stdout", "--max-rows-per-file 0 is out of range",
                "--max-file-mb 0 is out of range", "--max-rows-per-file rolls over into numbered files: give --output"
                        + " FILE", "does not exist: create it first", "is a folder",
                "add --max-rows-per-file or --max-file-mb", "is the output itself",
                "format parquet cannot be written to stdout", "format xlsx cannot be appended to"));
        if (!Files.isWritable(locked)) { // root writes anywhere
            bad.add(List.of("--output", locked.resolve("out.csv").toString()));
            why.add("is not writable");
        }
        for (int i = 0; i < bad.size(); i++) {
            refusedBeforeAnyConnection(bad.get(i), why.get(i));
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(locked);
        }
        assertThat(FileSink.partOf(file)).doesNotExist();
    }

    /** {@code export OPTIONS} of a table at a URL where nothing listens: exit 2, one line containing {@code why}. */
    static void refusedBeforeAnyConnection(List<String> options, String why) {
        List<String> args = new ArrayList<>(List.of("export", "--url", NOWHERE, "--table", "t", "--progress", "off"));
        args.addAll(options);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as("%s: %s", options, r).isEqualTo(2);
        assertThat(r.errLines()).as("%s", options).singleElement().asString().startsWith("rowstream: error: ")
                .contains(why);
        assertThat(r.out()).isEmpty();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
