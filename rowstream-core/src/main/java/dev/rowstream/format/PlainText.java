package dev.rowstream.format;

/**
 * The text of a value exactly as CSV and JSON Lines write it, for a format module that writes a value as text
 * (Parquet's {@code strings=true}, an XLSX cell that Excel's numbers cannot hold).
 */
public final class PlainText {
    private PlainText() {
    }

    /** The text of a non-null value: plain digits, ISO dates, timestamps with a zone in UTC, base64 bytes. */
    public static String of(Object value) {
        return ValueText.of(value);
    }
}
