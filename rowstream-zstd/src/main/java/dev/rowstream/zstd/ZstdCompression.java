package dev.rowstream.zstd;

import com.github.luben.zstd.ZstdOutputStream;
import dev.rowstream.format.Compression;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * zstd ({@code --compress zstd}, {@code *.zst}), through zstd-jni at zstd's default level 3. Each
 * {@link CompressedStream#endMember()} ends a zstd frame: frames one after the other decompress as one stream
 * ({@code zstd -d}, zstd-jni's {@code ZstdInputStream}), so a file cut after any frame is complete, and a resumed
 * export appends the next frame.
 */
public final class ZstdCompression implements Compression {
    /** zstd's own default: fast, and about as small as gzip -6. */
    static final int LEVEL = 3;

    @Override
    public String name() { return "zstd"; }

    @Override
    public String extension() { return ".zst"; }

    @Override
    public String contentEncoding() { return "zstd"; }

    @Override
    public CompressedStream open(OutputStream out) {
        return new Frames(out);
    }

    @Override
    public String toString() { return name(); }

    private static final class Frames extends CompressedStream {
        private final OutputStream out;
        /** The file, kept open when a frame ends. */
        private final OutputStream target;
        private ZstdOutputStream frame;

        Frames(OutputStream out) {
            this.out = out;
            this.target = new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                    // A frame's end must not close the file.
                }
            };
        }

        private ZstdOutputStream frame() throws IOException {
            if (frame == null) {
                frame = new ZstdOutputStream(target, LEVEL);
                // The frame's content size is not known up front; a checksum lets a reader check each frame whole.
                frame.setChecksum(true);
            }
            return frame;
        }

        @Override
        public void write(int b) throws IOException {
            frame().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            frame().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (frame != null) {
                frame.flush(); // a zstd flush: every byte so far decodes, without ending the frame
            }
            out.flush();
        }

        @Override
        public void endMember() throws IOException {
            if (frame != null) {
                frame.close(); // writes the frame's epilogue and frees its native context; the file stays open
                frame = null;
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            try {
                endMember();
            } finally {
                out.close();
            }
        }
    }
}
