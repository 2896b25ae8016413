package dev.rowstream.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two local database servers the contract tests run on, started on demand.
 *
 * <p>{@link #ensurePostgres()} and {@link #ensureMariaDb()} return once the server accepts a JDBC
 * connection. If its port is closed they run the start command (the same one {@code .ci/run} and
 * DEVELOPERS.md give) and wait up to {@link #READY_TIMEOUT}. Both are idempotent and thread-safe; a
 * failure is remembered, so later callers fail at once instead of waiting again.
 */
public final class TestServers {
    public static final String HOST = "127.0.0.1";
    public static final int POSTGRES_PORT = 5432;
    public static final int MARIADB_PORT = 3306;
    /** Superuser on both servers: trust auth on PostgreSQL, empty password on MariaDB. */
    public static final String USER = "root";
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    public static final String POSTGRES_START =
            "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
    public static final String MARIADB_START =
            "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd";

    private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);

    private static final Server POSTGRES = new Server("PostgreSQL", POSTGRES_PORT, POSTGRES_START,
            "jdbc:postgresql://" + HOST + ":" + POSTGRES_PORT + "/postgres?user=" + USER
                    + "&connectTimeout=5&socketTimeout=30");
    private static final Server MARIADB = new Server("MariaDB", MARIADB_PORT, MARIADB_START,
            "jdbc:mariadb://" + HOST + ":" + MARIADB_PORT + "/?user=" + USER
                    + "&connectTimeout=5000&socketTimeout=30000");

    private TestServers() {
    }

    /** Returns once PostgreSQL accepts connections; starts it if its port is closed. */
    public static void ensurePostgres() {
        POSTGRES.ensure();
    }

    /** Returns once MariaDB accepts connections; starts it if its port is closed. */
    public static void ensureMariaDb() {
        MARIADB.ensure();
    }

    /** True when the environment says CI ({@code CI=true}): then an unreachable database fails, never skips. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** A superuser connection to PostgreSQL's {@code database}, outside any leak accounting. */
    static Connection postgresAdmin(String database) throws SQLException {
        ensurePostgres();
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + POSTGRES_PORT + "/" + database
                + "?user=" + USER + "&connectTimeout=5&socketTimeout=60&ApplicationName=rowstream-testing");
    }

    /** A superuser connection to MariaDB with no default database, outside any leak accounting. */
    static Connection mariaDbAdmin() throws SQLException {
        ensureMariaDb();
        return DriverManager.getConnection(MARIADB.probeUrl);
    }

    /** One server: its port, how to start it, how to see that it is ready. */
    private static final class Server {
        private final String name;
        private final int port;
        private final String startCommand;
        private final String probeUrl;
        private boolean ready;
        private String failure;

        Server(String name, int port, String startCommand, String probeUrl) {
            this.name = name;
            this.port = port;
            this.startCommand = startCommand;
            this.probeUrl = probeUrl;
        }

        synchronized void ensure() {
            if (ready && portOpen()) {
                return;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            ready = false;
            SQLException last = probe();
            if (last == null) {
                ready = true;
                return;
            }
            String startOutput = "";
            if (portOpen()) {
                // Up but refusing us: only "starting up" (57P03) is worth waiting for.
                if (!"57P03".equals(last.getSQLState())) {
                    throw fail("is listening on " + HOST + ":" + port + " but refuses a connection as "
                            + USER + ": " + last.getMessage(), last);
                }
            } else {
                startOutput = start();
            }
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                last = probe();
                if (last == null) {
                    LOG.info("{} is ready on {}:{}", name, HOST, port);
                    ready = true;
                    return;
                }
                sleep(250);
            }
            throw fail("did not become ready on " + HOST + ":" + port + " within " + READY_TIMEOUT.toSeconds()
                    + " s after `" + startCommand + "`; last error: " + last.getMessage()
                    + (startOutput.isBlank() ? "" : "; start command said: " + startOutput.strip()), last);
        }

        private IllegalStateException fail(String what, Exception cause) {
            failure = name + " " + what;
            return new IllegalStateException(failure, cause);
        }

        /** Runs the start command and returns what it printed; the server then daemonises itself. */
        private String start() {
            LOG.info("{} is not listening on {}:{}; starting it: {}", name, HOST, port, startCommand);
            try {
                Path log = Files.createTempFile("rowstream-start-", ".log");
                try {
                    // Output goes to a file: a daemon that inherits a pipe would keep us waiting for EOF.
                    Process p = new ProcessBuilder("bash", "-c", startCommand)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
                    if (!p.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                        p.destroy();
                    }
                    String out = Files.readString(log, StandardCharsets.UTF_8);
                    LOG.info("`{}` exited with {}{}", startCommand, p.isAlive() ? "timeout" : p.exitValue(),
                            out.isBlank() ? "" : ": " + out.strip());
                    return out;
                } finally {
                    Files.deleteIfExists(log);
                }
            } catch (IOException e) {
                return "could not run it: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        private SQLException probe() {
            try (Connection c = DriverManager.getConnection(probeUrl)) {
                return c.isValid(5) ? null : new SQLException(name + " connection is not valid");
            } catch (SQLException e) {
                return e;
            }
        }

        private boolean portOpen() {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
