package dev.rowstream.checkpoint;

import dev.rowstream.RowStreamException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where a job keeps its checkpoint (see {@link dev.rowstream.job.ExportJob#checkpoint}): a file, or a row of a
 * table. A copy into a table needs neither: it keeps its checkpoint in the target, in each batch's transaction.
 */
public final class CheckpointStores {
    private CheckpointStores() {
    }

    /**
     * A file, replaced atomically by each save (a temporary file renamed over it). {@link CheckpointStore#save}
     * syncs it; a job saves cheaply after most batches and syncs once a second ({@code save(c, durable)}).
     */
    public static FileCheckpointStore file(Path file) {
        return new FileCheckpointStore(file);
    }

    /**
     * A row {@code (job, checkpoint, saved_at)} of {@code table} in the database of {@code dataSource}, saved
     * in a transaction of its own each time (the table is created with the first save). For a job whose
     * rows go elsewhere (a file) and whose checkpoints should live with the application's data.
     */
    public static CheckpointStore table(DataSource dataSource, String table, String job) {
        return new OwnTransactions(dataSource, table, job);
    }

    /** {@link JdbcCheckpointStore} on a connection of its own for each call, in auto-commit. */
    private static final class OwnTransactions implements CheckpointStore {
        private final DataSource dataSource;
        private final String table;
        private final String job;
        private volatile boolean created;

        OwnTransactions(DataSource dataSource, String table, String job) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.table = table;
            this.job = job;
            try (Connection c = dataSource.getConnection()) {
                new JdbcCheckpointStore(c, table, job); // checks the names now
            } catch (SQLException e) {
                throw new RowStreamException("connecting to the checkpoint's database failed: " + e.getMessage(), e);
            }
        }

        private interface Work<T> {
            T on(JdbcCheckpointStore store);
        }

        private <T> T with(Work<T> work) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                return work.on(new JdbcCheckpointStore(c, table, job));
            } catch (SQLException e) {
                throw new RowStreamException("connecting to the checkpoint's database failed: " + e.getMessage(), e);
            }
        }

        @Override
        public Optional<Checkpoint> load() {
            return with(JdbcCheckpointStore::load);
        }

        @Override
        public void save(Checkpoint checkpoint) {
            with(store -> {
                if (!created) {
                    store.createTable();
                    created = true;
                }
                store.save(checkpoint);
                return null;
            });
        }

        @Override
        public void delete() {
            with(store -> {
                store.delete();
                return null;
            });
        }

        @Override
        public String describe() {
            return "job '" + job + "' in table " + table;
        }
    }
}
