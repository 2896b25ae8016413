package dev.rowstream.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** H2 2.x. */
public class H2Dialect extends Dialect {

    @Override
    public String name() { return "h2"; }

    @Override
    public String limit(int limit) { return " LIMIT " + limit; }

    @Override
    public String limitOffset(int limit, long offset) { return " LIMIT " + limit + " OFFSET " + offset; }

    /**
     * H2 materialises a whole result before the first row (spilling to disk past MAX_MEMORY_ROWS)
     * unless the session sets LAZY_QUERY_EXECUTION, which makes simple queries produce rows on demand.
     * It is a session setting, so endCursor turns it back off before the connection is returned.
     */
    @Override
    public void beginCursor(Connection c) throws SQLException {
        super.beginCursor(c);
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
    }

    @Override
    public void endCursor(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION FALSE");
        }
    }
}
