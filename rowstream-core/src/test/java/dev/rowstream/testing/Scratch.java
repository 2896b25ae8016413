package dev.rowstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scratch database of one server (or embedded engine) for this JVM run, created on first use and
 * dropped by a shutdown hook when the JVM exits.
 *
 * <p>Its name is {@code rowstream_it_<pid>_<process start, epoch s>_<random>}. Before creating ours, we
 * drop every {@code rowstream_it_*} database (and temp directory) whose JVM is gone: no process with that
 * pid, or one that started at another time (the pid was reused). This assumes the servers are local;
 * a server shared between machines would need another rule.
 */
abstract class Scratch {
    static final String PREFIX = "rowstream_it_";
    static final String RUN_ID = runId();

    /** Settings every H2 URL to the scratch file carries; the library adds LAZY_QUERY_EXECUTION itself. */
    static final String H2_SETTINGS = ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";

    private static final Logger LOG = LoggerFactory.getLogger(Scratch.class);
    private static final List<Scratch> CREATED = new ArrayList<>();
    private static boolean hookInstalled;

    static final Scratch POSTGRES = new Postgres();
    static final Scratch MARIADB = new MariaDb();
    static final Scratch H2 = new H2();
    static final Scratch SQLITE = new Sqlite();
    static final List<Scratch> ALL = List.of(POSTGRES, MARIADB, H2, SQLITE);

    final String what;
    private final AtomicLong lastUse = new AtomicLong(-1);
    private volatile String location;
    private String unreachable;
    private Exception unreachableCause;

    Scratch(String what) {
        this.what = what;
    }

    /** Records that a test used this database (a connection, its URL), so the leak check looks at it. */
    final void touch() {
        lastUse.set(Tracking.next());
    }

    final boolean usedSince(long mark) {
        return lastUse.get() > mark;
    }

    /** The database name (servers) or file path (embedded), creating the database on first call. */
    final String location() {
        String known = location;
        return known != null ? known : create();
    }

    private synchronized String create() {
        if (location != null) {
            return location;
        }
        if (unreachable == null) {
            try {
                ensureServer();
            } catch (RuntimeException e) {
                unreachable = what + " is unreachable: " + e.getMessage();
                unreachableCause = e;
            }
        }
        if (unreachable != null) {
            if (TestServers.isCi()) {
                throw new AssertionError(unreachable + " (CI=true: an unreachable database fails the test)",
                        unreachableCause);
            }
            throw new TestAbortedException(unreachable + " (skipped; with CI=true this fails)", unreachableCause);
        }
        try {
            String created = createDatabase();
            registerForDrop(this);
            LOG.info("Scratch database for {}: {}", what, created);
            location = created;
            return created;
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the scratch database on " + what + ": " + e, e);
        }
    }

    void ensureServer() {
    }

    abstract String createDatabase() throws Exception;

    abstract void drop() throws Exception;

    /** Server sessions on the scratch database, other than our own, that a finished test must not leave. */
    List<Session> lingeringSessions() throws SQLException {
        return List.of();
    }

    void kill(List<Session> sessions) throws SQLException {
    }

    record Session(long id, String description) {
    }

    @Override
    public String toString() {
        return what;
    }

    // ---- run ids and stale leftovers

    private static String runId() {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(Instant::getEpochSecond).orElse(0L);
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return self.pid() + "_" + started + "_" + HexFormat.of().formatHex(random);
    }

    /** True for a {@code rowstream_it_<pid>_<start>_<random>} name whose process is gone. */
    static boolean isStale(String name) {
        if (!name.startsWith(PREFIX) || name.equals(PREFIX + RUN_ID)) {
            return false;
        }
        String[] parts = name.substring(PREFIX.length()).split("_");
        if (parts.length != 3) {
            return false; // not ours
        }
        long pid;
        long started;
        try {
            pid = Long.parseLong(parts[0]);
            started = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> actualStart = process.get().info().startInstant();
        return actualStart.isPresent() && started != 0 && actualStart.get().getEpochSecond() != started;
    }

    private static synchronized void registerForDrop(Scratch scratch) {
        CREATED.add(scratch);
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Scratch::dropAll, "rowstream-scratch-cleanup"));
        }
    }

    private static void dropAll() {
        List<Scratch> created;
        synchronized (Scratch.class) {
            created = new ArrayList<>(CREATED);
        }
        for (Scratch s : created) {
            try {
                s.drop();
            } catch (Exception | Error e) {
                System.err.println("[rowstream-testing] could not drop the scratch database on " + s.what + ": " + e);
            }
        }
        deleteTree(tempRoot());
    }

    // ---- embedded engines: files in a temp directory per run

    static Path tempRoot() {
        return Paths.get(System.getProperty("java.io.tmpdir"), PREFIX + RUN_ID);
    }

    private static synchronized Path createTempRoot() throws IOException {
        try (Stream<Path> siblings = Files.list(tempRoot().getParent())) {
            siblings.filter(p -> isStale(p.getFileName().toString())).forEach(Scratch::deleteTree);
        }
        return Files.createDirectories(tempRoot());
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[rowstream-testing] could not delete " + root + ": " + e);
        }
    }

    private static final class H2 extends Scratch {
        H2() {
            super("H2");
        }

        @Override
        String createDatabase() throws IOException {
            Path dir = Files.createDirectories(createTempRoot().resolve("h2"));
            return dir.resolve("rowstream").toAbsolutePath().toString();
        }

        @Override
        void drop() throws SQLException {
            // DB_CLOSE_ON_EXIT=FALSE: H2's own hook stays out of the way; we close it before deleting its files.
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + location() + H2_SETTINGS);
                 Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }

    private static final class Sqlite extends Scratch {
        Sqlite() {
            super("SQLite");
        }

        @Override
        String createDatabase() throws IOException {
            Path dir = Files.createDirectories(createTempRoot().resolve("sqlite"));
            return dir.resolve("rowstream.db").toAbsolutePath().toString();
        }

        @Override
        void drop() {
            // Files only: deleted with the temp root.
        }
    }

    // ---- servers: one database per run

    private static final class Postgres extends Scratch {
        Postgres() {
            super("PostgreSQL");
        }

        @Override
        void ensureServer() {
            TestServers.ensurePostgres();
        }

        private static Connection admin() throws SQLException {
            try {
                return TestServers.postgresAdmin("test");
            } catch (SQLException e) {
                if (!"3D000".equals(e.getSQLState())) { // 3D000: no database "test"
                    throw e;
                }
                return TestServers.postgresAdmin("postgres");
            }
        }

        @Override
        String createDatabase() throws SQLException {
            String name = PREFIX + RUN_ID;
            try (Connection c = admin()) {
                for (String db : names(c, "SELECT datname FROM pg_database")) {
                    if (isStale(db)) {
                        LOG.info("Dropping stale scratch database {} on PostgreSQL", db);
                        drop(c, db);
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
            }
            return name;
        }

        @Override
        void drop() throws SQLException {
            try (Connection c = admin()) {
                drop(c, location());
            }
        }

        private static void drop(Connection admin, String db) throws SQLException {
            for (int attempt = 1; ; attempt++) {
                try (PreparedStatement terminate = admin.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                + " WHERE datname = ? AND pid <> pg_backend_pid()");
                     Statement s = admin.createStatement()) {
                    terminate.setString(1, db);
                    terminate.executeQuery().close();
                    s.execute("DROP DATABASE IF EXISTS " + db);
                    return;
                } catch (SQLException e) {
                    // 55006: a terminated session had not left yet.
                    if (!"55006".equals(e.getSQLState()) || attempt == 50) {
                        throw e;
                    }
                    TestServers.sleep(100);
                }
            }
        }

        @Override
        List<Session> lingeringSessions() throws SQLException {
            // 'idle' sessions are left to the client-side accounting; busy ones and open transactions are not.
            try (Connection c = admin();
                 PreparedStatement ps = c.prepareStatement(
                         "SELECT pid, usename, application_name, state, query FROM pg_stat_activity"
                                 + " WHERE datname = ? AND pid <> pg_backend_pid()"
                                 + " AND backend_type = 'client backend' AND state <> 'idle'")) {
                ps.setString(1, location());
                List<Session> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Session(rs.getLong(1), "pid " + rs.getLong(1) + " user " + rs.getString(2)
                                + " application '" + rs.getString(3) + "' state '" + rs.getString(4)
                                + "' last query: " + Tracking.shorten(String.valueOf(rs.getString(5)))));
                    }
                }
                return found;
            }
        }

        @Override
        void kill(List<Session> sessions) throws SQLException {
            try (Connection c = admin();
                 PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                for (Session s : sessions) {
                    ps.setInt(1, (int) s.id());
                    ps.executeQuery().close();
                }
            }
        }
    }

    /** Shared by the MariaDB Connector/J and MySQL Connector/J targets. */
    private static final class MariaDb extends Scratch {
        MariaDb() {
            super("MariaDB");
        }

        @Override
        void ensureServer() {
            TestServers.ensureMariaDb();
        }

        @Override
        String createDatabase() throws SQLException {
            String name = PREFIX + RUN_ID;
            try (Connection c = TestServers.mariaDbAdmin(); Statement s = c.createStatement()) {
                for (String db : names(c, "SELECT schema_name FROM information_schema.schemata")) {
                    if (isStale(db)) {
                        LOG.info("Dropping stale scratch database {} on MariaDB", db);
                        s.execute("DROP DATABASE IF EXISTS " + db);
                    }
                }
                // utf8mb4 whatever the server default: its collation is then utf8mb4_general_ci (case-insensitive).
                s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
            }
            return name;
        }

        @Override
        void drop() throws SQLException {
            kill(sessions());
            try (Connection c = TestServers.mariaDbAdmin(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + location());
            }
        }

        @Override
        List<Session> lingeringSessions() throws SQLException {
            return sessions();
        }

        private List<Session> sessions() throws SQLException {
            try (Connection c = TestServers.mariaDbAdmin();
                 PreparedStatement ps = c.prepareStatement(
                         "SELECT id, user, host, command, time, state, info FROM information_schema.processlist"
                                 + " WHERE db = ? AND id <> CONNECTION_ID()")) {
                ps.setString(1, location());
                List<Session> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Session(rs.getLong(1), "id " + rs.getLong(1) + " " + rs.getString(2) + "@"
                                + rs.getString(3) + " command '" + rs.getString(4) + "' for " + rs.getLong(5)
                                + " s, state '" + rs.getString(6) + "'"
                                + (rs.getString(7) == null ? "" : ", running: " + Tracking.shorten(rs.getString(7)))));
                    }
                }
                return found;
            }
        }

        @Override
        void kill(List<Session> sessions) throws SQLException {
            if (sessions.isEmpty()) {
                return;
            }
            try (Connection c = TestServers.mariaDbAdmin(); Statement s = c.createStatement()) {
                for (Session session : sessions) {
                    try {
                        s.execute("KILL CONNECTION " + session.id());
                    } catch (SQLException gone) {
                        // 1094 unknown thread: it left by itself.
                    }
                }
            }
        }
    }

    private static List<String> names(Connection c, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
