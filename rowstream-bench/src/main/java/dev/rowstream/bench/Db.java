package dev.rowstream.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's databases: where they are, and how each creates and fills the {@code orders} tables.
 * Everything that differs between PostgreSQL and MariaDB in the harness is here.
 *
 * <p>The tables live in a database of their own, {@value #DATABASE}, which {@link Bench} drops at the
 * end of a run (unless told to keep it).
 */
enum Db {
    POSTGRESQL("postgresql") {
        @Override
        String adminUrl(String host) { return "jdbc:postgresql://" + host + ":5432/test?user=root"; }

        @Override
        String url(String host) { return "jdbc:postgresql://" + host + ":5432/" + DATABASE + "?user=root"; }

        @Override
        List<String> createDatabase() { return List.of("CREATE DATABASE " + DATABASE); }

        @Override
        boolean databaseExists(Statement s) throws SQLException {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                return rs.next();
            }
        }

        @Override
        String dropDatabase() { return "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)"; }

        /* The primary key is added after the fill: building the index once is much faster than
           maintaining it row by row. VACUUM sets hint bits and the visibility map, so the first
           measured read does not write; ANALYZE gives the planner its statistics. */
        @Override
        List<String> create(String table, long rows) {
            return List.of(
                    "DROP TABLE IF EXISTS " + table,
                    "CREATE TABLE " + table + " (id bigint NOT NULL, customer_id int NOT NULL,"
                            + " status varchar(16) NOT NULL, amount numeric(12,2) NOT NULL,"
                            + " created_at timestamptz NOT NULL, note text)",
                    "INSERT INTO " + table + " SELECT g, (g * 7919 % 100000)::int + 1,"
                            + " (ARRAY['new','paid','shipped','delivered','cancelled'])[g % 5 + 1],"
                            + " ((g * 37 % 1000000) / 100.0)::numeric(12,2),"
                            + " timestamptz '2024-01-01 00:00:00+00' + g * interval '3 seconds',"
                            + " CASE WHEN g % 50 = 0 THEN NULL ELSE 'order ' || g || ' by customer '"
                            + " || (g * 7919 % 100000 + 1) || ': ' || substr(md5(g::text) || md5((g + 1)::text), 1,"
                            + " (26 + g % 45)::int) END"
                            + " FROM generate_series(1::bigint, " + rows + "::bigint) g",
                    "ALTER TABLE " + table + " ADD PRIMARY KEY (id)",
                    "VACUUM ANALYZE " + table);
        }

        @Override
        String sizeQuery(String table) { return "SELECT pg_total_relation_size('" + table + "')"; }

        @Override
        String versionQuery() { return "SELECT version()"; }
    },

    MARIADB("mariadb") {
        @Override
        String adminUrl(String host) { return "jdbc:mariadb://" + host + ":3306/test?user=root&password="; }

        @Override
        String url(String host) { return "jdbc:mariadb://" + host + ":3306/" + DATABASE + "?user=root&password="; }

        @Override
        List<String> createDatabase() { return List.of("CREATE DATABASE IF NOT EXISTS " + DATABASE); }

        @Override
        boolean databaseExists(Statement s) throws SQLException {
            try (ResultSet rs = s.executeQuery("SHOW DATABASES LIKE '" + DATABASE + "'")) {
                return rs.next();
            }
        }

        @Override
        String dropDatabase() { return "DROP DATABASE IF EXISTS " + DATABASE; }

        /* InnoDB clusters rows on the primary key, so the key is declared up front and rows arrive in
           key order. The fill runs in chunks of 1M rows to keep each transaction's undo log small. The
           seq_A_to_B tables come from the SEQUENCE engine. */
        @Override
        List<String> create(String table, long rows) {
            List<String> sql = new java.util.ArrayList<>();
            sql.add("DROP TABLE IF EXISTS " + table);
            sql.add("CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, customer_id INT NOT NULL,"
                    + " status VARCHAR(16) NOT NULL, amount DECIMAL(12,2) NOT NULL,"
                    + " created_at DATETIME(6) NOT NULL, note TEXT) ENGINE=InnoDB");
            for (long from = 1; from <= rows; from += CHUNK) {
                long to = Math.min(rows, from + CHUNK - 1);
                sql.add("INSERT INTO " + table + " SELECT seq, seq * 7919 % 100000 + 1,"
                        + " ELT(seq % 5 + 1, 'new', 'paid', 'shipped', 'delivered', 'cancelled'),"
                        + " (seq * 37 % 1000000) / 100,"
                        + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (seq * 3) SECOND,"
                        + " IF(seq % 50 = 0, NULL, CONCAT('order ', seq, ' by customer ', seq * 7919 % 100000 + 1,"
                        + " ': ', SUBSTR(CONCAT(MD5(seq), MD5(seq + 1)), 1, 26 + seq % 45)))"
                        + " FROM seq_" + from + "_to_" + to);
            }
            sql.add("ANALYZE TABLE " + table);
            return sql;
        }

        @Override
        String sizeQuery(String table) {
            return "SELECT data_length + index_length FROM information_schema.tables"
                    + " WHERE table_schema = '" + DATABASE + "' AND table_name = '" + table + "'";
        }

        @Override
        String versionQuery() { return "SELECT version()"; }
    };

    static final String DATABASE = "rowstream_bench";
    private static final long CHUNK = 1_000_000;

    private final String label;

    Db(String label) {
        this.label = label;
    }

    String label() { return label; }

    /** A database that always exists, to create and drop {@value #DATABASE} from. */
    abstract String adminUrl(String host);

    /** The benchmark database. */
    abstract String url(String host);

    abstract List<String> createDatabase();

    abstract boolean databaseExists(Statement s) throws SQLException;

    abstract String dropDatabase();

    /** Statements that (re)create and fill {@code table} with ids 1..rows. */
    abstract List<String> create(String table, long rows);

    abstract String sizeQuery(String table);

    abstract String versionQuery();

    static String tableName(long rows) {
        return rows % 1_000_000 == 0 ? "orders_" + rows / 1_000_000 + "m" : "orders_" + rows;
    }

    String version(String host) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl(host));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(versionQuery())) {
            rs.next();
            return rs.getString(1);
        }
    }

    void ensureDatabase(String host) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl(host)); Statement s = c.createStatement()) {
            if (!databaseExists(s)) {
                for (String sql : createDatabase()) {
                    s.execute(sql);
                }
            }
        }
    }

    void dropDatabase(String host) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl(host)); Statement s = c.createStatement()) {
            s.execute(dropDatabase());
        }
    }

    /**
     * Makes {@code orders_N} hold exactly ids 1..N, reusing a table already there with the right
     * count and id sum. Returns a line describing what was done.
     */
    String ensureTable(String host, long rows) throws SQLException {
        String table = tableName(rows);
        try (Connection c = DriverManager.getConnection(url(host)); Statement s = c.createStatement()) {
            if (exists(c, table) && matches(s, table, rows)) {
                return String.format(Locale.ROOT, "%s %s: reused (%d rows, %.0f MB)", label, table, rows,
                        size(s, table) / 1048576.0);
            }
            long t0 = System.nanoTime();
            for (String sql : create(table, rows)) {
                s.execute(sql);
            }
            if (!matches(s, table, rows)) {
                throw new IllegalStateException(label + " " + table + " does not hold ids 1.." + rows + " after the fill");
            }
            return String.format(Locale.ROOT, "%s %s: created and filled in %.1f s (%d rows, %.0f MB)", label, table,
                    (System.nanoTime() - t0) / 1e9, rows, size(s, table) / 1048576.0);
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static boolean matches(Statement s, String table, long rows) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(id), MAX(id) FROM " + table)) {
            rs.next();
            return rs.getLong(1) == rows && rs.getLong(3) == rows
                    && rs.getBigDecimal(2).longValueExact() == rows * (rows + 1) / 2;
        }
    }

    private long size(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery(sizeQuery(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
