package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What {@code rowstream doctor} and {@code explain} ask of a database: whether its driver streams, the
 * server settings that can end a long read, row estimates and query plans.
 */
public interface Diagnostics {

    /**
     * The database's plan for a query, as text, or null when this dialect cannot explain. The
     * parameters are bound, so the plan is the one for these values.
     */
    default QueryPlan explain(Connection c, String sql, java.util.List<Object> params) throws SQLException {
        return null;
    }

    /** The database's plan for a query, and whether it reads an index range rather than sorting the table. */
    record QueryPlan(String text, boolean indexRange) {
    }

    /**
     * Whether this driver streams the result of {@code statement} (made on {@code c}, not yet run) or reads
     * it whole into memory, and why: the driver's rule applied to the live settings of the connection and
     * the statement. {@code rowstream doctor} asks it of a plain statement and of the one
     * {@link Cursors#prepareCursor} makes; a cursor that turns out to have buffered quotes it in its error.
     */
    default Streaming streaming(Connection c, Statement statement) throws SQLException {
        return Streaming.unknown("rowstream knows no streaming rule for the " + c.getMetaData().getDriverName()
                + " driver: whether it buffers shows only when it runs");
    }

    /** What {@link Cursors#beginCursor} and {@link Cursors#prepareCursor} do for CURSOR and HYBRID reads, one item each. */
    default java.util.List<String> streamingSetup() {
        return java.util.List.of("a read-only transaction: auto-commit off, read only",
                "TYPE_FORWARD_ONLY, CONCUR_READ_ONLY, fetch size = the batch size",
                "whether the driver then streams is not known: AUTO prefers KEYSET when there is a key");
    }

    /**
     * The server's settings that can end a long read (a query, a transaction or an idle session that
     * lasts too long), as this session sees them. Empty for an embedded database.
     */
    default java.util.List<ServerSetting> longReadSettings(Connection c) throws SQLException {
        return java.util.List.of();
    }

    /**
     * The rows in a table by the database's statistics, without counting: cheap, but only an estimate
     * (off by tens of percent, stale until the statistics are refreshed). Empty when the database keeps
     * none. {@code catalog} and {@code schema} are the table's as the metadata gives them (either may be null).
     */
    default java.util.OptionalLong estimateRows(Connection c, String catalog, String schema, String table)
            throws SQLException {
        return java.util.OptionalLong.empty();
    }

    /**
     * True when what the reading thread allocates inside {@code executeQuery} is the driver buffering rows
     * (a client of a database server). False when the database itself runs in that thread (an embedded
     * engine), whose query work (a scan, a sort) allocates there too although it keeps little.
     */
    default boolean allocationShowsBuffering(Connection c) throws SQLException {
        return true;
    }
}
