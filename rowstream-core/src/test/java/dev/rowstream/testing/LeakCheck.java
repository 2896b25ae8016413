package dev.rowstream.testing;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: after each test, nothing the test opened on a {@link DbTarget} may still be open.
 *
 * <ul>
 *   <li>Client side, on every target: each connection from {@link DbTarget#dataSource()} and each
 *       statement and result set made on it since the test started has been closed.</li>
 *   <li>Server side, on each server the test used (a connection, {@link DbTarget#jdbcUrl()} or
 *       {@link DbTarget#execute}): PostgreSQL has no session on the scratch database that is active or
 *       in a transaction; MariaDB has no session on it at all. Sessions get
 *       {@link #SESSION_GRACE} to go away, since a closed connection's session ends asynchronously.</li>
 * </ul>
 *
 * <p>It needs no parameter: it checks every target the test used, so one {@code @ExtendWith(LeakCheck.class)}
 * covers a class parameterized over {@link DbTarget}. After a failed check it closes the leaked objects and
 * ends the sessions, so the next test starts clean. Tests must not run in parallel with each other.
 *
 * <p>The static {@link #mark()} / {@link #assertNoLeaksSince(Mark)} pair does the same check around
 * any stretch of code.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {
    public static final Duration SESSION_GRACE = Duration.ofSeconds(2);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheck.class);

    /** A point in time for the leak check: what was opened or used after it is checked. */
    public static final class Mark {
        private final long sequence;

        private Mark(long sequence) {
            this.sequence = sequence;
        }

        @Override
        public String toString() {
            return "LeakCheck.Mark#" + sequence;
        }
    }

    public static Mark mark() {
        return new Mark(Tracking.current());
    }

    /**
     * Throws an AssertionError naming every connection, statement and result set opened since
     * {@code mark} and still open (with where it was opened), and every lingering server session on a
     * scratch database used since then. Cleans those up before it throws.
     */
    public static void assertNoLeaksSince(Mark mark) {
        check(mark, null, SESSION_GRACE);
    }

    /** Open tracked connections, all targets. */
    public static int openConnections() {
        return Tracking.count(null, Tracking.Kind.CONNECTION);
    }

    /** Open tracked statements, all targets. */
    public static int openStatements() {
        return Tracking.count(null, Tracking.Kind.STATEMENT);
    }

    /** Open tracked result sets, all targets. */
    public static int openResultSets() {
        return Tracking.count(null, Tracking.Kind.RESULT_SET);
    }

    /** Tracked connections handed out in this JVM run, all targets. */
    public static long connectionsOpenedTotal() {
        return Tracking.connectionsOpened(null);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(Mark.class, mark());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Mark mark = context.getStore(NAMESPACE).remove(Mark.class, Mark.class);
        if (mark != null) {
            check(mark, context.getRequiredTestClass().getSimpleName() + " > " + context.getDisplayName(),
                    SESSION_GRACE);
        }
    }

    /** {@code grace}: how long server sessions may take to go away; shorter only in LeakCheck's own tests. */
    static void check(Mark mark, String test, Duration grace) {
        List<String> problems = new ArrayList<>();

        List<Tracking.Resource> leaked = Tracking.openSince(mark.sequence);
        if (!leaked.isEmpty()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            leaked.forEach(r -> counts.merge(r.target + " " + r.kind.noun, 1, Integer::sum));
            StringBuilder b = new StringBuilder("not closed: ");
            counts.forEach((what, n) -> b.append(n).append(" x ").append(what).append(", "));
            b.setLength(b.length() - 2);
            for (Tracking.Resource r : leaked) {
                b.append("\n  - ").append(r.describe());
            }
            problems.add(b.toString());
            // Close them now: their server sessions must not count against the server check below,
            // nor against the next test.
            leaked.forEach(Tracking.Resource::forceClose);
        }

        for (Scratch scratch : Scratch.ALL) {
            if (scratch.usedSince(mark.sequence)) {
                String problem = checkSessions(scratch, grace);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }

        if (!problems.isEmpty()) {
            throw new AssertionError("Leak check failed" + (test == null ? "" : " after " + test) + ":\n"
                    + String.join("\n", problems)
                    + "\n(the leak check has closed these and ended the sessions, so later tests start clean)");
        }
    }

    private static String checkSessions(Scratch scratch, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            List<Scratch.Session> sessions = scratch.lingeringSessions();
            while (!sessions.isEmpty() && System.nanoTime() < deadline) {
                TestServers.sleep(50);
                sessions = scratch.lingeringSessions();
            }
            if (sessions.isEmpty()) {
                return null;
            }
            scratch.kill(sessions);
            StringBuilder b = new StringBuilder().append(sessions.size()).append(" session(s) still on the ")
                    .append(scratch).append(" scratch database ").append(scratch.location())
                    .append(" after ").append(grace.toMillis()).append(" ms:");
            sessions.forEach(s -> b.append("\n  - ").append(s.description()));
            return b.toString();
        } catch (SQLException e) {
            return "could not check the sessions on " + scratch + ": " + e;
        }
    }
}
