package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.Dialects;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Row estimates from the database's statistics, for progress displays: never a count, never a failure. */
public final class Estimates {
    private static final Logger LOG = LoggerFactory.getLogger(Estimates.class);

    private Estimates() {
    }

    /**
     * The rows a read returns, estimated: only for a whole table (no query, no condition, which the
     * statistics cannot account for). Empty when unknown, or when anything fails: the read itself
     * reports real problems.
     */
    public static OptionalLong rows(DataSource dataSource, ReadSpec spec) {
        if (spec.table() == null || (spec.where() != null && !spec.where().isBlank())) {
            return OptionalLong.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return rows(c, Dialects.detect(c.getMetaData()), spec.table());
        } catch (InvalidSpecException e) {
            return OptionalLong.empty(); // the read itself says what is wrong, and better
        } catch (SQLException | RuntimeException e) {
            // Only the kind of failure: a message may quote the URL or the names, unmasked.
            LOG.debug("no row estimate: {} (SQLState {})", e.getClass().getName(),
                    e instanceof SQLException s ? s.getSQLState() : null);
            return OptionalLong.empty();
        }
    }

    /** The estimate for {@code table} (as a user names it), resolved through the metadata. */
    public static OptionalLong rows(Connection c, Dialect dialect, String table) throws SQLException {
        TableInfo t = Schema.table(c, dialect, table);
        return dialect.estimateRows(c, t.catalog(), t.schema(), t.name());
    }
}
