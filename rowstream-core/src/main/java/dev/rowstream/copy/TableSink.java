package dev.rowstream.copy;

import dev.rowstream.dialect.SourceColumn;
import dev.rowstream.Columns;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.RowStreamException;
import dev.rowstream.checkpoint.Checkpoint;
import dev.rowstream.checkpoint.CheckpointException;
import dev.rowstream.checkpoint.CheckpointStore;
import dev.rowstream.checkpoint.JdbcCheckpointStore;
import dev.rowstream.dialect.ColumnType;
import dev.rowstream.dialect.CopyTypes;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.Dialects;
import dev.rowstream.internal.ConnectFailure;
import dev.rowstream.internal.TableColumns;
import dev.rowstream.sink.Sink;
import dev.rowstream.sink.SinkContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Rows into a table of another database (PostgreSQL, MariaDB/MySQL, H2, SQLite, either way), so that a crash
 * loses nothing and repeats nothing: get one from {@link dev.rowstream.sink.Sinks#table}.
 *
 * <p>Each commit point is one transaction on the target that writes a batch of rows and also saves the job's
 * {@link Checkpoint} as a row of {@code rowstream_checkpoint} ({@link #checkpointTable}) there: the rows and
 * the checkpoint commit together or not at all, so a resumed copy continues exactly after the last committed
 * row, with no upsert. The job offers a commit point after each batch of the read ({@code batchSize}).
 *
 * <p>Before anything is changed, the target is checked fully: the table exists (or {@link #createTable} can
 * create it: every column type is mapped by the target dialect's {@link dev.rowstream.dialect.CopyTypes}, or the column is refused by name), each
 * source column has its target column, the table is empty (or holds exactly the rows its checkpoint counts),
 * and the writer fits. Only then is the checkpoint table or the target table created. Values are converted
 * exactly or not at all ({@link Coerce}); a value the target cannot hold stops the copy, naming the column
 * and the row's key. PostgreSQL targets are written with {@code COPY ... FROM STDIN} (pgjdbc's CopyManager,
 * by reflection), others with batched INSERTs bound through the target dialect.
 */
public final class TableSink implements Sink {
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

    private final DataSource target;
    private final String table;
    private boolean createTable;
    private String checkpointTable = JdbcCheckpointStore.DEFAULT_TABLE;
    private Writer writer = Writer.AUTO;

    private SinkContext context;
    private Dialect from;
    private TableColumns.Table src;
    private List<ColumnType> types;
    private Connection t;
    private boolean autoCommit;
    private Dialect to;
    private CopyTypes mapper;
    private String name;
    private TableColumns.Table dst;
    private String create;
    private JdbcCheckpointStore store;
    private BatchWriter out;
    private List<ColumnType> targetTypes;
    private Object[] values;
    private boolean created;

    /** {@code table}: the target table, or null for the source table's name. */
    public TableSink(DataSource target, String table) {
        this.target = Objects.requireNonNull(target, "target");
        this.table = table == null || table.isBlank() ? null : table;
    }

    /** Creates the target table from the source's columns when it does not exist (default: false). */
    public TableSink createTable(boolean create) {
        this.createTable = create;
        return this;
    }

    /** The checkpoint table in the target database (default {@value JdbcCheckpointStore#DEFAULT_TABLE}). */
    public TableSink checkpointTable(String name) {
        this.checkpointTable = Objects.requireNonNull(name, "name");
        return this;
    }

    /** How rows are written (default AUTO). */
    public TableSink writer(Writer writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
        return this;
    }

    /** How this run wrote: {@code COPY} or {@code batched INSERT}; known once it has started. */
    public String writerName() { return out == null ? null : out.name(); }

    /** True when this run created the target table. */
    public boolean created() { return created; }

    /** The source database's dialect name, such as {@code postgresql}; known after {@link #prepare}. */
    public String sourceDatabase() { return from == null ? null : from.name(); }

    /** The target database's dialect name; known after {@link #prepare}. */
    public String targetDatabase() { return to == null ? null : to.name(); }

    /** The target table as given (or the source table's name); known after {@link #prepare}. */
    public String targetTable() { return name; }

    @Override
    public String describeJob() {
        return "a copy into " + name;
    }

    @Override
    public boolean canStartOver() {
        return false; // a copy fills an empty table: its rows are the checkpoint's, so it cannot start over
    }

    @Override
    public Duration commitInterval() {
        return Duration.ZERO; // each batch is one transaction
    }

    /**
     * Reads the source's columns and the target's table (once each), and checks everything that does not
     * depend on the checkpoint: the target database, the table or its DDL, the column types, the writer.
     */
    @Override
    public CheckpointStore prepare(SinkContext context) {
        if (this.context != null) {
            throw new IllegalStateException("this sink was used already: make a new one for each run");
        }
        this.context = context;
        if (context.table() == null && createTable) {
            throw new InvalidSpecException("createTable(true) needs a table to read, whose column types it maps;"
                    + " a query's are not known: create the target table yourself");
        }
        if (context.table() == null && table == null) {
            throw new InvalidSpecException("a copy of a query needs the target table's name: give it to Sinks.table");
        }
        try (Connection c = connect(context.source(), "the source")) {
            from = Dialects.detect(c.getMetaData());
            if (context.table() != null) {
                src = TableColumns.describe(c, from, context.table(), context.columns());
            }
        } catch (SQLException e) {
            throw failed("reading the source table's columns", e);
        }
        if (src != null) {
            types = new ArrayList<>();
            for (SourceColumn col : src.columns()) {
                types.add(from.copyTypes().source(col));
            }
        }
        name = table != null ? table : userForm(src.name(), from);
        t = connect(target, "the target");
        try {
            autoCommit = t.getAutoCommit();
            to = Dialects.detect(t.getMetaData());
            mapper = to.copyTypes();
            mapper.checkTarget();
            dst = TableColumns.describeIfExists(t, to, name);
            if (dst == null && !createTable) {
                throw new InvalidSpecException("target table " + name + " does not exist in the " + to.name()
                        + " database: create it, or add createTable(true) to create it from the source's columns");
            }
            if (dst == null) {
                List<String> names = new ArrayList<>();
                types.forEach(type -> names.add(userForm(type.name(), from)));
                create = createSql(names); // maps every type, or refuses one
            }
            if (writer == Writer.COPY && !(mapper.copyFromStdin() && PgCopyWriter.of(t, "probe", List.of()) != null)) {
                throw new InvalidSpecException("the COPY writer needs a PostgreSQL target through pgjdbc, not "
                        + to.name() + ": use writer(insert)");
            }
            String job = "copy " + (src != null ? src.name() : "query") + " to " + name;
            store = new JdbcCheckpointStore(t, checkpointTable, job);
            return new InTarget();
        } catch (SQLException e) {
            throw failed("reading the target table", e);
        }
    }

    /**
     * Checks the target's rows against the checkpoint, then (and only then) creates the checkpoint table and
     * the target table, and prepares the writer.
     */
    @Override
    public void open(Columns columns, Checkpoint resumeFrom, Commit commit) {
        try {
            long have = dst == null ? 0 : count(dst.sqlName());
            if (resumeFrom == null && have > 0) {
                throw new InvalidSpecException("target table " + name + " already has " + have + " rows"
                        + (context.resume() ? ", and there is no checkpoint of " + store.describe() + " to resume from"
                        : ": copy fills an empty table, so that no row is written twice")
                        + "; empty it, or choose another targetTable(...)");
            }
            if (resumeFrom != null) {
                String was = resumeFrom.sink().get("target");
                if (!name.equals(was)) {
                    throw new CheckpointException("the checkpoint of " + store.describe() + " is for target table "
                            + was + ", not " + name + ": it was edited");
                }
                if (have != resumeFrom.rowCount()) {
                    throw new InvalidSpecException("target table " + name + " has " + have + " rows, but the"
                            + " checkpoint of " + store.describe() + " says " + resumeFrom.rowCount() + " were copied:"
                            + " the table was changed since; empty it and delete that checkpoint row to start over");
                }
            }
            List<String> names = new ArrayList<>();
            if (types != null) {
                types.forEach(type -> names.add(type.name()));
            } else {
                names.addAll(columns.labels());
            }
            int[] index = new int[names.size()];
            if (dst != null) {
                for (int i = 0; i < index.length; i++) {
                    index[i] = match(dst, names.get(i), name); // before anything is created
                }
            }
            t.setAutoCommit(true);
            store.createTable();
            if (create != null) {
                try (Statement s = t.createStatement()) {
                    s.execute(create);
                }
                created = true;
                dst = TableColumns.describe(t, to, name, null);
                for (int i = 0; i < index.length; i++) {
                    index[i] = match(dst, names.get(i), name);
                }
            }
            targetTypes = new ArrayList<>();
            List<String> quoted = new ArrayList<>();
            int[] sqlTypes = new int[index.length];
            for (int i = 0; i < index.length; i++) {
                SourceColumn col = dst.columns().get(index[i]);
                targetTypes.add(mapper.source(col));
                quoted.add(to.quote(col.name()));
                sqlTypes[i] = col.jdbcType();
            }
            values = new Object[index.length];
            out = batchWriter(dst.sqlName(), quoted, sqlTypes);
            t.setAutoCommit(false);
        } catch (SQLException e) {
            throw failed("preparing target table " + name, e);
        }
    }

    @Override
    public void write(Row row) {
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = Coerce.to(targetTypes.get(i), mapper, row.get(i));
            } catch (IllegalArgumentException e) {
                throw new CopyFailedException("column " + targetTypes.get(i).name() + " of the row at "
                        + context.rowKey() + " cannot be written to " + mapper.database() + ": " + e.getMessage()
                        + "; the rows before it are copied, and resume(true) continues from them once the value is"
                        + " fixed or the column left out", e);
            }
        }
        try {
            out.add(values);
        } catch (SQLException e) {
            throw writeFailed(e);
        }
    }

    /** Sends the batch, saves the checkpoint in the same transaction, and commits both. */
    @Override
    public boolean commit(Commit commit) {
        try {
            out.finish();
            commit.record(Map.of("target", name));
            t.commit();
            return true;
        } catch (SQLException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public void finish(Commit commit) {
        commit(commit);
    }

    /**
     * The last batch commits the final checkpoint, marked done, with its rows, and it stays: a copy killed after
     * it completed and run again with resume(true) then reports it complete. Without it, that run would find a
     * full target and no checkpoint, and refuse (copy fills an empty table). A later copy into the emptied
     * table replaces the row.
     */
    @Override
    public boolean keepsFinalCheckpoint() {
        return true;
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
        if (t != null) {
            try {
                if (!t.getAutoCommit()) {
                    t.rollback(); // nothing, after the last commit; a failed batch otherwise
                }
                t.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // The connection is closed next.
            }
            try {
                t.close();
            } catch (SQLException ignored) {
                // Nothing more to give back.
            }
            t = null;
        }
    }

    private CopyFailedException writeFailed(SQLException s) {
        out.abort();
        try {
            t.rollback();
        } catch (SQLException ignored) {
            // The connection is closed by close(); the batch is gone either way.
        }
        String state = s.getSQLState() == null ? "" : " (SQLState " + s.getSQLState() + ")";
        return new CopyFailedException("writing into " + name + " on " + mapper.database() + " failed: "
                + firstLine(s.getMessage()) + state + "; the batch was rolled back: resume(true) continues after"
                + " the last committed batch", s);
    }

    private BatchWriter batchWriter(String sqlName, List<String> quoted, int[] sqlTypes) throws SQLException {
        if (writer != Writer.INSERT && mapper.copyFromStdin()) {
            BatchWriter copy = PgCopyWriter.of(t, sqlName, quoted);
            if (copy != null) {
                return copy;
            }
        }
        return new InsertWriter(t, to, mapper, sqlName, quoted, targetTypes, sqlTypes);
    }

    private String createSql(List<String> names) {
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
                + String.join(", ", have) + "): add it, or leave it out of the copy with columns(...)");
    }

    /** A refused login is bad input, as a read's; other failures to connect are failures. */
    private static Connection connect(DataSource ds, String which) {
        try {
            return ds.getConnection();
        } catch (SQLException e) {
            RowStreamException r = ConnectFailure.of(e);
            String message = which + ": " + r.getMessage();
            throw r instanceof InvalidSpecException ? new InvalidSpecException(message, e) : new CopyFailedException(message, e);
        }
    }

    private long count(String sqlName) throws SQLException {
        try (Statement s = t.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + sqlName)) {
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
        return "table " + name + (to == null ? "" : " on " + to.name());
    }

    /**
     * The checkpoint in the target: loaded and deleted in transactions of their own, saved inside the
     * transaction of the batch it counts (the sink commits both).
     */
    private final class InTarget implements CheckpointStore {
        @Override
        public Optional<Checkpoint> load() {
            return store.load();
        }

        @Override
        public void save(Checkpoint checkpoint) {
            store.save(checkpoint);
        }

        @Override
        public void delete() {
            store.delete();
            try {
                if (!t.getAutoCommit()) {
                    t.commit();
                }
            } catch (SQLException e) {
                throw failed("deleting the checkpoint of " + store.describe(), e);
            }
        }

        @Override
        public String describe() {
            return store.describe();
        }
    }
}
