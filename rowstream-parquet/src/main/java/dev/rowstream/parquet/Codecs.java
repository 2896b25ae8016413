package dev.rowstream.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compressors that need no Hadoop: parquet-java's own {@code CodecFactory} goes through Hadoop's codec
 * classes. Each compresses a whole page in one call, with the library Parquet itself uses for the codec
 * (snappy-java, zstd-jni) or the JDK's deflater (gzip), into the codec's standard frame: raw Snappy blocks, a
 * zstd frame, a gzip member. Writing only: a reader brings its own.
 */
final class Codecs implements CompressionCodecFactory {
    /** zstd's own default level. */
    static final int ZSTD_LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) {
                    return bytes;
                }
            };
            case SNAPPY -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return BytesInput.from(Snappy.compress(bytes.toByteArray()));
                }
            };
            case ZSTD -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return BytesInput.from(Zstd.compress(bytes.toByteArray(), ZSTD_LEVEL));
                }
            };
            case GZIP -> new Compressor(codec) {
                private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    buffer.reset();
                    try (GZIPOutputStream gzip = new GZIPOutputStream(buffer, 1 << 16)) {
                        bytes.writeAllTo(gzip);
                    }
                    return BytesInput.from(buffer.toByteArray());
                }
            };
            default -> throw new IllegalArgumentException("rowstream writes Parquet with snappy, zstd, gzip or no"
                    + " compression, not " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("rowstream only writes Parquet");
    }

    @Override
    public void release() {
    }

    private abstract static class Compressor implements BytesInputCompressor {
        private final CompressionCodecName codec;

        Compressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }
}
