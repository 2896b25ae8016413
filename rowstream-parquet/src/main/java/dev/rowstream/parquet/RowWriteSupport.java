package dev.rowstream.parquet;

import dev.rowstream.Row;
import dev.rowstream.format.UnwritableValueException;
import dev.rowstream.parquet.ParquetColumn.NotWritable;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Hands each {@link Row} to Parquet's record consumer, field by field; NULLs are left out (optional fields). */
final class RowWriteSupport extends WriteSupport<Row> {
    private final List<ParquetColumn> fields;
    private final ParquetColumn[] byIndex;
    private final MessageType schema;
    private RecordConsumer out;
    private long rows;

    RowWriteSupport(List<ParquetColumn> fields) {
        this.fields = fields;
        this.byIndex = fields.toArray(new ParquetColumn[0]);
        this.schema = ParquetSchema.message(fields);
    }

    MessageType schema() { return schema; }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    /** Hadoop's Configuration is never on our path: {@link #init(ParquetConfiguration)} is what the writer calls. */
    @Override
    @Deprecated
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public String getName() {
        return "rowstream";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Row row) {
        rows++;
        out.startMessage();
        for (int i = 0; i < byIndex.length; i++) {
            Object v = row.get(i);
            if (v == null) {
                continue;
            }
            ParquetColumn f = byIndex[i];
            out.startField(f.name(), i);
            try {
                f.writer().write(out, v);
            } catch (NotWritable e) {
                throw new UnwritableValueException("row " + rows + ", column " + f.name() + " (" + f.source() + "): "
                        + e.getMessage() + ", which its Parquet type " + f.type().toString().replace("optional ", "")
                        + " cannot hold exactly: cast the column in the query, or leave it out; the Parquet output"
                        + " is incomplete", e);
            }
            out.endField(f.name(), i);
        }
        out.endMessage();
    }

    List<ParquetColumn> fields() { return fields; }
}
