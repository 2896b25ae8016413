package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.dialect.SqlSyntax.Lex;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one SQL tokenizer: splits text a user wrote into strings, quoted names, comments, parentheses, semicolons,
 * commas and the rest, by the database's own lexical rules ({@link Lex}), so that a condition pasted into a
 * query, or a query wrapped in a derived table, stays exactly where it is put. Where a rule is unclear the
 * tokenizer hides less (it ends a line comment at either line break), so that it never takes for a string or a
 * comment what the database runs as SQL.
 */
public final class SqlText {

    /** What a token is. */
    public enum Kind { WORD, STRING, NAME, COMMENT, LINE_COMMENT, OPEN, CLOSE, SEMICOLON, COMMA, SPACE, OTHER }

    /** One token: {@code text.substring(start, end)}. */
    public record Token(Kind kind, int start, int end) {
        boolean significant() {
            return kind != Kind.SPACE && kind != Kind.COMMENT && kind != Kind.LINE_COMMENT;
        }
    }

    /** The rules for a list of names (keys, columns, table names), which no database is asked about. */
    public static final Set<Lex> NAMES = Set.of(Lex.BACKTICK_NAMES);

    private final String text;
    private final Set<Lex> lex;
    private final String what;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private SqlText(String text, Set<Lex> lex, String what) {
        this.text = text;
        this.lex = lex;
        this.what = what;
    }

    /**
     * The tokens of {@code text}; an unclosed string, name or comment is refused, naming {@code what} (the
     * option that gave the text, e.g. {@code where(...)}).
     */
    public static List<Token> tokens(String text, Set<Lex> lex, String what) {
        SqlText t = new SqlText(text, lex, what);
        t.scan();
        return t.tokens;
    }

    /**
     * {@code where} as one parenthesised condition that no text inside can leave: its parentheses balance, it
     * holds no {@code ;} outside quotes, and a line comment in it ends at a line break before the closing
     * parenthesis. Null when it is blank.
     */
    static String condition(String where, Set<Lex> lex) {
        if (where == null || where.isBlank()) {
            return null;
        }
        List<Token> tokens = tokens(where, lex, "where(...)");
        if (tokens.stream().noneMatch(Token::significant)) {
            throw new InvalidSpecException("where(...) holds no condition, only comments: give a condition, or none");
        }
        Token semicolon = first(tokens, Kind.SEMICOLON);
        if (semicolon != null) {
            throw new InvalidSpecException("where(...) holds a ';' outside quotes at position " + (semicolon.start() + 1)
                    + " of '" + Sql.shorten(where) + "': give one condition, not statements");
        }
        balance(where, tokens, "where(...)", "condition");
        return "(" + where + (first(tokens, Kind.LINE_COMMENT) != null ? "\n" : "") + ")";
    }

    /**
     * {@code query} as one balanced statement, without the semicolons, spaces and comments after it, ready to be
     * wrapped in a derived table (a line comment in it ends at a line break). Refuses several statements: a
     * PostgreSQL multi-statement query is never streamed, and a derived table cannot wrap it.
     */
    static String statement(String query, Set<Lex> lex) {
        List<Token> tokens = tokens(query, lex, "query(...)");
        int end = -1;
        for (Token t : tokens) {
            if (t.kind() == Kind.SEMICOLON) {
                end = end < 0 ? t.start() : end;
            } else if (t.significant() && end >= 0) {
                throw new InvalidSpecException("query(...) holds more than one statement (a ';' at position " + (end + 1)
                        + "): give a single SELECT");
            }
        }
        List<Token> kept = new ArrayList<>();
        for (Token t : tokens) {
            if (end < 0 || t.end() <= end) {
                kept.add(t);
            }
        }
        if (kept.stream().noneMatch(Token::significant)) {
            throw new InvalidSpecException("query(...) is empty: give one SELECT statement");
        }
        balance(query, kept, "query(...)", "statement");
        String q = (end < 0 ? query : query.substring(0, end)).strip();
        return first(kept, Kind.LINE_COMMENT) != null ? q + "\n" : q;
    }

    /** {@code text} of a token, for callers that read names. */
    public static String text(String sql, Token t) {
        return sql.substring(t.start(), t.end());
    }

    /**
     * The name a token stands for: a bare word that starts with a letter or _, or a quoted name without its quotes
     * (possibly empty); null for any other token.
     */
    public static String name(String sql, Token t) {
        if (t.kind() == Kind.NAME) {
            return unquote(sql, t);
        }
        char first = sql.charAt(t.start());
        return t.kind() == Kind.WORD && (first == '_' || Character.isLetter(first)) ? text(sql, t) : null;
    }

    /** The text of a quoted name without its quotes, each doubled quote inside read as one. */
    public static String unquote(String sql, Token t) {
        char open = sql.charAt(t.start());
        char close = open == '[' ? ']' : open;
        String inner = sql.substring(t.start() + 1, t.end() - 1);
        return open == '[' ? inner : inner.replace(String.valueOf(close) + close, String.valueOf(close));
    }

    private static Token first(List<Token> tokens, Kind kind) {
        return tokens.stream().filter(t -> t.kind() == kind).findFirst().orElse(null);
    }

    private static void balance(String sql, List<Token> tokens, String what, String noun) {
        int depth = 0;
        for (Token t : tokens) {
            if (t.kind() == Kind.OPEN) {
                depth++;
            } else if (t.kind() == Kind.CLOSE && --depth < 0) {
                throw new InvalidSpecException(what + " is not one " + noun + ": the ')' at position " + (t.start() + 1)
                        + " of '" + Sql.shorten(sql) + "' closes a parenthesis it did not open; make its parentheses balance");
            }
        }
        if (depth > 0) {
            throw new InvalidSpecException(what + " is not one " + noun + ": " + depth + " parenthes"
                    + (depth == 1 ? "is" : "es") + " of '" + Sql.shorten(sql) + "' left open; make its parentheses balance");
        }
    }

    private void scan() {
        while (pos < text.length()) {
            int start = pos;
            Kind kind = next();
            tokens.add(new Token(kind, start, pos));
        }
    }

    private Kind next() {
        char c = text.charAt(pos);
        char d = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
        if (Character.isWhitespace(c)) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            return Kind.SPACE;
        }
        switch (c) {
            case '\'':
                return quoted('\'', lex.contains(Lex.BACKSLASH_ESCAPES), Kind.STRING, "string");
            case '"':
                boolean string = lex.contains(Lex.DOUBLE_QUOTED_STRINGS);
                return quoted('"', string && lex.contains(Lex.BACKSLASH_ESCAPES), string ? Kind.STRING : Kind.NAME,
                        string ? "string" : "quoted name");
            case '`':
                if (lex.contains(Lex.BACKTICK_NAMES)) {
                    return quoted('`', false, Kind.NAME, "quoted name");
                }
                break;
            case '[':
                if (lex.contains(Lex.BRACKET_NAMES)) {
                    return until("]", Kind.NAME, "quoted name");
                }
                break;
            case '(':
                pos++;
                return Kind.OPEN;
            case ')':
                pos++;
                return Kind.CLOSE;
            case ';':
                pos++;
                return Kind.SEMICOLON;
            case ',':
                pos++;
                return Kind.COMMA;
            case '#':
                if (lex.contains(Lex.HASH_COMMENTS)) {
                    return lineComment();
                }
                break;
            case '-':
                if (d == '-' && (!lex.contains(Lex.DASH_COMMENT_NEEDS_SPACE) || pos + 2 >= text.length()
                        || Character.isWhitespace(text.charAt(pos + 2)) || Character.isISOControl(text.charAt(pos + 2)))) {
                    return lineComment();
                }
                break;
            case '/':
                if (d == '/' && lex.contains(Lex.SLASH_COMMENTS)) {
                    return lineComment();
                }
                if (d == '*') {
                    return blockComment();
                }
                break;
            case '$':
                if (lex.contains(Lex.DOLLAR_QUOTES) && !afterWord()) {
                    String tag = dollarTag();
                    if (tag != null) {
                        pos += tag.length();
                        return until(tag, Kind.STRING, "dollar-quoted string");
                    }
                }
                break;
            default:
                if (isWordChar(c)) {
                    int start = pos;
                    while (pos < text.length() && isWordChar(text.charAt(pos))) {
                        pos++;
                    }
                    boolean escape = pos - start == 1 && (c == 'E' || c == 'e') && pos < text.length()
                            && text.charAt(pos) == '\'' && lex.contains(Lex.ESCAPE_STRINGS);
                    return escape ? quoted('\'', true, Kind.STRING, "string") : Kind.WORD;
                }
        }
        pos++;
        return Kind.OTHER;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private boolean afterWord() {
        return !tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() == Kind.WORD
                && tokens.get(tokens.size() - 1).end() == pos;
    }

    /** The opening dollar quote at pos ({@code $$} or {@code $tag$}), or null when there is none. */
    private String dollarTag() {
        int i = pos + 1;
        if (lex.contains(Lex.DOLLAR_TAGS) && i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
        }
        return i < text.length() && text.charAt(i) == '$' ? text.substring(pos, i + 1) : null;
    }

    /** A string or name from its opening quote at pos; a doubled quote stands for one. */
    private Kind quoted(char quote, boolean backslash, Kind kind, String noun) {
        int open = pos;
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (backslash && c == '\\') {
                pos++;
            } else if (c == quote) {
                if (pos < text.length() && text.charAt(pos) == quote) {
                    pos++;
                } else {
                    return kind;
                }
            }
        }
        throw unclosed(noun, open);
    }

    /** From pos (past the opening) to the end of {@code close}. */
    private Kind until(String close, Kind kind, String noun) {
        int open = pos;
        int end = text.indexOf(close, pos + (close.equals("]") ? 1 : 0));
        if (end < 0) {
            throw unclosed(noun, open);
        }
        pos = end + close.length();
        return kind;
    }

    private Kind lineComment() {
        // Ends at either line break: a database that ends it only at \n would run more than this shows, never less.
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
        return Kind.LINE_COMMENT;
    }

    private Kind blockComment() {
        int open = pos;
        if (lex.contains(Lex.EXECUTABLE_COMMENTS) && (text.startsWith("/*!", pos) || text.startsWith("/*M!", pos))) {
            throw new InvalidSpecException(what + " holds an executable comment at position " + (pos + 1)
                    + " (/*! ... */ runs as SQL): write its SQL without the comment markers");
        }
        boolean nested = lex.contains(Lex.NESTED_COMMENTS);
        int depth = 0;
        while (pos + 1 < text.length()) {
            if (text.startsWith("/*", pos) && (depth == 0 || nested)) {
                depth++;
                pos += 2;
            } else if (text.startsWith("*/", pos)) {
                pos += 2;
                if (--depth == 0) {
                    return Kind.COMMENT;
                }
            } else {
                pos++;
            }
        }
        throw unclosed("comment", open);
    }

    private InvalidSpecException unclosed(String noun, int open) {
        return new InvalidSpecException(what + " has a " + noun + " that is not closed (it opens at position "
                + (open + 1) + " of '" + Sql.shorten(text) + "'): close it");
    }
}
