package dev.rowstream.keyset;

/**
 * One key column resolved against the database: the SQL that ORDER BY and the seek compare (the rule's
 * sort expression of the quoted column), the direction, where NULLs really go (after the database's default
 * was applied), whether NULLs can occur at all, and the {@link KeyRule} that binds its values.
 */
public record KeyPart(String expression, boolean descending, boolean nullsLast, boolean nullable, KeyRule rule) {

    /** A column whose values are bound with {@code setObject} behind a plain {@code ?}. */
    public KeyPart(String expression, boolean descending, boolean nullsLast, boolean nullable) {
        this(expression, descending, nullsLast, nullable, PLAIN);
    }

    /** This part with another nullability (the seek past a value of the first column leaves its NULLs out). */
    KeyPart withNullable(boolean isNullable) {
        return new KeyPart(expression, descending, nullsLast, isNullable, rule);
    }

    /** The same column in the opposite order: what sorts before a key here sorts after it there. */
    KeyPart reversed() {
        return new KeyPart(expression, !descending, !nullsLast, nullable, rule);
    }

    /** getObject and setObject: the driver's own mapping, for a database no dialect knows. */
    public static final KeyRule PLAIN = KeyRule.of("any", "the driver's typed bind",
            java.sql.ResultSet::getObject, java.sql.PreparedStatement::setObject);
}
