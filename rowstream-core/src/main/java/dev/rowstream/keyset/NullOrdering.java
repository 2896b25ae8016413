package dev.rowstream.keyset;

/** What the keyset planner must know of a database's NULL ordering. */
public interface NullOrdering {

    /** True when NULLs sort as larger than any value (ASC puts them last), as in PostgreSQL. */
    boolean nullsSortHigh();

    /** True when {@code ORDER BY x NULLS FIRST|LAST} is accepted. */
    boolean supportsNullsClause();

    /** Where NULLs go for a column ordered this way when no NULLS clause is given. */
    default boolean defaultNullsLast(boolean descending) {
        return nullsSortHigh() != descending;
    }
}
