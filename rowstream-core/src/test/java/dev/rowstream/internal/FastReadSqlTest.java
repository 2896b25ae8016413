package dev.rowstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.dialect.SqlSyntax.Lex;
import dev.rowstream.dialect.PostgresDialect;
import dev.rowstream.dialect.RowCopy;
import dev.rowstream.keyset.KeyRule;
import dev.rowstream.keyset.SeekParam;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SQL of a fast-path piece: COPY takes no parameters, so each ? becomes a literal the server types as pgjdbc
 * types the bound value; a ? inside a string, a quoted name or a comment stays; a value without a literal, a
 * ?? (pgjdbc's escaped operator) or a count that does not match gives null (the piece runs the ordinary way).
 */
class FastReadSqlTest {
    private static final RowCopy PG = new PostgresDialect().rowCopy();
    private static final Set<Lex> LEX = EnumSet.of(Lex.NESTED_COMMENTS, Lex.DOLLAR_QUOTES, Lex.DOLLAR_TAGS,
            Lex.ESCAPE_STRINGS);
    private static final KeyRule RULE = KeyRule.of("text", "test", (rs, i) -> null, (ps, i, v) -> { });

    private static SeekParam key(Object v) {
        return new SeekParam(v, RULE);
    }

    @Test
    void eachParameterBecomesItsLiteral() {
        String sql = "SELECT a, '?' AS \"q?\" FROM t /* ? */ WHERE a <> ? AND b = ? -- ?\n"
                + " AND (c, id) > (?, ?) AND d > ? AND e = ? AND f = ? ORDER BY c, id LIMIT 4";
        List<Object> params = List.of(4, "it's \\ é", key("x'y"), key(7L), key(new byte[] {0, (byte) 0xff}),
                key(new BigDecimal("12.50")), 5L);
        assertThat(FastRead.inline(sql, params, LEX, PG)).isEqualTo("SELECT a, '?' AS \"q?\" FROM t /* ? */"
                + " WHERE a <> CAST(4 AS int4) AND b = CAST(E'it''s \\\\ é' AS varchar) -- ?\n"
                + " AND (c, id) > (E'x''y', CAST(7 AS int8)) AND d > decode('00ff', 'hex') AND e = E'12.50'"
                + " AND f = CAST(5 AS int8) ORDER BY c, id LIMIT 4");
    }

    @Test
    void withoutALiteralThePieceRunsTheOrdinaryWay() {
        assertThat(FastRead.inline("SELECT 1 WHERE a = ?", List.of(java.time.LocalDate.of(2024, 1, 1)), LEX, PG))
                .isNull();
        assertThat(FastRead.inline("SELECT 1 WHERE a ?? 'k' AND b = ?", List.of(1), LEX, PG)).isNull();
        assertThat(FastRead.inline("SELECT 1 WHERE b = ?", List.of(1, 2), LEX, PG)).isNull();
        assertThat(FastRead.inline("SELECT 1 WHERE b = ? AND c = ?", List.of(1), LEX, PG)).isNull();
        assertThat(FastRead.inline("SELECT $$?$$ WHERE b = 1", List.of(), LEX, PG)).isEqualTo("SELECT $$?$$ WHERE b = 1");
    }
}
