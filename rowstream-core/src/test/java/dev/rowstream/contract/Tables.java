package dev.rowstream.contract;

import dev.rowstream.testing.DbTarget;

/** Test tables filled on the server side, in each target's own SQL. */
final class Tables {
    private Tables() {
    }

    /**
     * A table {@code (id BIGINT PRIMARY KEY, grp INT NOT NULL, name VARCHAR(200), amount DECIMAL(12,2))}
     * with ids 1..rows; grp = id % 7, name is NULL for every 5th row, and {@code pad} characters are
     * appended to the names to make rows wider.
     */
    static String orders(DbTarget target, String base, int rows, int pad) {
        String t = target.table(base);
        target.execute("CREATE TABLE " + t + " (id BIGINT NOT NULL PRIMARY KEY, grp INT NOT NULL,"
                + " name VARCHAR(" + Math.max(200, pad + 40) + "), amount DECIMAL(12,2))");
        if (rows > 0) {
            target.execute("INSERT INTO " + t + " (id, grp, name, amount) " + series(target, rows, pad));
        }
        return t;
    }

    /** A SELECT of (id, grp, name, amount) over 1..rows, in the target's dialect. */
    private static String series(DbTarget target, int rows, int pad) {
        String padding = "'" + "x".repeat(pad) + "'";
        return switch (target) {
            case POSTGRES -> "SELECT g, g % 7, CASE WHEN g % 5 = 0 THEN NULL ELSE 'name-' || g || " + padding
                    + " END, g * 1.25 FROM generate_series(1, " + rows + ") g";
            case MARIADB, MYSQL_CJ -> "SELECT seq, seq % 7, CASE WHEN seq % 5 = 0 THEN NULL ELSE CONCAT('name-', seq, "
                    + padding + ") END, seq * 1.25 FROM seq_1_to_" + rows;
            case H2 -> "SELECT X, MOD(X, 7), CASE WHEN MOD(X, 5) = 0 THEN NULL ELSE 'name-' || X || " + padding
                    + " END, X * 1.25 FROM SYSTEM_RANGE(1, " + rows + ")";
            case SQLITE -> "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + rows + ")"
                    + " SELECT g, g % 7, CASE WHEN g % 5 = 0 THEN NULL ELSE 'name-' || g || " + padding
                    + " END, g * 1.25 FROM s";
        };
    }
}
