package dev.rowstream.dialect;

/**
 * {@code LIMIT n [OFFSET m]}, which PostgreSQL, MariaDB and MySQL, H2 and SQLite all write the same way, in
 * place of the standard's {@code FETCH FIRST}: a dialect says so by implementing this.
 */
public interface LimitClause extends SqlSyntax {

    @Override
    default String limit(int limit) {
        return " LIMIT " + limit;
    }

    @Override
    default String limitOffset(int limit, long offset) {
        return " LIMIT " + limit + " OFFSET " + offset;
    }
}
