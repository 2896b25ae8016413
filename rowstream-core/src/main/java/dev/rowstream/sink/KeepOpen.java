package dev.rowstream.sink;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream whose {@code close()} only flushes: for what a compressor or a format closes when it finishes (it
 * may hold native memory, so it is closed), over a stream that is closed later, or never (the caller's).
 */
final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len); // FilterOutputStream would write byte by byte
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
