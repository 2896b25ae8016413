package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.NonUniqueKeyException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.CheckpointException;
import dev.rowstream.checkpoint.JdbcCheckpointStore;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A checkpoint taken in the middle of a read, and a read opened from it: every row after it comes once,
 * on every strategy that seeks after a key; a checkpoint of another read is refused, naming what differs.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class CheckpointContractTest {
    private static final int ROWS = 2_500;
    private static final List<Strategy> RESUMABLE = List.of(Strategy.KEYSET, Strategy.HYBRID, Strategy.CURSOR);

    private final DbTarget target;

    CheckpointContractTest(DbTarget target) {
        this.target = target;
    }

    private ReadBuilder read(String table, Strategy strategy) {
        return RowStreams.from(target.dataSource()).table(table).strategy(strategy).batchSize(100).segmentRows(700);
    }

    /** Reads {@code n} rows (all when negative), and returns their ids and the checkpoint after them. */
    private static Checkpoint take(RowStream<Row> rows, int n, List<Long> ids) {
        Iterator<Row> it = rows.iterator();
        for (int taken = 0; (n < 0 || taken < n) && it.hasNext(); taken++) {
            ids.add(((Number) it.next().get("id")).longValue());
        }
        return rows.checkpoint();
    }

    @Test
    void everyRowAfterTheCheckpointComesOnce() {
        String t = Tables.orders(target, "ckpt", ROWS, 0);
        for (Strategy strategy : RESUMABLE) {
            List<Long> ids = new ArrayList<>();
            Checkpoint first;
            try (RowStream<Row> rows = read(t, strategy).open()) {
                assertThat(rows.checkpoint().key()).as("before any row").isNull();
                first = take(rows, 1234, ids);
            }
            assertThat(first.rowCount()).isEqualTo(1234);
            assertThat(first.describeKey()).isEqualToIgnoringCase("id=1234");
            // Through its text, as a store keeps it; a resumed read may use another batch size.
            Checkpoint stored = Checkpoint.parse(first.toJson());
            Checkpoint second;
            try (RowStream<Row> rows = read(t, strategy).batchSize(333).resumeFrom(stored).open()) {
                assertThat(rows.checkpoint()).as("before any row, a resumed stream is where it resumed").isEqualTo(
                        new Checkpoint(stored.specHash(), stored.spec(), stored.key(), 1234, Map.of()));
                second = take(rows, 1000, ids);
            }
            assertThat(second.rowCount()).isEqualTo(2234);
            try (RowStream<Row> rows = read(t, strategy).resumeFrom(second).open()) {
                Checkpoint end = take(rows, -1, ids);
                assertThat(end.rowCount()).isEqualTo(ROWS);
                assertThat(rows.rowCount()).isEqualTo(ROWS - 2234);
            }
            assertThat(ids).as("%s", strategy).hasSize(ROWS);
            for (int i = 0; i < ROWS; i++) {
                assertThat(ids.get(i)).as("%s row %d", strategy, i).isEqualTo(i + 1);
            }
        }
        target.dropTable(t);
    }

    /** The first key column is nullable and its NULLs sort last: a seek after a value leaves them out. */
    @Test
    void theRowsWithANullFirstKeyColumnFollowAResumeToo() {
        String t = target.table("ckptnull");
        target.execute("CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, k INT)");
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            values.append(i > 1 ? ", " : "").append('(').append(i).append(", ").append(i % 3 == 0 ? "NULL" : i / 10)
                    .append(')');
        }
        target.execute("INSERT INTO " + t + " (id, k) VALUES " + values);
        for (Strategy strategy : RESUMABLE) {
            UnaryOperator<ReadBuilder> spec = b -> b.table(t).key("k ASC NULLS LAST, id").strategy(strategy)
                    .batchSize(50).segmentRows(70);
            List<Long> ids = new ArrayList<>();
            Checkpoint at;
            try (RowStream<Row> rows = spec.apply(RowStreams.from(target.dataSource())).open()) {
                at = take(rows, 60, ids);
            }
            assertThat(at.keyValues()[0]).as("in the non-NULL part").isNotNull();
            try (RowStream<Row> rows = spec.apply(RowStreams.from(target.dataSource())).resumeFrom(at).open()) {
                take(rows, -1, ids);
            }
            assertThat(ids).as("%s", strategy).hasSize(300).doesNotHaveDuplicates();
            // And from a checkpoint inside the NULLs.
            List<Long> tail = new ArrayList<>();
            try (RowStream<Row> rows = spec.apply(RowStreams.from(target.dataSource())).open()) {
                at = take(rows, 250, tail);
            }
            assertThat(at.keyValues()[0]).as("in the NULL part").isNull();
            try (RowStream<Row> rows = spec.apply(RowStreams.from(target.dataSource())).resumeFrom(at).open()) {
                take(rows, -1, tail);
            }
            assertThat(tail).as("%s", strategy).hasSize(300).doesNotHaveDuplicates();
        }
        target.dropTable(t);
    }

    @Test
    void aCheckpointOfAnotherReadIsRefusedNamingTheDifference() {
        String t = Tables.orders(target, "ckptmis", 300, 0);
        Checkpoint at;
        try (RowStream<Row> rows = read(t, Strategy.KEYSET).open()) {
            at = take(rows, 10, new ArrayList<>());
        }
        assertThatThrownBy(() -> read(t, Strategy.KEYSET).where("grp = ?", 1).resumeFrom(at).open())
                .isInstanceOf(CheckpointException.class).hasMessageFindingMatch("(?i)the condition was none, now \\(\\(grp = \\?\\)\\)");
        assertThatThrownBy(() -> read(t, Strategy.HYBRID).resumeFrom(at).open())
                .isInstanceOf(CheckpointException.class).hasMessageContaining("the strategy was (keyset), now (hybrid)");
        assertThatThrownBy(() -> read(t, Strategy.KEYSET).key("grp, id").resumeFrom(at).open())
                .isInstanceOf(CheckpointException.class).hasMessageFindingMatch("(?i)the key was \\(id ASC\\), now \\(grp ASC, id ASC\\)");
        assertThatThrownBy(() -> read(t, Strategy.KEYSET).columns("id", "name").resumeFrom(at).open())
                .isInstanceOf(CheckpointException.class).hasMessageContaining("the source was");
        Checkpoint where1;
        try (RowStream<Row> rows = read(t, Strategy.KEYSET).where("grp = ?", 1).open()) {
            where1 = take(rows, 3, new ArrayList<>());
        }
        assertThatThrownBy(() -> read(t, Strategy.KEYSET).where("grp = ?", 2).resumeFrom(where1).open())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("its columns, condition or parameter values differ");
        target.dropTable(t);
    }

    @Test
    void offsetAndKeylessReadsMakeNoCheckpoints() {
        String t = Tables.orders(target, "ckptoff", 50, 0);
        try (RowStream<Row> rows = read(t, Strategy.OFFSET).open()) {
            assertThatThrownBy(rows::checkpoint).isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("strategy offset cannot resume");
        }
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).query("SELECT id FROM " + t)
                .strategy(Strategy.CURSOR).open()) {
            assertThatThrownBy(rows::checkpoint).isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("needs a key");
        }
        target.dropTable(t);
    }

    /** A query's key is not proven unique: where it resumes, rows must not tie with the checkpoint's key. */
    @Test
    void aResumeOnATiedKeyStopsInsteadOfSkippingRows() {
        String t = Tables.orders(target, "ckpttie", 50, 0);
        Checkpoint at;
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).query("SELECT grp, id FROM " + t)
                .key("grp").strategy(Strategy.CURSOR).open()) {
            Iterator<Row> it = rows.iterator();
            it.next();
            at = rows.checkpoint();
        }
        assertThatThrownBy(() -> RowStreams.from(target.dataSource()).query("SELECT grp, id FROM " + t).key("grp")
                .strategy(Strategy.CURSOR).resumeFrom(at).open())
                .isInstanceOf(NonUniqueKeyException.class).hasMessageContaining("where the read resumes from a checkpoint");
        target.dropTable(t);
    }

    /** The table store writes in the caller's transaction: a rollback takes the checkpoint back too. */
    @Test
    void theTableStoreSavesInTheCallersTransaction() throws Exception {
        String table = target.table("ckstore");
        Checkpoint one = new Checkpoint("h", Map.of("key", "id ASC"), null, 0, Map.of("rows", "0"));
        Checkpoint two = one.withSink(Map.of("rows", "100"));
        try (Connection c = target.dataSource().getConnection()) {
            JdbcCheckpointStore store = new JdbcCheckpointStore(c, table, "job-1");
            assertThat(store.load()).isEmpty();
            store.createTable();
            store.createTable(); // idempotent
            c.setAutoCommit(false);
            store.save(one);
            c.rollback();
            assertThat(store.load()).isEmpty();
            store.save(one);
            c.commit();
            store.save(two);
            assertThat(store.load()).contains(two);
            c.rollback();
            assertThat(store.load()).contains(one);
            assertThat(new JdbcCheckpointStore(c, table, "job-2").load()).isEmpty();
            store.delete();
            c.commit();
            assertThat(store.load()).isEmpty();
            c.setAutoCommit(true);
        }
        target.dropTable(table);
    }
}
