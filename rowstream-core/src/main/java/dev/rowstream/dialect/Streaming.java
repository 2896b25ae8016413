package dev.rowstream.dialect;

import java.util.List;

/**
 * Whether a driver streams the result of a statement or reads it whole into memory first, and why: a
 * dialect's rule (see {@link Dialect#streaming}) applied to the live settings of a connection and a
 * statement.
 *
 * @param verdict what the driver does
 * @param reasons the settings that decide it, each with its value: for {@link Verdict#BUFFERS} the ones
 *                that make it buffer (and the fix), for {@link Verdict#STREAMS} the ones that make it stream
 */
public record Streaming(Verdict verdict, List<String> reasons) {

    public enum Verdict {
        /** Rows come from the server a fetch at a time (or one by one): memory does not grow with the result. */
        STREAMS,
        /** The whole result is read into memory before the first row is handed out. */
        BUFFERS,
        /** No rule is known for this driver. */
        UNKNOWN
    }

    public Streaming {
        reasons = List.copyOf(reasons);
    }

    public static Streaming streams(List<String> reasons) {
        return new Streaming(Verdict.STREAMS, reasons);
    }

    public static Streaming buffers(List<String> reasons) {
        return new Streaming(Verdict.BUFFERS, reasons);
    }

    public static Streaming unknown(String reason) {
        return new Streaming(Verdict.UNKNOWN, List.of(reason));
    }

    /** STREAMS when nothing makes it buffer, else BUFFERS with only the reasons that do. */
    static Streaming of(List<String> buffersBecause, List<String> streamsBecause) {
        return buffersBecause.isEmpty() ? streams(streamsBecause) : buffers(buffersBecause);
    }

    public boolean buffers() {
        return verdict == Verdict.BUFFERS;
    }

    /** The reasons as one sentence. */
    public String because() {
        return String.join("; ", reasons);
    }
}
