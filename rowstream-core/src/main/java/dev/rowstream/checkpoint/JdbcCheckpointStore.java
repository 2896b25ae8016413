package dev.rowstream.checkpoint;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.RowStreamException;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.Dialects;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A checkpoint kept as a row of a table, {@code (job, checkpoint, saved_at)}, one row per job. It works
 * on the caller's connection and inside the caller's transaction: it never commits. So a sink that
 * writes rows into the same database saves the checkpoint in the transaction that writes a batch, and
 * the two commit together or not at all: after a crash, the checkpoint is exactly where the committed
 * rows end.
 */
public final class JdbcCheckpointStore implements CheckpointStore {
    /** The table's name when none is given. */
    public static final String DEFAULT_TABLE = "rowstream_checkpoint";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final Connection connection;
    private final String table;
    private final String quoted;
    private final String job;

    /**
     * A store for {@code job} in {@code table} (a plain name, used exactly as written, quoted) on
     * {@code connection}, which stays the caller's.
     */
    public JdbcCheckpointStore(Connection connection, String table, String job) {
        if (table == null || !NAME.matcher(table).matches()) {
            throw new InvalidSpecException("checkpoint table '" + table + "' is not a plain name: use letters,"
                    + " digits and _, e.g. " + DEFAULT_TABLE);
        }
        if (job == null || job.isEmpty() || job.length() > 200) {
            throw new InvalidSpecException("checkpoint job name must have 1 to 200 characters, got '" + job + "'");
        }
        this.connection = connection;
        this.table = table;
        this.job = job;
        try {
            Dialect dialect = Dialects.detect(connection.getMetaData());
            this.quoted = dialect.quote(table);
        } catch (SQLException e) {
            throw failed("reading the database's metadata", e);
        }
    }

    /** Creates the table when it is missing. DDL: call outside the transactions of the rows (MariaDB commits on DDL). */
    public void createTable() {
        if (tableExists()) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            // TEXT exists on every supported database; a checkpoint is a few hundred bytes.
            s.execute("CREATE TABLE " + quoted + " (job VARCHAR(200) NOT NULL PRIMARY KEY,"
                    + " checkpoint TEXT NOT NULL, saved_at VARCHAR(40) NOT NULL)");
        } catch (SQLException e) {
            throw failed("creating table " + table, e);
        }
    }

    /** True when the table exists (under the connection's catalog and schema). */
    public boolean tableExists() {
        try {
            DatabaseMetaData md = connection.getMetaData();
            String schema = null;
            try {
                schema = connection.getSchema();
            } catch (SQLException | AbstractMethodError ignored) {
                // Some drivers have no schemas: look in the catalog only.
            }
            for (String name : new String[] {table, table.toLowerCase(java.util.Locale.ROOT),
                    table.toUpperCase(java.util.Locale.ROOT)}) {
                try (ResultSet rs = md.getTables(connection.getCatalog(), schema, name, new String[] {"TABLE"})) {
                    while (rs.next()) {
                        if (table.equals(rs.getString("TABLE_NAME"))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw failed("looking up table " + table, e);
        }
    }

    @Override
    public Optional<Checkpoint> load() {
        if (!tableExists()) {
            return Optional.empty();
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT checkpoint FROM " + quoted + " WHERE job = ?")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String json = rs.getString(1);
                try {
                    return Optional.of(Checkpoint.parse(json));
                } catch (CheckpointException e) {
                    throw new CheckpointException("checkpoint of job '" + job + "' in table " + table + ": "
                            + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw failed("reading the checkpoint of job '" + job + "' from " + table, e);
        }
    }

    /** Writes the row in the caller's transaction: it counts once the caller commits. */
    @Override
    public void save(Checkpoint checkpoint) {
        String json = checkpoint.toJson();
        String now = Instant.now().toString();
        try {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE " + quoted
                    + " SET checkpoint = ?, saved_at = ? WHERE job = ?")) {
                ps.setString(1, json);
                ps.setString(2, now);
                ps.setString(3, job);
                if (ps.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + quoted
                    + " (job, checkpoint, saved_at) VALUES (?, ?, ?)")) {
                ps.setString(1, job);
                ps.setString(2, json);
                ps.setString(3, now);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failed("saving the checkpoint of job '" + job + "' in " + table, e);
        }
    }

    /** Deletes the row in the caller's transaction. */
    @Override
    public void delete() {
        if (!tableExists()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + quoted + " WHERE job = ?")) {
            ps.setString(1, job);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed("deleting the checkpoint of job '" + job + "' from " + table, e);
        }
    }

    @Override
    public String describe() {
        return "job '" + job + "' in table " + table;
    }

    private static RowStreamException failed(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
        return new RowStreamException(what + " failed: " + e.getMessage() + state, e);
    }
}
