package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.fail;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import java.sql.SQLException;
import java.util.function.LongConsumer;

/** What the tests that disturb a read check it with; public for the tests of other packages. */
public final class Reads {
    private Reads() {
    }

    /** Reads ids 1..n and fails on the first one that is missing, repeated or out of order; returns n. */
    public static long readInOrder(RowStream<Row> rows, LongConsumer afterEach) {
        long expected = 1;
        for (Row r : rows) {
            long id = ((Number) r.get("id")).longValue();
            if (id != expected) {
                fail("expected id " + expected + " but got " + id);
            }
            afterEach.accept(id);
            expected++;
        }
        return expected - 1;
    }

    /** A call that may throw SQLException. */
    public interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** Runs {@code call} where only unchecked exceptions may be thrown (a lambda given to the read). */
    public static <T> T unchecked(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
