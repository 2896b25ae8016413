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

    /** Reads the names over {@link SqlText}'s tokens, the same tokenizer that reads keys, conditions and queries. */
    private static List<Part> parse(String text, char separator, String what) {
        List<SqlText.Token> tokens = SqlText.tokens(text, SqlText.NAMES, "the " + what).stream()
                .filter(t -> t.kind() != SqlText.Kind.SPACE).toList();
        List<Part> parts = new ArrayList<>();
        for (int i = 0; ; i++) {
            if (i >= tokens.size()) {
                throw new InvalidSpecException("bad " + what + " '" + text + "': a name is missing");
            }
            SqlText.Token t = tokens.get(i);
            // A bare name may start with a digit here: MariaDB's may, and the database judges the name.
            String name = t.kind() == SqlText.Kind.WORD ? SqlText.text(text, t) : SqlText.name(text, t);
            if (name == null) {
                throw new InvalidSpecException("bad " + what + " '" + text + "': unexpected '" + SqlText.text(text, t)
                        + "' (quote unusual names with \")");
            }
            if (name.isEmpty()) {
                throw new InvalidSpecException("bad " + what + " '" + text + "': a quoted name is empty or not closed");
            }
            parts.add(new Part(name, t.kind() == SqlText.Kind.NAME));
            if (++i >= tokens.size()) {
                return parts;
            }
            if (!SqlText.text(text, tokens.get(i)).equals(String.valueOf(separator))) {
                throw new InvalidSpecException("bad " + what + " '" + text + "': unexpected '"
                        + text.substring(tokens.get(i).start()) + "'");
            }
        }
    }
}
