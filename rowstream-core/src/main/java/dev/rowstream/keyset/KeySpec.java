package dev.rowstream.keyset;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.internal.SqlText;
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

    /** Reads the key over {@link SqlText}'s tokens, the same tokenizer that checks conditions and queries. */
    private static final class Parser {
        private final String text;
        private final List<SqlText.Token> tokens;
        private int at;

        Parser(String text) {
            this.text = text;
            this.tokens = SqlText.tokens(text, SqlText.NAMES, "key(...)").stream()
                    .filter(t -> t.kind() != SqlText.Kind.SPACE).toList();
        }

        KeySpec parse() {
            List<KeyColumn> cols = new ArrayList<>();
            do {
                cols.add(column());
            } while (eatComma());
            if (at < tokens.size()) {
                throw error("unexpected '" + text.substring(tokens.get(at).start()) + "'");
            }
            return KeySpec.of(cols);
        }

        private KeyColumn column() {
            if (at >= tokens.size()) {
                throw error("a column name is missing");
            }
            SqlText.Token t = tokens.get(at++);
            String name = SqlText.name(text, t);
            if (name == null) {
                throw error("'" + SqlText.text(text, t) + "' cannot start a column name (quote unusual names with \")");
            }
            if (name.isEmpty()) {
                throw error("an empty quoted name");
            }
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
            return new KeyColumn(name, t.kind() == SqlText.Kind.NAME, desc, nulls);
        }

        /** The next bare word in upper case, or "" at a comma or the end. */
        private String word() {
            if (at >= tokens.size() || tokens.get(at).kind() == SqlText.Kind.COMMA) {
                return "";
            }
            SqlText.Token t = tokens.get(at);
            if (t.kind() != SqlText.Kind.WORD) {
                throw error("unexpected '" + text.substring(t.start()) + "'");
            }
            at++;
            return SqlText.text(text, t).toUpperCase(Locale.ROOT);
        }

        private boolean eatComma() {
            if (at < tokens.size() && tokens.get(at).kind() == SqlText.Kind.COMMA) {
                at++;
                return true;
            }
            return false;
        }

        private InvalidSpecException error(String what) {
            return new InvalidSpecException("bad key '" + text + "': " + what
                    + "; write it as \"col [ASC|DESC] [NULLS FIRST|NULLS LAST], ...\"");
        }
    }
}
