package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;

/** Splits user-written identifier lists: {@code a, "b c", `d`} and {@code schema.table}. */
final class Names {
    private Names() {
    }

    /** One identifier; quoted ones keep their exact case. */
    record Part(String text, boolean quoted) {
    }

    /** {@code schema.table} into its parts. */
    static List<Part> split(String qualified) {
        return parse(qualified, '.', "table name");
    }

    /** {@code a, b, "c d"} into names. */
    static List<Part> list(String commaSeparated) {
        return parse(commaSeparated, ',', "column list");
    }

    private static List<Part> parse(String text, char separator, String what) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                throw new InvalidSpecException("bad " + what + " '" + text + "': a name is missing");
            }
            char c = text.charAt(i);
            StringBuilder sb = new StringBuilder();
            boolean quoted = c == '"' || c == '`';
            if (quoted) {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = text.charAt(i++);
                    if (d == c) {
                        if (i < n && text.charAt(i) == c) {
                            sb.append(c);
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        sb.append(d);
                    }
                }
                if (!closed || sb.length() == 0) {
                    throw new InvalidSpecException("bad " + what + " '" + text + "': a quoted name is empty or not closed");
                }
            } else {
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '$')) {
                    sb.append(text.charAt(i++));
                }
                if (sb.length() == 0) {
                    throw new InvalidSpecException("bad " + what + " '" + text + "': unexpected '" + text.charAt(i)
                            + "' (quote unusual names with \")");
                }
            }
            parts.add(new Part(sb.toString(), quoted));
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return parts;
            }
            if (text.charAt(i) != separator) {
                throw new InvalidSpecException("bad " + what + " '" + text + "': unexpected '" + text.substring(i) + "'");
            }
            i++;
        }
    }
}
