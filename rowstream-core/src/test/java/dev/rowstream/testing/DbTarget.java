package dev.rowstream.testing;

import static dev.rowstream.testing.TestServers.HOST;
import static dev.rowstream.testing.TestServers.MARIADB_PORT;
import static dev.rowstream.testing.TestServers.POSTGRES_PORT;
import static dev.rowstream.testing.TestServers.USER;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The five databases every contract test runs on, each with a scratch database of its own for this JVM
 * run (see {@link Scratch}). Nothing connects until a test asks for {@link #dataSource()},
 * {@link #jdbcUrl()} or {@link #execute}; a server that is down is started then ({@link TestServers}).
 * An unreachable server skips the test, or fails it when {@code CI=true}.
 *
 * <p>Connections from {@link #dataSource()} are tracked for {@link LeakCheck}.
 */
public enum DbTarget {
    POSTGRES("PostgreSQL (pgjdbc)", true, Scratch.POSTGRES),
    MARIADB("MariaDB (MariaDB Connector/J)", true, Scratch.MARIADB),
    /** MySQL Connector/J against the MariaDB server; shares MARIADB's scratch database. */
    MYSQL_CJ("MariaDB (MySQL Connector/J)", true, Scratch.MARIADB),
    H2("H2 (embedded, file)", false, Scratch.H2),
    SQLITE("SQLite (xerial, file)", false, Scratch.SQLITE);

    private static final Pattern TABLE_BASE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final String displayName;
    private final boolean server;
    final Scratch scratch;
    private volatile DataSource dataSource;

    DbTarget(String displayName, boolean server, Scratch scratch) {
        this.displayName = displayName;
        this.server = server;
        this.scratch = scratch;
    }

    /** E.g. "PostgreSQL (pgjdbc)", "MariaDB (MySQL Connector/J)". */
    public String displayName() {
        return displayName;
    }

    /** True for the databases behind a network server (POSTGRES, MARIADB, MYSQL_CJ). */
    public boolean isServer() {
        return server;
    }

    /**
     * The JDBC URL of the scratch database, user included, for code that connects by itself (the CLI's
     * {@code --url}). Its connections are not tracked, but LeakCheck still watches the server's sessions.
     */
    public String jdbcUrl() {
        String where = scratch.location();
        scratch.touch();
        return switch (this) {
            case POSTGRES -> "jdbc:postgresql://" + HOST + ":" + POSTGRES_PORT + "/" + where + "?user=" + USER;
            case MARIADB -> "jdbc:mariadb://" + HOST + ":" + MARIADB_PORT + "/" + where + "?user=" + USER;
            case MYSQL_CJ -> "jdbc:mysql://" + HOST + ":" + MARIADB_PORT + "/" + where + "?user=" + USER
                    + "&sslMode=DISABLED&allowPublicKeyRetrieval=true";
            case H2 -> "jdbc:h2:file:" + where + Scratch.H2_SETTINGS;
            // WAL lets a writer commit while another connection is still reading.
            case SQLITE -> "jdbc:sqlite:" + where + "?journal_mode=WAL";
        };
    }

    /**
     * A DataSource for the scratch database: a new physical connection per call, no pool. Every
     * connection, statement and result set it hands out is counted for {@link LeakCheck}.
     */
    public DataSource dataSource() {
        DataSource ds = dataSource;
        if (ds == null) {
            synchronized (this) {
                ds = dataSource;
                if (ds == null) {
                    ds = Tracking.dataSource(this, new UrlDataSource(jdbcUrl()), scratch::touch);
                    dataSource = ds;
                }
            }
        }
        return ds;
    }

    /** Runs each statement in order on one connection from {@link #dataSource()}, autocommit on. */
    public void execute(String... sql) {
        String current = null;
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String one : sql) {
                current = one;
                s.execute(one);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + this + (current == null ? "" : ": "
                    + Tracking.shorten(current)) + " (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    /**
     * A table name not used before in this run, e.g. {@code table("orders")} gives {@code orders_17}.
     * The name is lower case and needs no quoting on any target.
     */
    public String table(String base) {
        if (!TABLE_BASE.matcher(base).matches()) {
            throw new IllegalArgumentException("table base name must match " + TABLE_BASE + ", got: " + base);
        }
        return base.toLowerCase(java.util.Locale.ROOT) + "_" + TABLES.incrementAndGet();
    }

    /** The first column of every row {@code sql} returns, as longs, in order (a reference order of ids). */
    public java.util.List<Long> longs(String sql) {
        java.util.List<Long> values = new java.util.ArrayList<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on " + this + ": " + Tracking.shorten(sql) + " (SQLState "
                    + e.getSQLState() + "): " + e.getMessage(), e);
        }
        return values;
    }

    /** Drops the table if it exists. */
    public void dropTable(String name) {
        execute("DROP TABLE IF EXISTS " + name);
    }

    /** Connections from this target's DataSource not closed yet. */
    public int openConnections() {
        return Tracking.count(this, Tracking.Kind.CONNECTION);
    }

    /** Statements (of any kind) on this target's connections not closed yet. */
    public int openStatements() {
        return Tracking.count(this, Tracking.Kind.STATEMENT);
    }

    /** Result sets on this target's connections not closed yet. */
    public int openResultSets() {
        return Tracking.count(this, Tracking.Kind.RESULT_SET);
    }

    /** Connections this target's DataSource has handed out in this JVM run. */
    public long connectionsOpenedTotal() {
        return Tracking.connectionsOpened(this);
    }
}
