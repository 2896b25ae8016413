package dev.rowstream.parquet;

import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One result column as a Parquet field: the field's type, and how a value of the column becomes a value of that
 * type. A value the type cannot hold exactly is refused ({@link NotWritable}), never changed.
 */
final class ParquetColumn {
    /** Writes one non-null value into the current field, or throws {@link NotWritable}. */
    @FunctionalInterface
    interface ValueWriter {
        void write(RecordConsumer out, Object value);
    }

    /** Why a value cannot be written; the writer adds the column and row. No stack trace: it is a verdict. */
    static final class NotWritable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotWritable(String why) {
            super(why, null, false, false);
        }
    }

    private final String name;
    private final String source;
    private final PrimitiveType type;
    private final ValueWriter writer;
    private final boolean asText;

    ParquetColumn(String name, String source, PrimitiveType type, ValueWriter writer, boolean asText) {
        this.name = name;
        this.source = source;
        this.type = type;
        this.writer = writer;
        this.asText = asText;
    }

    String name() { return name; }

    /** The database's type name, for messages. */
    String source() { return source; }

    PrimitiveType type() { return type; }

    ValueWriter writer() { return writer; }

    /** True when the column has no faithful Parquet type and is written as its text ({@code strings=true}). */
    boolean asText() { return asText; }
}
