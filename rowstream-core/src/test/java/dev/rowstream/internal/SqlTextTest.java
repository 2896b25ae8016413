package dev.rowstream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.dialect.SqlSyntax.Lex;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tokenizer by each database's lexical rules (the contract tests check the same rules against the servers). */
class SqlTextTest {
    private static final Set<Lex> POSTGRES = EnumSet.of(Lex.NESTED_COMMENTS, Lex.DOLLAR_QUOTES, Lex.DOLLAR_TAGS,
            Lex.ESCAPE_STRINGS);
    private static final Set<Lex> MARIADB = EnumSet.of(Lex.BACKTICK_NAMES, Lex.HASH_COMMENTS,
            Lex.DASH_COMMENT_NEEDS_SPACE, Lex.EXECUTABLE_COMMENTS, Lex.BACKSLASH_ESCAPES, Lex.DOUBLE_QUOTED_STRINGS);
    private static final Set<Lex> H2 = EnumSet.of(Lex.BACKTICK_NAMES, Lex.SLASH_COMMENTS, Lex.DOLLAR_QUOTES,
            Lex.NESTED_COMMENTS);
    private static final Set<Lex> SQLITE = EnumSet.of(Lex.BACKTICK_NAMES, Lex.BRACKET_NAMES);

    private static List<SqlText.Kind> kinds(String sql, Set<Lex> lex) {
        return SqlText.tokens(sql, lex, "where(...)").stream().map(SqlText.Token::kind)
                .filter(k -> k != SqlText.Kind.SPACE).toList();
    }

    @Test
    void stringsNamesAndCommentsHideWhatIsInThem() {
        assertThat(kinds("'a'')' \"b)\" /* ( */ -- )", POSTGRES)).containsExactly(SqlText.Kind.STRING,
                SqlText.Kind.NAME, SqlText.Kind.COMMENT, SqlText.Kind.LINE_COMMENT);
        assertThat(kinds("/* a /* ) */ ( */ x", POSTGRES)).as("nested").containsExactly(SqlText.Kind.COMMENT,
                SqlText.Kind.WORD);
        assertThat(kinds("/* a /* */ )", SQLITE)).as("not nested").containsExactly(SqlText.Kind.COMMENT,
                SqlText.Kind.CLOSE);
    }

    @Test
    void backslashesOnlyWhereTheDatabaseHasThem() {
        assertThat(kinds("'a\\')'", MARIADB)).containsExactly(SqlText.Kind.STRING);
        assertThat(kinds("\"a\\\")\"", MARIADB)).containsExactly(SqlText.Kind.STRING);
        assertThat(kinds("E'a\\')'", POSTGRES)).containsExactly(SqlText.Kind.STRING);
        assertThatThrownBy(() -> kinds("'a\\')'", POSTGRES)).hasMessageContaining("string that is not closed");
        assertThatThrownBy(() -> kinds("'a\\')'", SQLITE)).hasMessageContaining("string that is not closed");
    }

    @Test
    void dollarQuotes() {
        assertThat(kinds("$q$ ) ' $q$ = $$)$$", POSTGRES)).containsExactly(SqlText.Kind.STRING, SqlText.Kind.OTHER,
                SqlText.Kind.STRING);
        assertThat(kinds("a$b$ ) $1", POSTGRES)).as("a $ inside a name or a parameter").containsExactly(
                SqlText.Kind.WORD, SqlText.Kind.CLOSE, SqlText.Kind.OTHER, SqlText.Kind.WORD);
        assertThat(kinds("$$)$$", H2)).containsExactly(SqlText.Kind.STRING);
        assertThat(kinds("$$)$$", SQLITE)).contains(SqlText.Kind.CLOSE);
    }

    @Test
    void mysqlComments() {
        assertThat(kinds("id--1 )", MARIADB)).as("--1 is minus minus one").contains(SqlText.Kind.CLOSE);
        assertThat(kinds("id -- )", MARIADB)).containsExactly(SqlText.Kind.WORD, SqlText.Kind.LINE_COMMENT);
        assertThat(kinds("id # )", MARIADB)).containsExactly(SqlText.Kind.WORD, SqlText.Kind.LINE_COMMENT);
        assertThat(kinds("id # )", POSTGRES)).contains(SqlText.Kind.CLOSE);
        assertThatThrownBy(() -> kinds("id /*! ) */", MARIADB)).hasMessageContaining("executable comment");
        assertThat(kinds("id // )", H2)).containsExactly(SqlText.Kind.WORD, SqlText.Kind.LINE_COMMENT);
        assertThat(kinds("[a)] `b)`", SQLITE)).containsExactly(SqlText.Kind.NAME, SqlText.Kind.NAME);
    }

    @Test
    void aConditionIsOneBalancedExpression() {
        assertThat(SqlText.condition("id < 3 -- a comment", POSTGRES)).isEqualTo("(id < 3 -- a comment\n)");
        assertThat(SqlText.condition("(id < 3) OR (id > 8)", POSTGRES)).isEqualTo("((id < 3) OR (id > 8))");
        assertThat(SqlText.condition("  ", POSTGRES)).isNull();
        assertThatThrownBy(() -> SqlText.condition("id < 3) OR (id > 8", POSTGRES))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("where(...) is not one condition: the ')' at position 7 of 'id < 3) OR (id > 8' closes a"
                        + " parenthesis it did not open; make its parentheses balance");
        assertThatThrownBy(() -> SqlText.condition("a = 1; b", POSTGRES)).hasMessageContaining("';'");
    }

    @Test
    void aQueryIsOneStatement() {
        assertThat(SqlText.statement(" SELECT 1 ; ;\n -- done\n", POSTGRES)).isEqualTo("SELECT 1");
        assertThat(SqlText.statement("SELECT ';' -- x", POSTGRES)).isEqualTo("SELECT ';' -- x\n");
        assertThatThrownBy(() -> SqlText.statement("SELECT 1; SELECT 2", POSTGRES))
                .hasMessageContaining("more than one statement");
        assertThatThrownBy(() -> SqlText.statement(" ; -- ", POSTGRES)).hasMessageContaining("empty");
        assertThatThrownBy(() -> SqlText.statement("SELECT (1", POSTGRES)).hasMessageContaining("left open");
    }
}
