package dev.rowstream.format;

import dev.rowstream.InvalidSpecException;

import java.io.Writer;
import java.util.Locale;
import java.util.Objects;

/** The output formats rows can be written in. */
public enum Format {
    /** RFC 4180 CSV with a header row; NULL is an empty field, an empty string is {@code ""}. */
    CSV,
    /** JSON Lines: one object per row, keys in column order. */
    JSONL;

    /** The format named {@code name}, ignoring case ({@code csv}, {@code jsonl}). */
    public static Format parse(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("no format given: use csv or jsonl");
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("unknown format '" + name + "': use csv or jsonl", e);
        }
    }

    /**
     * A writer of this format onto {@code out}. The caller keeps ownership of {@code out}:
     * {@link RowWriter#close()} flushes it but does not close it.
     */
    public RowWriter writer(Writer out) {
        Objects.requireNonNull(out, "out");
        return switch (this) {
            case CSV -> new CsvRowWriter(out);
            case JSONL -> new JsonLinesRowWriter(out);
        };
    }
}
