package dev.rowstream.parquet;

import dev.rowstream.Columns;
import dev.rowstream.Row;
import dev.rowstream.format.BaseRowWriter;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/**
 * Writes rows as one Parquet file. Parquet gathers a row group in memory (at most {@code row-group-mb}, then
 * it is written out), and the footer that makes the file readable is written by {@link #close()}: the output
 * is valid only once closed, and a writer whose write failed writes no footer.
 */
final class ParquetRowWriter extends BaseRowWriter {
    private final StreamOutputFile file;
    private final ParquetSettings settings;
    private ParquetWriter<Row> writer;
    private boolean failed;

    ParquetRowWriter(OutputStream out, ParquetSettings settings) {
        this.file = new StreamOutputFile(out);
        this.settings = settings;
    }

    @Override
    protected void writeHeader(Columns columns) throws IOException {
        // The schema first: a column without a faithful type is refused before a byte is written.
        RowWriteSupport support = new RowWriteSupport(ParquetSchema.of(columns, settings.strings()));
        writer = new Builder(file, support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new Codecs())
                .withCompressionCodec(settings.codec())
                .withRowGroupSize(settings.rowGroupBytes())
                .withPageSize(settings.pageBytes())
                .withDictionaryPageSize(settings.pageBytes())
                .build();
    }

    @Override
    protected void writeRow(Row row) throws IOException {
        try {
            writer.write(row);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** Flushes the row groups written so far; the row group being gathered stays in memory until it is full. */
    @Override
    public void flush() throws IOException {
        file.flush();
    }

    @Override
    protected void finish() throws IOException {
        if (writer != null && !failed) {
            writer.close(); // the last row group and the footer
        }
        file.flush();
    }

    /** Bytes written to the output so far. */
    long bytesWritten() {
        return file.position();
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }

        @Override
        @Deprecated
        protected WriteSupport<Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }
    }
}
