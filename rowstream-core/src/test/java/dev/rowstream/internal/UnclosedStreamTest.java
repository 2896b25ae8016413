package dev.rowstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stream dropped without being closed, half read, is closed once the garbage collector finds it: its
 * connection goes back, and a WARN says where it was opened. One closed or read to its end says nothing.
 * The WARN is read from System.err, where slf4j-simple writes it (looked up at each message).
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class UnclosedStreamTest {
    private static final long GC_WAIT_MILLIS = 20_000;

    private final DbTarget target;
    private String table;
    private PrintStream realErr;
    private ByteArrayOutputStream err;
    private final java.util.List<WeakReference<RowStream<Row>>> opened = new java.util.ArrayList<>();

    UnclosedStreamTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void createTableAndCaptureErr() {
        table = target.table("unclosed");
        target.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(40))");
        // Enough rows that a CURSOR or a first batch is still open after 3 rows.
        target.execute("INSERT INTO " + table + " (id, name) " + series(5000));
        realErr = System.err;
        err = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                err.write(b);
                realErr.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                err.write(b, off, len);
                realErr.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        System.setErr(both);
    }

    /** Closes what a failed test left open first: an open cursor's transaction would block the DROP. */
    @AfterEach
    void restoreErrAndDrop() {
        System.setErr(realErr);
        for (WeakReference<RowStream<Row>> ref : opened) {
            RowStream<Row> rows = ref.get();
            if (rows != null) {
                rows.close();
            }
        }
        target.dropTable(table);
    }

    @ParameterizedTest
    @EnumSource(names = {"CURSOR", "HYBRID", "KEYSET"})
    void aDroppedHalfReadStreamIsClosedWithAWarningNamingWhereItWasOpened(Strategy strategy) {
        long before = DefaultRowStream.unclosedCount();
        WeakReference<RowStream<Row>> ref = openReadThreeRowsAndDrop(strategy);
        assertThat(target.openConnections()).as("the dropped stream still holds its connection").isEqualTo(1);

        try {
            awaitWithGc(() -> ref.get() == null && DefaultRowStream.unclosedCount() > before
                    && target.openConnections() == 0, "the dropped stream to be closed");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": collected " + (ref.get() == null) + ", unclosed "
                    + (DefaultRowStream.unclosedCount() - before) + ", open connections " + target.openConnections(), e);
        }

        assertThat(DefaultRowStream.unclosedCount()).isEqualTo(before + 1);
        String log = captured();
        assertThat(log).contains("WARN dev.rowstream.internal.DefaultRowStream - a "
                        + strategy.name().toLowerCase(java.util.Locale.ROOT) + " RowStream on ")
                .contains("was garbage-collected after 3 rows without being closed: closed it now")
                .contains("Close every RowStream, with try-with-resources, or read it to its end")
                .contains("java.lang.Throwable: opened here")
                .contains("UnclosedStreamTest.openReadThreeRowsAndDrop(");
        assertThat(target.openStatements()).isZero();
        assertThat(target.openResultSets()).isZero();
    }

    @ParameterizedTest
    @EnumSource(names = {"CURSOR", "HYBRID", "KEYSET"})
    void aStreamClosedOrReadToItsEndSaysNothingWhenCollected(Strategy strategy) {
        long before = DefaultRowStream.unclosedCount();
        WeakReference<RowStream<Row>> closed = openAndClose(strategy);
        WeakReference<RowStream<Row>> exhausted = openAndReadAll(strategy);
        awaitWithGc(() -> closed.get() == null && exhausted.get() == null, "both streams to be collected");
        // The Cleaner runs on its own thread: give it time to (wrongly) warn.
        for (int i = 0; i < 10; i++) {
            System.gc();
            sleep(20);
        }
        assertThat(DefaultRowStream.unclosedCount()).isEqualTo(before);
        assertThat(captured()).doesNotContain("without being closed");
        assertThat(target.openConnections()).isZero();
    }

    /** Opens a stream, reads 3 rows and returns only a weak reference: no strong one is left anywhere. */
    private WeakReference<RowStream<Row>> openReadThreeRowsAndDrop(Strategy strategy) {
        RowStream<Row> rows = open(strategy);
        Iterator<Row> it = rows.iterator();
        for (int i = 0; i < 3; i++) {
            assertThat(it.next().get("id")).isNotNull();
        }
        return new WeakReference<>(rows);
    }

    private WeakReference<RowStream<Row>> openAndClose(Strategy strategy) {
        RowStream<Row> rows = open(strategy);
        rows.iterator().next();
        rows.close();
        return new WeakReference<>(rows);
    }

    private WeakReference<RowStream<Row>> openAndReadAll(Strategy strategy) {
        RowStream<Row> rows = open(strategy);
        Iterator<Row> it = rows.iterator();
        int n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        assertThat(n).isEqualTo(5000);
        return new WeakReference<>(rows);
    }

    private RowStream<Row> open(Strategy strategy) {
        RowStream<Row> rows = RowStreams.from(target.dataSource()).table(table).strategy(strategy).batchSize(1000)
                .segmentRows(2000).open();
        opened.add(new WeakReference<>(rows));
        return rows;
    }

    private String captured() {
        System.err.flush();
        return err.toString(StandardCharsets.UTF_8);
    }

    private static void awaitWithGc(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + GC_WAIT_MILLIS * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + GC_WAIT_MILLIS + " ms for " + what);
            }
            System.gc();
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String series(int rows) {
        return switch (target) {
            case POSTGRES -> "SELECT g, 'n' || g FROM generate_series(1, " + rows + ") g";
            case MARIADB, MYSQL_CJ -> "SELECT seq, CONCAT('n', seq) FROM seq_1_to_" + rows;
            case H2 -> "SELECT X, 'n' || X FROM SYSTEM_RANGE(1, " + rows + ")";
            case SQLITE -> "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + rows + ")"
                    + " SELECT g, 'n' || g FROM s";
        };
    }
}
