package dev.rowstream.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class CompressionTest {

    @Test
    void gzipMembersCutAtAnyEndDecompressAlone() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Compression.CompressedStream gz = Compression.GZIP.open(file);
        gz.write("first,".getBytes(StandardCharsets.UTF_8));
        gz.endMember();
        int cut = file.size();
        gz.write("second".getBytes(StandardCharsets.UTF_8));
        gz.close();

        assertThat(gunzip(file.toByteArray())).isEqualTo("first,second");
        // What a resumed export relies on: the file up to a member's end is complete on its own.
        assertThat(gunzip(Arrays.copyOf(file.toByteArray(), cut))).isEqualTo("first,");
    }

    @Test
    void endingAnEmptyMemberWritesNothing() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Compression.CompressedStream gz = Compression.GZIP.open(file);
        gz.endMember();
        gz.endMember();
        assertThat(file.size()).isZero();
    }

    @Test
    void noneIsTheBytesAsTheyAre() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (Compression.CompressedStream none = Compression.NONE.open(file)) {
            none.write(new byte[] {1, 2, 3});
            none.endMember();
        }
        assertThat(file.toByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void chosenByFileNameOrByName() {
        assertThat(Compressions.forFileName("orders.csv.gz")).isSameAs(Compression.GZIP);
        assertThat(Compressions.forFileName("orders.CSV.GZ")).isSameAs(Compression.GZIP);
        assertThat(Compressions.forFileName("orders.csv")).isSameAs(Compression.NONE);
        assertThat(Compressions.named(" GZip ")).isSameAs(Compression.GZIP);
        assertThatThrownBy(() -> Compressions.named("rar")).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("unknown compression 'rar': use none");
        assertThat(Compressions.forContentEncoding("GZIP")).contains(Compression.GZIP);
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
