package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.StreamFailedException;
import dev.rowstream.StreamListener;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import dev.rowstream.testing.UrlDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streams share a real pool (HikariCP over the target's tracked DataSource). HYBRID, KEYSET and OFFSET
 * hold a connection only while a segment or batch is read, never two at once, so any number of them
 * share a pool of any size, a pool of one included. A CURSOR holds one until it is closed: one too many
 * waits for the pool's timeout, then fails with the pool's state; a refused login stays bad input.
 * After every test the pool has no connection in use, and LeakCheck finds nothing left open.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class PoolContractTest {
    private static final int ROWS = 20_000;
    /** Past this, concurrent streams are taken to be deadlocked: a sound run takes a few seconds. */
    private static final long DEADLOCK_SECONDS = 120;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final DbTarget target;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();

    PoolContractTest(DbTarget target) {
        this.target = target;
    }

    private HikariDataSource pool(int size, long timeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target.dataSource());
        config.setPoolName("rowstream-" + target.name().toLowerCase(Locale.ROOT) + "-" + POOLS.incrementAndGet());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(timeoutMillis);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    private String orders(String base, int rows) {
        String t = Tables.orders(target, base, rows, 0);
        tables.add(t);
        return t;
    }

    /** Every test ends with no connection in use in its pools; then the pools close, before LeakCheck. */
    @AfterEach
    void poolsAreIdleAtTheEnd() {
        try {
            for (HikariDataSource pool : pools) {
                assertThat(pool.getHikariPoolMXBean().getActiveConnections())
                        .as("connections in use in %s at the end of the test", pool.getPoolName()).isZero();
            }
        } finally {
            pools.forEach(HikariDataSource::close);
            tables.forEach(target::dropTable);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HYBRID", "KEYSET", "OFFSET"})
    void eightStreamsShareAPoolOfTwo(Strategy strategy) throws Exception {
        String t = orders("pool8", ROWS);
        HikariDataSource pool = pool(2, 30_000);
        List<List<Long>> read = concurrently(8, i -> RowStreams.from(pool).table(t).strategy(strategy)
                .batchSize(500).segmentRows(500));
        List<Long> all = LongStream.rangeClosed(1, ROWS).boxed().collect(Collectors.toList());
        for (List<Long> ids : read) {
            assertThat(ids).as("ids read by one of 8 %s streams", strategy).isEqualTo(all);
        }
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(2);
    }

    /**
     * A pool of one cannot serve a stream that wants a second connection while it holds one: it would
     * wait for itself. Over a query's key (not proven unique) the guarded path runs, and each boundary's
     * look-ahead row is deleted through the same pool from the listener, so that the next batch or
     * segment does not start with it and the stream asks the database about its last key (the Seeker's
     * guard query): on
     * the batch's own connection for KEYSET, on a borrowed one after the segment's is given back for
     * HYBRID. The listener can borrow the pool's only connection, so the stream holds none in between.
     */
    @ParameterizedTest
    @EnumSource(names = {"KEYSET", "HYBRID"})
    void threeGuardedStreamsShareAPoolOfOne(Strategy strategy) throws Exception {
        HikariDataSource hikari = pool(1, 30_000);
        AtomicInteger tieCounts = new AtomicInteger();
        javax.sql.DataSource pool = countingTieChecks(hikari, tieCounts);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            names.add(orders("pool1", ROWS));
        }
        List<List<Long>> deleted = new ArrayList<>();
        List<long[]> last = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deleted.add(java.util.Collections.synchronizedList(new ArrayList<>()));
            last.add(new long[1]);
        }
        List<List<Long>> read = concurrently(3, i -> {
            Runnable deleteLookAhead = () -> deleted.get(i).addAll(delete(pool, names.get(i), last.get(i)[0] + 1));
            return RowStreams.from(pool).query("SELECT id, grp, name FROM " + names.get(i)).key("id")
                    .strategy(strategy).batchSize(500).segmentRows(500).listener(new StreamListener() {
                        @Override
                        public void onBatch(int rows) {
                            deleteLookAhead.run();
                        }

                        @Override
                        public void onSegment(long rows) {
                            deleteLookAhead.run();
                        }
                    });
        }, (i, id) -> last.get(i)[0] = id);
        for (int i = 0; i < 3; i++) {
            List<Long> expected = LongStream.rangeClosed(1, ROWS).boxed().collect(Collectors.toList());
            expected.removeAll(deleted.get(i));
            assertThat(deleted.get(i)).as("look-ahead rows deleted").hasSizeGreaterThan(30);
            assertThat(read.get(i)).as("ids read by guarded %s stream %d", strategy, i).isEqualTo(expected);
        }
        assertThat(tieCounts.get()).as("boundaries where the rows tied with the last key were counted")
                .isGreaterThanOrEqualTo(3 * 30);
    }

    /**
     * {@code pool}, through a wrapper that counts the statements that ask about the rows around a boundary
     * ({@code SELECT CASE WHEN ...}, see Plan.guardQuery), so the test knows that path ran.
     */
    private static javax.sql.DataSource countingTieChecks(javax.sql.DataSource pool, AtomicInteger counts) {
        return forward(javax.sql.DataSource.class, pool, (method, args, result) -> {
            if (method.getName().equals("getConnection")) {
                return forward(Connection.class, (Connection) result, (m, a, r) -> {
                    if (m.getName().equals("prepareStatement") && ((String) a[0]).startsWith("SELECT CASE WHEN ")) {
                        counts.incrementAndGet();
                    }
                    return r;
                });
            }
            return result;
        });
    }

    private interface After {
        Object after(java.lang.reflect.Method method, Object[] args, Object result);
    }

    private static <T> T forward(Class<T> type, T real, After after) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    try {
                        return after.after(method, args, method.invoke(real, args));
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    @Test
    void aCursorBeyondThePoolSizeFailsAfterThePoolTimeoutNamingThePoolState() {
        String t = orders("poolcur", 1000);
        HikariDataSource pool = pool(2, 1000);
        List<RowStream<Row>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                RowStream<Row> s = RowStreams.from(pool).table(t).strategy(Strategy.CURSOR).batchSize(100).open();
                open.add(s);
                assertThat(s.iterator().next().get("id")).isNotNull();
            }
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(2);
            long start = System.nanoTime();
            assertThatThrownBy(() -> RowStreams.from(pool).table(t).strategy(Strategy.CURSOR).open())
                    .isInstanceOf(StreamFailedException.class)
                    .hasMessageStartingWith("could not get a connection within the pool's timeout: ")
                    .hasMessageContaining(pool.getPoolName() + " - Connection is not available, request timed out after")
                    .hasMessageMatching("(?s).*\\(total=2, active=2, idle=0, waiting=\\d+\\).*")
                    .hasMessageContaining("raise the pool's maximum size or its connection timeout")
                    .hasCauseInstanceOf(SQLTransientConnectionException.class);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(millis).as("ms until the extra CURSOR failed").isBetween(900L, 4000L);
        } finally {
            open.forEach(RowStream::close);
        }
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        // The pool is whole again: the connections came back, or were replaced (MariaDB's aborted cursors).
        try (RowStream<Row> rows = RowStreams.from(pool).table(t).strategy(Strategy.CURSOR).open()) {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            assertThat(all).hasSize(1000);
        }
    }

    /** The pool runs dry between two batches or segments: the read fails with the pool's state, not a bare SQL error. */
    @ParameterizedTest
    @EnumSource(names = {"HYBRID", "KEYSET", "OFFSET"})
    void aBatchThatFindsThePoolEmptyFailsNamingThePoolState(Strategy strategy) throws SQLException {
        String t = orders("pooldry", 1000);
        HikariDataSource pool = pool(2, 1000);
        List<Connection> hogs = new ArrayList<>();
        Runnable hog = () -> {
            try {
                while (hogs.size() < 2) {
                    hogs.add(pool.getConnection());
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        StreamListener takeThePool = new StreamListener() {
            @Override
            public void onBatch(int rows) {
                hog.run();
            }

            @Override
            public void onSegment(long rows) {
                hog.run();
            }
        };
        List<Long> ids = new ArrayList<>();
        try (RowStream<Row> rows = RowStreams.from(pool).table(t).strategy(strategy).batchSize(100).segmentRows(100)
                .listener(takeThePool).open()) {
            assertThatThrownBy(() -> rows.forEach(r -> ids.add(((Number) r.get("id")).longValue())))
                    .isInstanceOf(StreamFailedException.class)
                    .hasMessageContaining("failed: could not get a connection within the pool's timeout: ")
                    .hasMessageMatching("(?s).*\\(total=2, active=2, idle=0, waiting=\\d+\\).*")
                    .hasMessageContaining("; SQL: SELECT")
                    .hasCauseInstanceOf(SQLTransientConnectionException.class);
            assertThat(ids).hasSize(100);
        } finally {
            hogs.forEach(c -> {
                try {
                    c.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /** A login the server refuses is bad input (exit 2), also when the pool reports it as its timeout. */
    @Test
    void aRefusedLoginIsStillAnInvalidSpecThroughAPool() {
        String bad = refusedUrl();
        if (bad == null) {
            return; // SQLite has no users
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(new UrlDataSource(bad));
        config.setPoolName("rowstream-refused-" + POOLS.incrementAndGet());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(1000);
        config.setInitializationFailTimeout(-1); // start anyway: getConnection then times out with the cause
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        for (javax.sql.DataSource ds : List.<javax.sql.DataSource>of(pool, new UrlDataSource(bad))) {
            assertThatThrownBy(() -> RowStreams.from(ds).query("SELECT 1 AS one").strategy(Strategy.CURSOR).open())
                    .as("through %s", ds)
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageStartingWith("cannot connect: ")
                    .hasMessageContaining("check the URL, user and password");
        }
    }

    /** The scratch database's URL with a user the server does not know (or a wrong password on H2). */
    private String refusedUrl() {
        String url = target.jdbcUrl();
        return switch (target) {
            case POSTGRES, MARIADB, MYSQL_CJ -> url.replace("user=root", "user=rowstream_nobody");
            case H2 -> url + ";USER=rowstream_nobody;PASSWORD=wrong";
            case SQLITE -> null;
        };
    }

    /** Deletes the row {@code id} through the pool; returns it when it existed. */
    private static List<Long> delete(javax.sql.DataSource pool, String table, long id) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1 ? List.of(id) : List.of();
        } catch (SQLException e) {
            throw new IllegalStateException("deleting the look-ahead row " + id + " failed: " + e, e);
        }
    }

    private interface IdSeen {
        void seen(int stream, long id);
    }

    private List<List<Long>> concurrently(int streams, java.util.function.IntFunction<ReadBuilder> spec)
            throws Exception {
        return concurrently(streams, spec, (i, id) -> { });
    }

    /**
     * Reads {@code streams} streams at once, one thread each, all starting together; returns the ids each
     * read. Fails naming every reader's stack when they have not finished in {@link #DEADLOCK_SECONDS}.
     */
    private List<List<Long>> concurrently(int streams, java.util.function.IntFunction<ReadBuilder> spec, IdSeen seen)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(streams, r -> {
            Thread t = new Thread(r, "pool-reader-" + POOLS.get() + "-" + r.hashCode());
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                int stream = i;
                Callable<List<Long>> read = () -> {
                    start.await();
                    List<Long> ids = new ArrayList<>(ROWS);
                    try (RowStream<Row> rows = spec.apply(stream).open()) {
                        Iterator<Row> it = rows.iterator();
                        while (it.hasNext()) {
                            long id = ((Number) it.next().get("id")).longValue();
                            seen.seen(stream, id);
                            ids.add(id);
                        }
                    }
                    return ids;
                };
                futures.add(threads.submit(read));
            }
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLOCK_SECONDS);
            List<List<Long>> results = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                try {
                    results.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    throw new AssertionError(streams + " concurrent streams did not finish in " + DEADLOCK_SECONDS
                            + " s (deadlock?):\n" + readerStacks());
                } catch (ExecutionException e) {
                    throw new AssertionError("a concurrent stream failed: " + e.getCause(), e.getCause());
                }
            }
            return results;
        } finally {
            threads.shutdownNow();
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new AssertionError("reader threads did not stop:\n" + readerStacks());
            }
        }
    }

    private static String readerStacks() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey().getName().startsWith("pool-reader-")) {
                b.append(e.getKey().getName()).append(":\n");
                for (StackTraceElement el : e.getValue()) {
                    b.append("    at ").append(el).append('\n');
                }
            }
        }
        return b.toString();
    }
}
