package dev.rowstream.dialect;

/**
 * Everything that differs between databases and their drivers, in one object per database. Readers never
 * ask which database they talk to; they ask the dialect, whose rules come in small facets:
 * <ul>
 *   <li>{@link SqlSyntax}: quoted names, where strings and comments end, LIMIT, row values, NULL order;</li>
 *   <li>{@link Catalog}: how names resolve, which objects a read can name, what the metadata leaves out;</li>
 *   <li>{@link Cursors}: how the driver streams a result, and how to stop it early;</li>
 *   <li>{@link Sessions}: the read-only transaction of a batch, the session's name, statement timeouts;</li>
 *   <li>{@link Failures}: a lost connection, a statement that timed out;</li>
 *   <li>{@link ValueRules}: how values are read and bound, and how key columns compare;</li>
 *   <li>{@link Diagnostics}: what {@code doctor} and {@code explain} report;</li>
 *   <li>{@link CopyTypes} ({@link #copyTypes}): how {@code copy} maps column types;</li>
 *   <li>{@link RowCopy} ({@link #rowCopy}): the fast path that reads rows through the driver's bulk protocol.</li>
 * </ul>
 * Each facet's defaults follow the SQL standard and JDBC; a database's subclass overrides only what differs.
 * A database that rowstream does not ship gets its dialect from a {@link DialectProvider}.
 */
public abstract class Dialect implements SqlSyntax, Catalog, Cursors, Sessions, Failures, ValueRules, Diagnostics {

    /** A short name for logs and {@code explain}, e.g. {@code postgresql}. */
    public abstract String name();

    /** True when {@code url} is a JDBC URL of this dialect's driver: by its prefix. */
    public boolean acceptsUrl(String url) {
        return false;
    }

    /** How {@code copy} maps this database's column types, and, for a target, states them in DDL. */
    public CopyTypes copyTypes() {
        return CopyTypes.sourceOnly(name());
    }

    /** The fast path that reads a query's rows through the driver's bulk protocol, or null (the default): none. */
    public RowCopy rowCopy() {
        return null;
    }

    @Override
    public String toString() {
        return name();
    }
}
