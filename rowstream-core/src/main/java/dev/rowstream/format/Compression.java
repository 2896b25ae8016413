package dev.rowstream.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A compression of an output's bytes: none and gzip are built in; a module adds another (zstd) by listing
 * its implementation in {@code META-INF/services/dev.rowstream.format.Compression}. Chosen by the output's
 * file name ({@code orders.csv.gz}) or by name ({@link Compressions}).
 *
 * <p>A resumable export needs to cut its output at a checkpoint and go on after it. Both gzip and zstd
 * allow a file of several members (frames) one after the other, which decompresses as one stream: so at
 * each checkpoint the writer ends the current member ({@link CompressedStream#endMember()}), and the file
 * up to there is complete on its own.
 */
public interface Compression {
    /** No compression: the bytes as they are. */
    Compression NONE = new Compressions.None();
    /** gzip (RFC 1952), through the JDK's own deflater. */
    Compression GZIP = new Compressions.Gzip();

    /** The name users give it ({@code none}, {@code gzip}, {@code zstd}). */
    String name();

    /** The file name ending it adds ({@code .gz}), or "" for none. */
    String extension();

    /** The HTTP {@code Content-Encoding} token ({@code gzip}), or null when there is none for it. */
    String contentEncoding();

    /** A stream that compresses into {@code out}; closing it finishes the last member and closes {@code out}. */
    CompressedStream open(OutputStream out) throws IOException;

    /** An output stream that compresses, and can end its member (frame) so that the bytes so far stand alone. */
    abstract class CompressedStream extends OutputStream {
        /**
         * Ends the current member and flushes it to the underlying stream: the bytes written so far
         * decompress on their own. Later writes start a new member.
         */
        public abstract void endMember() throws IOException;
    }
}
