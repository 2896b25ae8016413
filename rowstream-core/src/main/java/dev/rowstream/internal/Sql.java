package dev.rowstream.internal;

/** Small helpers for SQL text in messages and user queries. */
public final class Sql {
    private static final int SHORT = 120;

    private Sql() {
    }

    /** The SQL on one line, cut to a readable length for an error message. */
    public static String shorten(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= SHORT ? flat : flat.substring(0, SHORT - 3) + "...";
    }

    /** The first line of a (driver's) message. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
