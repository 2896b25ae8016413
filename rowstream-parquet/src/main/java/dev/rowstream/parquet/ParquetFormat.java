package dev.rowstream.parquet;

import dev.rowstream.format.Format;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.RowWriter;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * Apache Parquet ({@code --format parquet}), written with parquet-java and no Hadoop: the schema from the
 * result's column types ({@link ParquetSchema}), row groups of at most {@code row-group-mb} (8 by default),
 * pages compressed with {@code compression} (snappy by default, zstd, gzip or none). Option {@code strings=true}
 * writes columns that have no faithful Parquet type as their text instead of refusing them.
 *
 * <p>A Parquet file is readable only once its footer is written: it is not {@link #appendable()}, and needs a
 * file (not stdout).
 */
public final class ParquetFormat implements Format {
    @Override
    public String name() { return "parquet"; }

    @Override
    public List<String> extensions() { return List.of(".parquet"); }

    @Override
    public String mediaType() { return "application/vnd.apache.parquet"; }

    @Override
    public boolean appendable() { return false; }

    @Override
    public boolean suitsStdout() { return false; }

    @Override
    public List<String> optionNames() {
        return List.of(ParquetSettings.COMPRESSION, ParquetSettings.ROW_GROUP_MB, ParquetSettings.STRINGS);
    }

    @Override
    public void check(FormatOptions options) {
        Format.super.check(options);
        ParquetSettings.of(options);
    }

    @Override
    public RowWriter writer(OutputStream out, FormatOptions options) {
        check(options);
        return new ParquetRowWriter(Objects.requireNonNull(out, "out"), ParquetSettings.of(options));
    }

    @Override
    public String toString() { return name(); }
}
