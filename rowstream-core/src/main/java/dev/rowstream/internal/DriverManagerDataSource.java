package dev.rowstream.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A DataSource that opens a new connection from a JDBC URL each time: for simple, pool-less use. A stream
 * read through one keeps its connection from batch to batch ({@link StreamConnection}).
 */
public final class DriverManagerDataSource extends PlainDataSource {
    /** Physical connections opened by every instance since the JVM started: a hook for tests. */
    private static final java.util.concurrent.atomic.AtomicLong OPENED = new java.util.concurrent.atomic.AtomicLong();

    private final String url;
    private final Properties properties = new Properties();

    public DriverManagerDataSource(String url, String user, String password) {
        this.url = url;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = DriverManager.getConnection(url, properties);
        OPENED.incrementAndGet();
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Connection c = DriverManager.getConnection(url, username, password);
        OPENED.incrementAndGet();
        return c;
    }

    /** See {@link #OPENED}. */
    static long openedTotal() {
        return OPENED.get();
    }

    /** Never prints the password. */
    @Override
    public String toString() { return "DriverManagerDataSource"; }
}
