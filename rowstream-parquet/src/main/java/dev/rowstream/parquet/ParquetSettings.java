package dev.rowstream.parquet;

import dev.rowstream.format.FormatOptions;
import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The Parquet format's options, read and checked once.
 *
 * @param codec         {@code compression}: snappy (the default), zstd, gzip or none
 * @param rowGroupBytes {@code row-group-mb}: the most a row group gathers in memory before it is written
 * @param pageBytes     the page size (1 MiB, Parquet's default, or less for small row groups)
 * @param strings       {@code strings}: write columns that have no faithful Parquet type as their text
 */
record ParquetSettings(CompressionCodecName codec, long rowGroupBytes, int pageBytes, boolean strings) {
    static final String COMPRESSION = "compression";
    static final String ROW_GROUP_MB = "row-group-mb";
    static final String STRINGS = "strings";
    /**
     * Small enough that a writer, the database driver's batch and the JVM fit in a 64 MB heap: the row group is
     * gathered in memory, compressed page by page.
     */
    static final long DEFAULT_ROW_GROUP_MB = 8;

    static ParquetSettings of(FormatOptions options) {
        String codec = options.choice(COMPRESSION, "snappy", "snappy", "zstd", "gzip", "none");
        long mb = options.number(ROW_GROUP_MB, DEFAULT_ROW_GROUP_MB, 1, 1024);
        CompressionCodecName name = codec.equals("none") ? CompressionCodecName.UNCOMPRESSED
                : CompressionCodecName.valueOf(codec.toUpperCase(Locale.ROOT));
        int page = (int) Math.min(1 << 20, mb * (1 << 20) / 8);
        return new ParquetSettings(name, mb << 20, page, options.flag(STRINGS, false));
    }
}
