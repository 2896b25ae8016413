package dev.rowstream.parquet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Parquet's {@link OutputFile} over a stream the caller owns: Parquet only appends, and needs the position only
 * to record where each part starts. Closing it (Parquet does, after the footer) flushes, never closes the
 * caller's stream. Thrift writes page headers and the footer in many small pieces: a buffer gathers them.
 */
final class StreamOutputFile implements OutputFile {
    private final Position out;

    StreamOutputFile(OutputStream target) {
        this.out = new Position(target);
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return out;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return out;
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    /** Flushes what Parquet has written so far (whole row groups) to the caller's stream. */
    void flush() throws IOException {
        out.flush();
    }

    /** Bytes written so far. */
    long position() {
        return out.getPos();
    }

    private static final class Position extends PositionOutputStream {
        private final BufferedOutputStream target;
        private long pos;

        Position(OutputStream target) {
            this.target = new BufferedOutputStream(target, 1 << 16);
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            pos += len;
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.flush(); // the stream is the caller's to close
        }
    }
}
