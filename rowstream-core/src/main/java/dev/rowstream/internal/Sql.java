package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;

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

    /**
     * The query without trailing semicolons, refused when it holds several statements: a PostgreSQL
     * multi-statement query is never streamed, and a derived table cannot wrap it.
     */
    static String singleStatement(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        if (q.isEmpty()) {
            throw new InvalidSpecException("the query is empty: give one SELECT statement");
        }
        char quote = 0;
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '-' && i + 1 < q.length() && q.charAt(i + 1) == '-') {
                int nl = q.indexOf('\n', i);
                if (nl < 0) {
                    throw new InvalidSpecException("the query ends in a -- comment: remove it, or end it with a new line");
                }
                i = nl;
            } else if (c == '/' && i + 1 < q.length() && q.charAt(i + 1) == '*') {
                int end = q.indexOf("*/", i + 2);
                i = end < 0 ? q.length() : end + 1;
            } else if (c == ';') {
                throw new InvalidSpecException("the query holds more than one statement: give a single SELECT");
            }
        }
        return q;
    }
}
