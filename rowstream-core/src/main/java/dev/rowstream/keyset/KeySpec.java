package dev.rowstream.keyset;

import dev.rowstream.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A key: {@code col [ASC|DESC] [NULLS FIRST|NULLS LAST], ...}. Identifiers are bare
 * ({@code [A-Za-z_][A-Za-z0-9_$]*}), or quoted with {@code "..."} or {@code `...`} (a doubled quote
 * inside stands for one). Nothing else is accepted, so a key can never carry SQL.
 */
public final class KeySpec {
    private final List<KeyColumn> columns;

    private KeySpec(List<KeyColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    public static KeySpec of(List<KeyColumn> columns) {
        if (columns.isEmpty()) {
            throw new InvalidSpecException("the key is empty: name at least one column, e.g. key(id)");
        }
        return new KeySpec(columns);
    }

    public List<KeyColumn> columns() { return columns; }

    public int size() { return columns.size(); }

    /** Returns this key with {@code extra} appended (used to add a tiebreaker). */
    public KeySpec append(List<KeyColumn> extra) {
        List<KeyColumn> all = new ArrayList<>(columns);
        all.addAll(extra);
        return new KeySpec(all);
    }

    @Override
    public String toString() {
        return columns.stream().map(KeyColumn::toString).collect(Collectors.joining(", "));
    }

    public static KeySpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSpecException("the key is empty: name at least one column, e.g. key(id)");
        }
        return new Parser(text).parse();
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) { this.text = text; }

        KeySpec parse() {
            List<KeyColumn> cols = new ArrayList<>();
            do {
                cols.add(column());
                skipSpace();
            } while (eat(','));
            if (pos < text.length()) {
                throw error("unexpected '" + text.substring(pos) + "'");
            }
            return KeySpec.of(cols);
        }

        private KeyColumn column() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("a column name is missing");
            }
            char c = text.charAt(pos);
            String name;
            boolean quoted = c == '"' || c == '`';
            name = quoted ? quoted(c) : bare();
            boolean desc = false;
            KeyColumn.Nulls nulls = KeyColumn.Nulls.DEFAULT;
            String word = word();
            if (word.equals("ASC") || word.equals("DESC")) {
                desc = word.equals("DESC");
                word = word();
            }
            if (word.equals("NULLS")) {
                String where = word();
                if (!where.equals("FIRST") && !where.equals("LAST")) {
                    throw error("NULLS must be followed by FIRST or LAST");
                }
                nulls = KeyColumn.Nulls.valueOf(where);
                word = word();
            }
            if (!word.isEmpty()) {
                throw error("unexpected '" + word + "' after column " + name);
            }
            return new KeyColumn(name, quoted, desc, nulls);
        }

        private String quoted(char quote) {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == quote) {
                    if (pos < text.length() && text.charAt(pos) == quote) {
                        sb.append(quote);
                        pos++;
                    } else {
                        if (sb.length() == 0) {
                            throw error("an empty quoted name");
                        }
                        return sb.toString();
                    }
                } else {
                    sb.append(c);
                }
            }
            throw error("a quoted name is not closed");
        }

        private String bare() {
            int start = pos;
            while (pos < text.length() && isIdentChar(text.charAt(pos), pos == start)) {
                pos++;
            }
            if (start == pos) {
                throw error("'" + text.charAt(pos) + "' cannot start a column name (quote unusual names with \")");
            }
            return text.substring(start, pos);
        }

        /** The next bare word in upper case, or "" at a comma or the end. */
        private String word() {
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) == ',') {
                return "";
            }
            int start = pos;
            while (pos < text.length() && isIdentChar(text.charAt(pos), false)) {
                pos++;
            }
            if (start == pos) {
                throw error("unexpected '" + text.substring(pos) + "'");
            }
            return text.substring(start, pos).toUpperCase(Locale.ROOT);
        }

        private static boolean isIdentChar(char c, boolean first) {
            return c == '_' || Character.isLetter(c) || (!first && (Character.isDigit(c) || c == '$'));
        }

        private boolean eat(char c) {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private InvalidSpecException error(String what) {
            return new InvalidSpecException("bad key '" + text + "': " + what
                    + "; write it as \"col [ASC|DESC] [NULLS FIRST|NULLS LAST], ...\"");
        }
    }
}
