package dev.rowstream.keyset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.Strategy;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.H2Dialect;
import dev.rowstream.dialect.MariaDbDialect;
import dev.rowstream.dialect.PostgresDialect;
import dev.rowstream.dialect.SqliteDialect;
import dev.rowstream.internal.Plan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The exact ORDER BY and seek condition each dialect gets, for the key shapes that matter: one column;
 * several NOT NULL columns in one direction (a row value where it drives an index range, else the
 * expanded form led by a bound on the first column); mixed directions; a nullable column with a NULL
 * position that may or may not be the database's default.
 *
 * <p>Key parts are built as the Planner builds them: the dialect's quoting, and a NULL position given by
 * the user or else the dialect's {@link NullOrdering#defaultNullsLast}.
 */
class DialectSqlTest {

    /** A key column as the Planner resolves it against a table. */
    private static KeyPart part(Dialect d, String column, boolean desc, KeyColumn.Nulls nulls, boolean nullable) {
        boolean nullsLast = switch (nulls) {
            case FIRST -> false;
            case LAST -> true;
            case DEFAULT -> d.defaultNullsLast(desc);
        };
        return new KeyPart(d.quote(column), desc, nullsLast, nullable);
    }

    private static KeyPart notNull(Dialect d, String column, boolean desc) {
        return part(d, column, desc, KeyColumn.Nulls.DEFAULT, false);
    }

    private static Seek.Condition after(Dialect d, List<KeyPart> key, Object... last) {
        return Seek.after(key, last, d.rowValueSeek());
    }

    private static String nextBatch(Dialect d, List<KeyPart> key, Object... last) {
        int[] indexes = new int[key.size()];
        List<KeyColumn> cols = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            indexes[i] = i;
            cols.add(new KeyColumn("c" + i, true, key.get(i).descending(), KeyColumn.Nulls.DEFAULT));
        }
        Plan plan = new Plan(d, Strategy.KEYSET, "SELECT * FROM t", null, List.of(), key.size(), KeySpec.of(cols),
                key, indexes, true, 100);
        return plan.keysetBatch(last, 100).text();
    }

    @Nested
    class Postgres {
        private final Dialect d = new PostgresDialect();

        @Test
        void singleAscendingColumn() {
            List<KeyPart> key = List.of(notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"id\" ASC");
            Seek.Condition c = after(d, key, 7L);
            assertThat(c.sql()).isEqualTo("\"id\" > ?");
            assertThat(c.params()).containsExactly(7L);
            assertThat(nextBatch(d, key, 7L)).isEqualTo("SELECT * FROM t WHERE \"id\" > ? ORDER BY \"id\" ASC LIMIT 100");
        }

        @Test
        void compositeSameDirectionNotNullIsARowValue() {
            List<KeyPart> key = List.of(notNull(d, "a", false), notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"a\" ASC, \"id\" ASC");
            Seek.Condition c = after(d, key, 1, 2L);
            assertThat(c.sql()).isEqualTo("(\"a\", \"id\") > (?, ?)");
            assertThat(c.params()).containsExactly(1, 2L);
            List<KeyPart> desc = List.of(notNull(d, "a", true), notNull(d, "id", true));
            assertThat(Seek.orderBy(desc, d)).isEqualTo("\"a\" DESC, \"id\" DESC");
            assertThat(after(d, desc, 1, 2L).sql()).isEqualTo("(\"a\", \"id\") < (?, ?)");
        }

        @Test
        void mixedDirectionsExpandWithALeadingBound() {
            List<KeyPart> key = List.of(notNull(d, "a", true), notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"a\" DESC, \"id\" ASC");
            Seek.Condition c = after(d, key, 1, 2L);
            assertThat(c.sql()).isEqualTo("\"a\" <= ? AND (\"a\" < ? OR (\"a\" = ? AND \"id\" > ?))");
            assertThat(c.params()).containsExactly(1, 1, 1, 2L);
        }

        @Test
        void nullableDescNullsLastNeedsTheClauseBecauseDescPutsNullsFirstHere() {
            List<KeyPart> key = List.of(part(d, "a", true, KeyColumn.Nulls.LAST, true), notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"a\" DESC NULLS LAST, \"id\" ASC");
            Seek.Condition c = after(d, key, 5, 9L);
            assertThat(c.sql()).isEqualTo("\"a\" <= ? AND (\"a\" < ? OR (\"a\" = ? AND \"id\" > ?))");
            assertThat(c.params()).containsExactly(5, 5, 5, 9L);
            Seek.Condition n = after(d, key, null, 9L);
            assertThat(n.sql()).isEqualTo("\"a\" IS NULL AND ((\"a\" IS NULL AND \"id\" > ?))");
            assertThat(n.params()).containsExactly(9L);
        }

        @Test
        void nullableAscDefaultPutsNullsLastWithoutAClause() {
            List<KeyPart> key = List.of(part(d, "a", false, KeyColumn.Nulls.DEFAULT, true), notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"a\" ASC, \"id\" ASC");
            assertThat(after(d, key, 5, 9L).sql())
                    .isEqualTo("(\"a\", \"id\") > (?, ?)"); // its NULLs are read by a seek of their own
            List<KeyPart> first = List.of(part(d, "a", false, KeyColumn.Nulls.FIRST, true), notNull(d, "id", false));
            assertThat(Seek.orderBy(first, d)).isEqualTo("\"a\" ASC NULLS FIRST, \"id\" ASC");
            assertThat(after(d, first, 5, 9L).sql()).isEqualTo("(\"a\", \"id\") > (?, ?)");
            assertThat(after(d, first, null, 9L).sql()).isEqualTo("(\"a\" IS NOT NULL OR (\"a\" IS NULL AND \"id\" > ?))");
        }
    }

    @Nested
    class MariaDb {
        private final Dialect d = new MariaDbDialect();

        @Test
        void singleAscendingColumn() {
            List<KeyPart> key = List.of(notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("`id` ASC");
            assertThat(after(d, key, 7L).sql()).isEqualTo("`id` > ?");
            assertThat(nextBatch(d, key, 7L)).isEqualTo("SELECT * FROM t WHERE `id` > ? ORDER BY `id` ASC LIMIT 100");
        }

        @Test
        void compositeSameDirectionNotNullExpandsWithALeadingBound() {
            List<KeyPart> key = List.of(notNull(d, "a", false), notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("`a` ASC, `id` ASC");
            Seek.Condition c = after(d, key, 1, 2L);
            assertThat(c.sql()).isEqualTo("`a` >= ? AND (`a` > ? OR (`a` = ? AND `id` > ?))");
            assertThat(c.params()).containsExactly(1, 1, 1, 2L);
        }

        @Test
        void mixedDirectionsExpandWithALeadingBound() {
            List<KeyPart> key = List.of(notNull(d, "a", true), notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("`a` DESC, `id` ASC");
            assertThat(after(d, key, 1, 2L).sql()).isEqualTo("`a` <= ? AND (`a` < ? OR (`a` = ? AND `id` > ?))");
        }

        @Test
        void nullableDescNullsLastIsTheDefaultHere() {
            List<KeyPart> key = List.of(part(d, "a", true, KeyColumn.Nulls.LAST, true), notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("`a` DESC, `id` ASC");
            Seek.Condition c = after(d, key, 5, 9L);
            assertThat(c.sql()).isEqualTo("`a` <= ? AND (`a` < ? OR (`a` = ? AND `id` > ?))");
            assertThat(c.params()).containsExactly(5, 5, 5, 9L);
            assertThat(after(d, key, null, 9L).sql()).isEqualTo("`a` IS NULL AND ((`a` IS NULL AND `id` > ?))");
        }

        @Test
        void nullsLastOnAscIsEmulatedWithIsNull() {
            List<KeyPart> key = List.of(part(d, "a", false, KeyColumn.Nulls.LAST, true), notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("(`a` IS NULL) ASC, `a` ASC, `id` ASC");
            List<KeyPart> desc = List.of(part(d, "a", true, KeyColumn.Nulls.FIRST, true), notNull(d, "id", false));
            assertThat(Seek.orderBy(desc, d)).isEqualTo("(`a` IS NULL) DESC, `a` DESC, `id` ASC");
        }
    }

    @Nested
    class H2 {
        private final Dialect d = new H2Dialect();

        @Test
        void singleAscendingColumn() {
            List<KeyPart> key = List.of(notNull(d, "ID", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"ID\" ASC");
            assertThat(after(d, key, 7L).sql()).isEqualTo("\"ID\" > ?");
            assertThat(nextBatch(d, key, 7L)).isEqualTo("SELECT * FROM t WHERE \"ID\" > ? ORDER BY \"ID\" ASC LIMIT 100");
        }

        @Test
        void compositeSameDirectionNotNullExpandsWithALeadingBound() {
            List<KeyPart> key = List.of(notNull(d, "A", false), notNull(d, "ID", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"A\" ASC, \"ID\" ASC");
            Seek.Condition c = after(d, key, 1, 2L);
            assertThat(c.sql()).isEqualTo("\"A\" >= ? AND (\"A\" > ? OR (\"A\" = ? AND \"ID\" > ?))");
            assertThat(c.params()).containsExactly(1, 1, 1, 2L);
        }

        @Test
        void mixedDirectionsExpandWithALeadingBound() {
            List<KeyPart> key = List.of(notNull(d, "A", true), notNull(d, "ID", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"A\" DESC, \"ID\" ASC");
            assertThat(after(d, key, 1, 2L).sql())
                    .isEqualTo("\"A\" <= ? AND (\"A\" < ? OR (\"A\" = ? AND \"ID\" > ?))");
        }

        @Test
        void nullableDescNullsLastIsTheDefaultHere() {
            List<KeyPart> key = List.of(part(d, "A", true, KeyColumn.Nulls.LAST, true), notNull(d, "ID", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"A\" DESC, \"ID\" ASC");
            assertThat(after(d, key, 5, 9L).sql())
                    .isEqualTo("\"A\" <= ? AND (\"A\" < ? OR (\"A\" = ? AND \"ID\" > ?))");
            List<KeyPart> asc = List.of(part(d, "A", false, KeyColumn.Nulls.LAST, true), notNull(d, "ID", false));
            assertThat(Seek.orderBy(asc, d)).isEqualTo("\"A\" ASC NULLS LAST, \"ID\" ASC");
        }
    }

    @Nested
    class Sqlite {
        private final Dialect d = new SqliteDialect();

        @Test
        void singleAscendingColumn() {
            List<KeyPart> key = List.of(notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"id\" ASC");
            assertThat(after(d, key, 7L).sql()).isEqualTo("\"id\" > ?");
            assertThat(nextBatch(d, key, 7L)).isEqualTo("SELECT * FROM t WHERE \"id\" > ? ORDER BY \"id\" ASC LIMIT 100");
        }

        @Test
        void compositeSameDirectionNotNullIsARowValue() {
            List<KeyPart> key = List.of(notNull(d, "a", false), notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"a\" ASC, \"id\" ASC");
            Seek.Condition c = after(d, key, 1, 2L);
            assertThat(c.sql()).isEqualTo("(\"a\", \"id\") > (?, ?)");
            assertThat(c.params()).containsExactly(1, 2L);
        }

        @Test
        void mixedDirectionsExpandWithALeadingBound() {
            List<KeyPart> key = List.of(notNull(d, "a", true), notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"a\" DESC, \"id\" ASC");
            assertThat(after(d, key, 1, 2L).sql())
                    .isEqualTo("\"a\" <= ? AND (\"a\" < ? OR (\"a\" = ? AND \"id\" > ?))");
        }

        @Test
        void nullableDescNullsLastIsTheDefaultHere() {
            List<KeyPart> key = List.of(part(d, "a", true, KeyColumn.Nulls.LAST, true), notNull(d, "id", false));
            assertThat(Seek.orderBy(key, d)).isEqualTo("\"a\" DESC, \"id\" ASC");
            assertThat(after(d, key, 5, 9L).sql())
                    .isEqualTo("\"a\" <= ? AND (\"a\" < ? OR (\"a\" = ? AND \"id\" > ?))");
            List<KeyPart> asc = List.of(part(d, "a", false, KeyColumn.Nulls.LAST, true), notNull(d, "id", false));
            assertThat(Seek.orderBy(asc, d)).isEqualTo("\"a\" ASC NULLS LAST, \"id\" ASC");
        }
    }

    @Test
    void defaultNullPositionsPerDialect() {
        // PostgreSQL: NULLs sort high; the others: low (H2's DEFAULT_NULL_ORDERING is LOW).
        assertThat(new PostgresDialect().defaultNullsLast(false)).isTrue();
        assertThat(new PostgresDialect().defaultNullsLast(true)).isFalse();
        for (Dialect d : List.of(new MariaDbDialect(), new H2Dialect(), new SqliteDialect())) {
            assertThat(d.defaultNullsLast(false)).as("%s ASC", d).isFalse();
            assertThat(d.defaultNullsLast(true)).as("%s DESC", d).isTrue();
        }
    }
}
