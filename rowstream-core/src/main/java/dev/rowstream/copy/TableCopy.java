package dev.rowstream.copy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.JdbcCheckpointStore;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.Dialects;
import dev.rowstream.internal.TableColumns;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Copies a table from one database into a table of another (PostgreSQL, MariaDB/MySQL, H2, SQLite, either
 * way), in bounded memory, so that a crash loses nothing and repeats nothing.
 *
 * <pre>{@code
 * TableCopy.Result r = TableCopy.between(pgDataSource, mariaDbDataSource)
 *         .table("orders").createTable(true).resume(true).run();
 * }</pre>
 *
 * <p>The source is read by a {@link RowStream} in key order (the primary key, or {@link #key}). Each batch
 * of rows is written in one transaction on the target, which also saves the read's {@link Checkpoint} as
 * a row of {@code rowstream_checkpoint} (see {@link JdbcCheckpointStore}) in the target database: the rows
 * and the checkpoint commit together or not at all. After a crash, {@link #resume} reads the checkpoint and
 * continues after the last committed row: no row lost, none written twice, no upsert needed. The last
 * batch deletes the checkpoint in its own transaction.
 *
 * <p>{@link #createTable} creates a missing target table from the source's column types (see
 * {@link TypeMapper}: each type mapped, or refused naming the column) with the source's primary key.
 * Values are converted exactly or not at all ({@link Coerce}); a value the target cannot hold (NaN on
 * MariaDB, a date before year 1000... ) stops the copy naming the column and the row's key. PostgreSQL
 * targets are written with {@code COPY ... FROM STDIN} (pgjdbc's CopyManager, by reflection), others with
 * batched INSERTs bound through the target dialect.
 */
public final class TableCopy {
    /** Rows per batch, and so per target transaction, when none is set. */
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** How rows are written. */
    public enum Writer {
        /** COPY where the target is PostgreSQL (and pgjdbc has a CopyManager), batched INSERTs elsewhere. */
        AUTO,
        /** PostgreSQL's COPY FROM STDIN; refused for another target. */
        COPY,
        /** Batched INSERTs, on every target. */
        INSERT
    }

    /** Hears the copy's progress, on the copying thread, after each committed batch. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** Writing starts: {@code resumedAfter} rows were copied by earlier runs. */
        default void onStart(String writer, Strategy strategy, long resumedAfter) {
        }

        /** One more row handed to the writer (not committed yet). */
        default void onRow() {
        }

        /** A batch committed: {@code copied} rows by this run, {@code total} in the target with earlier runs. */
        default void onBatch(long copied, long total) {
        }
    }

    /**
     * What a copy did.
     *
     * @param rows         rows written by this run
     * @param resumedAfter rows that earlier runs had written (0 without a checkpoint)
     * @param created      true when this run created the target table
     */
    public record Result(long rows, long resumedAfter, String writer, Strategy strategy, boolean created,
                         String sourceDatabase, String targetDatabase, String targetTable) {
    }

    private final DataSource source;
    private final DataSource target;
    private String table;
    private String targetTable;
    private List<String> columns;
    private String where;
    private Object[] params = new Object[0];
    private String key;
    private Strategy strategy = Strategy.AUTO;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private boolean createTable;
    private boolean resume;
    private String checkpointTable = JdbcCheckpointStore.DEFAULT_TABLE;
    private Writer writer = Writer.AUTO;
    private Listener listener = Listener.NONE;

    private TableCopy(DataSource source, DataSource target) {
        this.source = source;
        this.target = target;
    }

    public static TableCopy between(DataSource source, DataSource target) {
        return new TableCopy(source, target);
    }

    /** The source table, {@code name} or {@code schema.name}. */
    public TableCopy table(String name) {
        this.table = name;
        return this;
    }

    /** The target table (default: the source table's name). */
    public TableCopy targetTable(String name) {
        this.targetTable = name;
        return this;
    }

    /** The columns to copy (default: all). */
    public TableCopy columns(List<String> names) {
        this.columns = names == null ? null : new ArrayList<>(names);
        return this;
    }

    /** Copies only the source rows matching {@code condition}. */
    public TableCopy where(String condition, Object... params) {
        this.where = condition;
        this.params = params;
        return this;
    }

    /** The key the source is read in (default: its primary key); see {@link ReadBuilder#key(String)}. */
    public TableCopy key(String spec) {
        this.key = spec;
        return this;
    }

    /** How the source is read (default AUTO: HYBRID with a key); it needs a key: not OFFSET. */
    public TableCopy strategy(Strategy strategy) {
        this.strategy = strategy;
        return this;
    }

    /** Rows read per batch and written per target transaction. */
    public TableCopy batchSize(int rows) {
        this.batchSize = rows;
        return this;
    }

    /** Creates the target table from the source's columns when it does not exist. */
    public TableCopy createTable(boolean create) {
        this.createTable = create;
        return this;
    }

    /** Continues a copy that stopped, from the checkpoint in the target database. */
    public TableCopy resume(boolean resume) {
        this.resume = resume;
        return this;
    }

    /** The checkpoint table in the target database (default {@value JdbcCheckpointStore#DEFAULT_TABLE}). */
    public TableCopy checkpointTable(String name) {
        this.checkpointTable = name;
        return this;
    }

    public TableCopy writer(Writer writer) {
        this.writer = writer;
        return this;
    }

    public TableCopy listener(Listener listener) {
        this.listener = listener == null ? Listener.NONE : listener;
        return this;
    }

    /** Runs the copy. Bad input throws {@link InvalidSpecException} before anything is written. */
    public Result run() {
        if (table == null || table.isBlank()) {
            throw new InvalidSpecException("nothing to copy: give the source table");
        }
        if (batchSize < 1 || batchSize > ReadBuilder.MAX_BATCH_SIZE) {
            throw new InvalidSpecException("batch size " + batchSize + " is out of range: use 1 to " + ReadBuilder.MAX_BATCH_SIZE);
        }
        Dialect from;
        TableColumns.Table src;
        try (Connection c = connect(source, "the source")) {
            from = Dialects.detect(c.getMetaData());
            src = TableColumns.describe(c, from, table, columns);
        } catch (SQLException e) {
            throw failed("reading the source table's columns", e);
        }
        List<ColumnType> types = new ArrayList<>();
        for (TableColumns.Column c : src.columns()) {
            types.add(TypeMapper.source(from, c));
        }
        try (Connection c = connect(target, "the target")) {
            return copy(c, from, src, types);
        } catch (SQLException e) {
            throw failed("the copy", e);
        }
    }

    private Result copy(Connection t, Dialect from, TableColumns.Table src, List<ColumnType> types) throws SQLException {
        Dialect to = Dialects.detect(t.getMetaData());
        TypeMapper mapper = TypeMapper.forTarget(to);
        String name = targetTable != null ? targetTable : userForm(src.name(), from);
        boolean exists = TableColumns.exists(t, to, name);
        if (!exists && !createTable) {
            throw new InvalidSpecException("target table " + name + " does not exist in the " + to.name()
                    + " database: create it, or add --create-table to create it from the source's columns");
        }
        List<String> names = new ArrayList<>();
        for (ColumnType type : types) {
            names.add(userForm(type.name(), from));
        }
        String create = exists ? null : createSql(to, mapper, name, names, types, src);
        String job = "copy " + src.name() + " to " + name;
        JdbcCheckpointStore store = new JdbcCheckpointStore(t, checkpointTable, job);
        Optional<Checkpoint> saved = store.load();
        long have = exists ? count(t, TableColumns.describe(t, to, name, null).sqlName()) : 0;
        if (saved.isPresent() && !resume) {
            throw new InvalidSpecException("a copy into " + name + " stopped after " + saved.get().rowCount()
                    + " rows (checkpoint of " + store.describe() + ", at " + saved.get().describeKey()
                    + "): add --resume to continue it");
        }
        if (saved.isEmpty() && have > 0) {
            throw new InvalidSpecException("target table " + name + " already has " + have + " rows" + (resume
                    ? ", and there is no checkpoint of " + store.describe() + " to resume from"
                    : ": copy fills an empty table, so that no row is written twice") + "; empty it, or choose"
                    + " another --target-table");
        }
        if (saved.isPresent() && have != saved.get().rowCount()) {
            throw new InvalidSpecException("target table " + name + " has " + have + " rows, but the checkpoint of "
                    + store.describe() + " says " + saved.get().rowCount() + " were copied: the table was changed"
                    + " since; empty it and delete that checkpoint row to start over");
        }
        boolean autoCommit = t.getAutoCommit();
        t.setAutoCommit(true);
        store.createTable();
        if (create != null) {
            try (Statement s = t.createStatement()) {
                s.execute(create);
            }
        }
        TableColumns.Table dst = TableColumns.describe(t, to, name, null);
        int[] index = new int[types.size()];
        List<ColumnType> targetTypes = new ArrayList<>();
        List<String> quoted = new ArrayList<>();
        int[] sqlTypes = new int[types.size()];
        for (int i = 0; i < types.size(); i++) {
            index[i] = match(dst, types.get(i).name(), name);
            TableColumns.Column col = dst.columns().get(index[i]);
            targetTypes.add(TypeMapper.source(to, col));
            quoted.add(to.quote(col.name()));
            sqlTypes[i] = col.jdbcType();
        }
        ReadBuilder read = RowStreams.from(source).table(table).strategy(strategy).batchSize(batchSize)
                .resumeFrom(saved.orElse(null));
        if (columns != null) {
            read.columns(columns);
        }
        if (where != null) {
            read.where(where, params);
        }
        if (key != null) {
            read.key(key);
        }
        BatchWriter out = null;
        try (RowStream<Row> rows = read.open()) {
            rows.checkpoint(); // a read that cannot resume (no key, offset) is refused before a row is written
            out = writer(t, mapper, dst.sqlName(), quoted, targetTypes, sqlTypes, to);
            long before = saved.map(Checkpoint::rowCount).orElse(0L);
            listener.onStart(out.name(), rows.strategy(), before);
            t.setAutoCommit(false);
            long copied = write(rows, out, store, t, mapper, targetTypes, name);
            return new Result(copied, before, out.name(), rows.strategy(), create != null, from.name(), to.name(), name);
        } finally {
            if (out != null) {
                out.close();
            }
            try {
                if (!t.getAutoCommit()) {
                    t.rollback(); // nothing, after the last commit; a failed batch otherwise
                }
                t.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // The connection is closed next.
            }
        }
    }

    /** Writes every row, committing each batch with its checkpoint; returns the rows written. */
    private long write(RowStream<Row> rows, BatchWriter out, JdbcCheckpointStore store, Connection t, TypeMapper mapper,
                       List<ColumnType> types, String name) throws SQLException {
        int width = types.size();
        Object[] values = new Object[width];
        long copied = 0;
        int inBatch = 0;
        try {
            for (Row row : rows) {
                for (int i = 0; i < width; i++) {
                    try {
                        values[i] = Coerce.to(types.get(i), mapper, row.get(i));
                    } catch (IllegalArgumentException e) {
                        throw new CopyFailedException("column " + types.get(i).name() + " of the row at "
                                + rows.checkpoint().describeKey() + " cannot be written to " + mapper.database() + ": "
                                + e.getMessage() + "; the rows before it are copied, and --resume continues from them"
                                + " once the value is fixed or the column left out", e);
                    }
                }
                out.add(values);
                listener.onRow();
                copied++;
                if (++inBatch == batchSize) {
                    inBatch = 0;
                    out.finish();
                    store.save(rows.checkpoint().withSink(Map.of("target", name)));
                    t.commit();
                    listener.onBatch(copied, rows.checkpoint().rowCount());
                }
            }
            out.finish();
            store.delete();
            t.commit();
            if (inBatch > 0) {
                listener.onBatch(copied, rows.checkpoint().rowCount());
            }
            return copied;
        } catch (SQLException | RuntimeException e) {
            out.abort();
            t.rollback();
            if (e instanceof SQLException s) {
                String state = s.getSQLState() == null ? "" : " (SQLState " + s.getSQLState() + ")";
                throw new CopyFailedException("writing into " + name + " on " + mapper.database() + " failed: "
                        + firstLine(s.getMessage()) + state + "; the batch was rolled back: --resume continues after"
                        + " the last committed batch", s);
            }
            throw e;
        }
    }

    private BatchWriter writer(Connection t, TypeMapper mapper, String table, List<String> quoted,
                               List<ColumnType> types, int[] sqlTypes, Dialect to) throws SQLException {
        if (writer != Writer.INSERT && mapper instanceof TypeMapper.Postgres) {
            BatchWriter copy = PgCopyWriter.of(t, table, quoted);
            if (copy != null) {
                return copy;
            }
        }
        if (writer == Writer.COPY) {
            throw new InvalidSpecException("the COPY writer needs a PostgreSQL target through pgjdbc, not "
                    + to.name() + ": use the insert writer");
        }
        return new InsertWriter(t, to, mapper, table, quoted, types, sqlTypes);
    }

    private String createSql(Dialect to, TypeMapper mapper, String name, List<String> names, List<ColumnType> types,
                             TableColumns.Table src) {
        List<String> pk = new ArrayList<>();
        List<String> copied = new ArrayList<>();
        types.forEach(type -> copied.add(type.name()));
        if (!src.primaryKey().isEmpty() && copied.containsAll(src.primaryKey())) {
            pk.addAll(src.primaryKey());
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(TableColumns.createName(to, name)).append(" (");
        for (int i = 0; i < types.size(); i++) {
            ColumnType type = types.get(i);
            boolean inKey = pk.contains(type.name());
            sql.append(i > 0 ? ", " : "").append(TableColumns.createName(to, names.get(i))).append(' ')
                    .append(inKey ? mapper.keyDdl(type) : mapper.ddl(type))
                    .append(type.nullable() && !inKey ? "" : " NOT NULL").append(mapper.columnSuffix(type));
        }
        if (!pk.isEmpty()) {
            sql.append(", PRIMARY KEY (");
            for (int i = 0; i < pk.size(); i++) {
                sql.append(i > 0 ? ", " : "").append(TableColumns.createName(to, names.get(copied.indexOf(pk.get(i)))));
            }
            sql.append(')');
        }
        return sql.append(')').append(mapper.tableSuffix()).toString();
    }

    /**
     * A name as a user would write it for the target: a plain name that the source stored as an unquoted
     * name would have been stored stays unquoted (so the target folds it its own way: {@code id} on
     * PostgreSQL becomes {@code ID} on H2); any other is quoted, so it stays exact.
     */
    private static String userForm(String name, Dialect from) {
        if (PLAIN.matcher(name).matches() && name.equals(from.foldUnquoted(name))) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The target column for a source column: the same name, else the only one equal ignoring case. */
    private static int match(TableColumns.Table dst, String column, String table) {
        List<Integer> loose = new ArrayList<>();
        for (int i = 0; i < dst.columns().size(); i++) {
            String n = dst.columns().get(i).name();
            if (n.equals(column)) {
                return i;
            }
            if (n.equalsIgnoreCase(column)) {
                loose.add(i);
            }
        }
        if (loose.size() == 1) {
            return loose.get(0);
        }
        List<String> have = new ArrayList<>();
        dst.columns().forEach(c -> have.add(c.name()));
        throw new InvalidSpecException("target table " + table + " has no column " + column + " (it has "
                + String.join(", ", have) + "): add it, or leave it out of the copy with --columns");
    }

    /** A refused login is bad input (exit 2), as a read's; other failures to connect are failures. */
    private static Connection connect(DataSource ds, String which) {
        try {
            return ds.getConnection();
        } catch (SQLException e) {
            dev.rowstream.RowStreamException r = dev.rowstream.internal.ConnectFailure.of(e);
            String message = which + ": " + r.getMessage();
            throw r instanceof InvalidSpecException ? new InvalidSpecException(message, e) : new CopyFailedException(message, e);
        }
    }

    private static long count(Connection c, String sqlName) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + sqlName)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").trim();
    }

    private static CopyFailedException failed(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
        return new CopyFailedException(what + " failed: " + firstLine(e.getMessage()) + state, e);
    }

    @Override
    public String toString() {
        return "copy " + table + (targetTable == null ? "" : " to " + targetTable) + " "
                + Arrays.asList(strategy, batchSize).toString().toLowerCase(Locale.ROOT);
    }
}
