package dev.rowstream.dialect;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.keyset.NullOrdering;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How SQL is written for a database: quoted names, where strings and comments end, row limits, row values
 * and NULL order. The defaults follow the SQL standard; a dialect overrides what its database does otherwise.
 */
public interface SqlSyntax extends NullOrdering {

    /** Quotes an identifier that came from the database's own metadata. */
    default String quote(String identifier) {
        return quoteWith('"', identifier);
    }

    static String quoteWith(char q, String identifier) {
        if (identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new InvalidSpecException("invalid identifier '" + identifier.replace("\0", "\\0") + "'");
        }
        String doubled = identifier.replace(String.valueOf(q), String.valueOf(q) + q);
        return q + doubled + q;
    }

    /** A lexical rule of a database's SQL that decides where a string, a quoted name or a comment ends. */
    enum Lex {
        /** A backslash escapes the next character inside '...' (and inside "..." strings). */
        BACKSLASH_ESCAPES,
        /** "..." is a string (MySQL without ANSI_QUOTES): a backslash escapes inside it too. */
        DOUBLE_QUOTED_STRINGS,
        /** `name` quotes a name. */
        BACKTICK_NAMES,
        /** [name] quotes a name. */
        BRACKET_NAMES,
        /** # starts a comment to the end of the line. */
        HASH_COMMENTS,
        /** // starts a comment to the end of the line. */
        SLASH_COMMENTS,
        /** -- starts a comment only when white space follows it (MySQL: id--1 is id - -1). */
        DASH_COMMENT_NEEDS_SPACE,
        /** A block comment that starts with ! or M! is run as SQL (MySQL's executable comments). */
        EXECUTABLE_COMMENTS,
        /** Block comments nest. */
        NESTED_COMMENTS,
        /** $$...$$ is a string. */
        DOLLAR_QUOTES,
        /** A dollar quote may carry a tag: $tag$...$tag$. */
        DOLLAR_TAGS,
        /** E'...' is a string in which a backslash escapes. */
        ESCAPE_STRINGS
    }

    /** This database's lexical rules ({@link Lex}) on connection {@code c}'s session: the standard's by default. */
    default java.util.Set<Lex> lexicon(Connection c) throws SQLException {
        return java.util.EnumSet.of(Lex.NESTED_COMMENTS);
    }

    /** Appended to a query to keep its first {@code limit} rows. */
    default String limit(int limit) {
        return " FETCH FIRST " + limit + " ROWS ONLY";
    }

    /** Appended to a query to skip {@code offset} rows and keep {@code limit}. */
    default String limitOffset(int limit, long offset) {
        return " OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY";
    }

    /** True when {@code (a, b) > (?, ?)} is accepted and can drive an index range scan. */
    default boolean rowValueSeek() {
        return false;
    }

    @Override
    default boolean nullsSortHigh() {
        return false;
    }

    @Override
    default boolean supportsNullsClause() {
        return true;
    }

    /** True when CREATE INDEX takes {@code NULLS FIRST|LAST} after a column, as ORDER BY does. */
    default boolean nullsClauseInIndex() {
        return false;
    }
}
