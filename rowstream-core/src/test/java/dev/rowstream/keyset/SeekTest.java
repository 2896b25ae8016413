package dev.rowstream.keyset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated ORDER BY and seek conditions, per kind of database. */
class SeekTest {
    /** PostgreSQL-like: NULLs sort high, NULLS FIRST/LAST exists. */
    private static final NullOrdering HIGH = db(true, true);
    /** MariaDB-like: NULLs sort low, no NULLS FIRST/LAST. */
    private static final NullOrdering LOW_NO_CLAUSE = db(false, false);

    private static NullOrdering db(boolean high, boolean clause) {
        return new NullOrdering() {
            @Override
            public boolean nullsSortHigh() { return high; }

            @Override
            public boolean supportsNullsClause() { return clause; }
        };
    }

    private static KeyPart notNull(String col, boolean desc) {
        return new KeyPart(col, desc, false, false);
    }

    @Test
    void singleColumn() {
        Seek.Condition c = Seek.after(List.of(notNull("id", false)), new Object[] {7L}, true);
        assertThat(c.sql()).isEqualTo("id > ?");
        assertThat(c.params()).containsExactly(7L);
        assertThat(Seek.after(List.of(notNull("id", true)), new Object[] {7L}, true).sql()).isEqualTo("id < ?");
    }

    @Test
    void rowValueWhenSameDirectionAndNotNull() {
        Seek.Condition c = Seek.after(List.of(notNull("a", false), notNull("b", false)), new Object[] {1, 2}, true);
        assertThat(c.sql()).isEqualTo("(a, b) > (?, ?)");
        assertThat(c.params()).containsExactly(1, 2);
        Seek.Condition d = Seek.after(List.of(notNull("a", true), notNull("b", true)), new Object[] {1, 2}, true);
        assertThat(d.sql()).isEqualTo("(a, b) < (?, ?)");
    }

    @Test
    void expandedWithLeadingBoundWhenRowValuesAreNotUsed() {
        Seek.Condition c = Seek.after(List.of(notNull("a", false), notNull("b", false)), new Object[] {1, 2}, false);
        assertThat(c.sql()).isEqualTo("a >= ? AND (a > ? OR (a = ? AND b > ?))");
        assertThat(c.params()).containsExactly(1, 1, 1, 2);
    }

    @Test
    void mixedDirectionsExpand() {
        Seek.Condition c = Seek.after(List.of(notNull("a", true), notNull("b", false)), new Object[] {1, 2}, true);
        assertThat(c.sql()).isEqualTo("a <= ? AND (a < ? OR (a = ? AND b > ?))");
    }

    @Test
    void pastAValueTheNullsOfTheFirstColumnAreLeftToTheirOwnSeek() {
        List<KeyPart> key = List.of(new KeyPart("a", false, true, true), notNull("id", false));
        Seek.Condition c = Seek.after(key, new Object[] {5, 9}, false);
        assertThat(c.sql()).isEqualTo("a >= ? AND (a > ? OR (a = ? AND id > ?))");
        assertThat(c.params()).containsExactly(5, 5, 5, 9);
        assertThat(Seek.after(key, new Object[] {5, 9}, true).sql()).isEqualTo("(a, id) > (?, ?)");
    }

    @Test
    void aNullableSecondColumnKeepsItsNulls() {
        List<KeyPart> key = List.of(notNull("a", false), new KeyPart("b", false, true, true), notNull("id", false));
        Seek.Condition c = Seek.after(key, new Object[] {1, 5, 9}, true);
        assertThat(c.sql()).isEqualTo("a >= ? AND (a > ? OR (a = ? AND (b > ? OR b IS NULL)) OR (a = ? AND b = ? AND id > ?))");
    }

    @Test
    void afterNullThatSortsLastOnlyNullsRemain() {
        List<KeyPart> key = List.of(new KeyPart("a", false, true, true), notNull("id", false));
        Seek.Condition c = Seek.after(key, new Object[] {null, 9}, true);
        assertThat(c.sql()).isEqualTo("a IS NULL AND ((a IS NULL AND id > ?))");
        assertThat(c.params()).containsExactly(9);
    }

    @Test
    void afterNullThatSortsFirstAllValuesFollow() {
        List<KeyPart> key = List.of(new KeyPart("a", false, false, true), notNull("id", false));
        Seek.Condition c = Seek.after(key, new Object[] {null, 9}, true);
        assertThat(c.sql()).isEqualTo("(a IS NOT NULL OR (a IS NULL AND id > ?))");
    }

    @Test
    void lastPossibleKeyMatchesNothing() {
        List<KeyPart> key = List.of(new KeyPart("a", false, true, true));
        assertThat(Seek.after(key, new Object[] {null}, true).matchesNothing()).isTrue();
    }

    @Test
    void upToIsTheInclusiveUpperEndOfARangeWithItsNulls() {
        Seek.Condition one = Seek.upTo(List.of(notNull("id", false)), new Object[] {7L}, true);
        assertThat(one.sql()).isEqualTo("id <= ?");
        assertThat(one.params()).containsExactly(7L);
        assertThat(Seek.upTo(List.of(notNull("a", false), notNull("b", false)), new Object[] {1, 2}, true).sql())
                .isEqualTo("(a, b) <= (?, ?)");
        assertThat(Seek.upTo(List.of(notNull("a", true), notNull("b", false)), new Object[] {1, 2}, true).sql())
                .isEqualTo("a >= ? AND (a > ? OR (a = ? AND b < ?) OR (a = ? AND b = ?))");
        // NULLs first: they sort before any value of the bound, so they belong to the range.
        List<KeyPart> nullsFirst = List.of(new KeyPart("a", false, false, true), notNull("id", false));
        assertThat(Seek.upTo(nullsFirst, new Object[] {5, 9}, true).sql())
                .isEqualTo("((a < ? OR a IS NULL) OR (a = ? AND id < ?) OR (a = ? AND id = ?))");
        // NULLs last, bound in them: every value, and the NULLs up to the bound.
        List<KeyPart> nullsLast = List.of(new KeyPart("a", false, true, true), notNull("id", false));
        assertThat(Seek.upTo(nullsLast, new Object[] {null, 9}, true).sql())
                .isEqualTo("(a IS NOT NULL OR (a IS NULL AND id < ?) OR (a IS NULL AND id = ?))");
    }

    @Test
    void aRuleSetsThePlaceholderOfEveryValue() {
        KeyRule cast = KeyRule.of("decfloat", "cast", (rs, i) -> null, (ps, i, v) -> { })
                .bindingAs("CAST(? AS DECFLOAT)");
        List<KeyPart> key = List.of(new KeyPart("d", false, false, false, cast), notNull("id", false));
        assertThat(Seek.after(key, new Object[] {"NaN", 3}, false).sql())
                .isEqualTo("d >= CAST(? AS DECFLOAT) AND (d > CAST(? AS DECFLOAT) OR (d = CAST(? AS DECFLOAT) AND id > ?))");
        assertThat(Seek.equal(key, new Object[] {"NaN", null}).sql()).isEqualTo("d = CAST(? AS DECFLOAT) AND id IS NULL");
        assertThat(Seek.after(key, new Object[] {"NaN", 3}, false).bound()).extracting(SeekParam::rule)
                .containsExactly(cast, cast, cast, KeyPart.PLAIN);
    }

    @Test
    void orderByUsesTheClauseOnlyWhenItDiffersFromTheDefault() {
        List<KeyPart> key = List.of(
                new KeyPart("a", true, true, true),   // DESC NULLS LAST: PostgreSQL's default is FIRST
                new KeyPart("b", false, true, true),  // ASC NULLS LAST: PostgreSQL's default
                notNull("id", false));
        assertThat(Seek.orderBy(key, HIGH)).isEqualTo("a DESC NULLS LAST, b ASC, id ASC");
    }

    @Test
    void orderByEmulatesNullsPositionWithoutTheClause() {
        List<KeyPart> key = List.of(
                new KeyPart("a", true, true, true),   // DESC NULLS LAST: MariaDB's default
                new KeyPart("b", false, true, true),  // ASC NULLS LAST: MariaDB puts them first
                new KeyPart("c", true, false, true)); // DESC NULLS FIRST: MariaDB puts them last
        assertThat(Seek.orderBy(key, LOW_NO_CLAUSE))
                .isEqualTo("a DESC, (b IS NULL) ASC, b ASC, (c IS NULL) DESC, c DESC");
    }
}
