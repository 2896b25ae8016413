package dev.rowstream.zstd;

import com.github.luben.zstd.ZstdOutputStream;
import dev.rowstream.format.Compression;
import dev.rowstream.format.MemberStream;
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

    private static final class Frames extends MemberStream {
        Frames(OutputStream out) {
            super(out);
        }

        @Override
        protected OutputStream openMember(OutputStream file) throws IOException {
            ZstdOutputStream frame = new ZstdOutputStream(file, LEVEL);
            // The frame's content size is not known up front; a checksum lets a reader check each frame whole.
            frame.setChecksum(true);
            return frame; // its flush() is zstd's: every byte so far decodes, without ending the frame
        }
    }
}
