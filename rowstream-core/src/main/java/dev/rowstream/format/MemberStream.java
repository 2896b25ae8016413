package dev.rowstream.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A compressed stream made of members (gzip members, zstd frames) one after the other: a member starts with the
 * first write after {@link #endMember()}, and closing a member finishes it without closing the file. A
 * compression module supplies only how a member is opened.
 */
public abstract class MemberStream extends Compression.CompressedStream {
    private final OutputStream out;
    /** The file, kept open across members. */
    private final OutputStream target;
    private OutputStream member;

    protected MemberStream(OutputStream out) {
        this.out = out;
        this.target = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // A member's end must not close the file.
            }
        };
    }

    /** A new member writing compressed bytes into {@code file}; closing it finishes the member. */
    protected abstract OutputStream openMember(OutputStream file) throws IOException;

    private OutputStream member() throws IOException {
        if (member == null) {
            member = openMember(target);
        }
        return member;
    }

    @Override
    public void write(int b) throws IOException {
        member().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        member().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        if (member != null) {
            member.flush();
        }
        out.flush();
    }

    @Override
    public void endMember() throws IOException {
        if (member != null) {
            member.close(); // finishes the member and frees its native or deflater state; the file stays open
            member = null;
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
