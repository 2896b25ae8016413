package dev.rowstream.format;

import java.io.Writer;

/** A format whose output is text, so it can also be written to a {@link Writer} (a string, a servlet's writer). */
public interface TextFormat extends Format {

    /**
     * A writer of this format onto {@code out}, with default options. The caller keeps ownership of {@code out}:
     * {@link RowWriter#close()} flushes it but does not close it.
     */
    RowWriter writer(Writer out);
}
