package dev.rowstream.zstd;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import dev.rowstream.Columns;
import dev.rowstream.Row;
import dev.rowstream.format.Compression;
import dev.rowstream.format.Compressions;
import dev.rowstream.format.Format;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.Formats;
import dev.rowstream.format.RowWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZstdCompressionTest {
    @TempDir
    Path dir;

    private final Compression zstd = Compressions.named("zstd");

    @Test
    void foundByNameAndFileName() {
        assertThat(zstd).isInstanceOf(ZstdCompression.class);
        assertThat(Compressions.forFileName("orders.csv.zst")).isSameAs(zstd);
        assertThat(Formats.forFileName("orders.csv.zst")).containsSame(Format.CSV);
        assertThat(Formats.forFileName("orders.jsonl.zst")).containsSame(Format.JSONL);
        assertThat(zstd.contentEncoding()).isEqualTo("zstd");
    }

    @Test
    void framesCutAtAnyEndDecompressAloneAndTogether() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<Integer> cuts = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        List<String> upTo = new ArrayList<>();
        try (Compression.CompressedStream z = zstd.open(file)) {
            for (int frame = 0; frame < 5; frame++) {
                for (int line = 0; line < 1000 * frame + 1; line++) {
                    String text = "frame " + frame + " line " + line + "\n";
                    z.write(text.getBytes(StandardCharsets.UTF_8));
                    all.append(text);
                }
                z.endMember();
                cuts.add(file.size());
                upTo.add(all.toString());
            }
        }
        byte[] bytes = file.toByteArray();
        assertThat(cuts.get(cuts.size() - 1)).isEqualTo(bytes.length); // close after endMember adds nothing
        assertThat(unzstd(bytes)).isEqualTo(all.toString());
        assertThat(zstdCommand(bytes)).isEqualTo(all.toString());
        for (int i = 0; i < cuts.size(); i++) {
            byte[] cut = Arrays.copyOf(bytes, cuts.get(i));
            assertThat(unzstd(cut)).as("cut after frame %d", i).isEqualTo(upTo.get(i));
            assertThat(zstdCommand(cut)).as("zstd -d, cut after frame %d", i).isEqualTo(upTo.get(i));
        }
    }

    @Test
    void endingAnEmptyFrameWritesNothing() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Compression.CompressedStream z = zstd.open(file);
        z.endMember();
        z.endMember();
        assertThat(file.size()).isZero();
        z.close();
        assertThat(file.size()).isZero();
    }

    @Test
    void flushMakesEverythingSoFarReadableWithoutEndingTheFrame() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Compression.CompressedStream z = zstd.open(file);
        z.write("abc".getBytes(StandardCharsets.UTF_8));
        z.flush();
        byte[] partial = file.toByteArray();
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(partial))) {
            in.setContinuous(true); // the frame is not finished yet
            byte[] b = new byte[3];
            assertThat(in.readNBytes(b, 0, 3)).isEqualTo(3);
            assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("abc");
        }
        z.close();
    }

    @Test
    void csvThroughZstd() throws Exception {
        Columns c = new Columns(new String[] {"id", "name"}, new int[] {Types.INTEGER, Types.VARCHAR},
                new String[] {"int4", "text"});
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (Compression.CompressedStream z = zstd.open(file); RowWriter w = Format.CSV.writer(z, FormatOptions.NONE)) {
            w.begin(c);
            w.write(new Row(c, new Object[] {1, "a,b"}));
            w.flush();
            z.endMember();
            w.write(new Row(c, new Object[] {2, null}));
        }
        assertThat(zstdCommand(file.toByteArray())).isEqualTo("id,name\n1,\"a,b\"\n2,\n");
    }

    private static String unzstd(byte[] bytes) throws IOException {
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The zstd command line tool (the reference implementation's own decoder), when the machine has it. */
    private String zstdCommand(byte[] bytes) throws Exception {
        Path in = Files.write(dir.resolve("in.zst"), bytes);
        Process p = new ProcessBuilder("zstd", "-d", "-c", "-q", in.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
