package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.RowMapper;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreamException;
import dev.rowstream.Strategy;
import dev.rowstream.dialect.Dialect;
import dev.rowstream.dialect.Dialects;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Opens streams: plans the read on one connection, then hands it to the strategy's source. */
public final class Streams {
    private Streams() {
    }

    public static <T> RowStream<T> open(DataSource dataSource, ReadSpec spec, RowMapper<T> mapper) {
        Connection c = connect(dataSource);
        Plan plan = null;
        RowSource source = null;
        try {
            Dialect dialect = Dialects.detect(c.getMetaData());
            plan = Planner.plan(c, dialect, spec);
            if (plan.strategy() == Strategy.CURSOR) {
                source = new CursorSource(c, plan);
                c = null;
            } else {
                c.close();
                c = null;
                source = new PagedSource(dataSource, plan);
            }
            source.open();
            return new DefaultRowStream<>(source, plan, mapper);
        } catch (SQLException e) {
            if (source != null) {
                source.close();
            }
            throw plan == null ? new RowStreamException("reading the schema failed: " + Sql.firstLine(e.getMessage()), e)
                    : DefaultRowStream.failure(e, source == null ? null : source.lastSql(), plan);
        } catch (RuntimeException e) {
            if (source != null) {
                source.close();
            }
            throw e;
        } finally {
            Jdbc.close(c, null);
        }
    }

    /** Plans without reading: the plan shows the strategy, the final key and the SQL. */
    public static Plan plan(DataSource dataSource, ReadSpec spec) {
        try (Connection c = connect(dataSource)) {
            return Planner.plan(c, Dialects.detect(c.getMetaData()), spec);
        } catch (SQLException e) {
            throw new RowStreamException("reading the schema failed: " + Sql.firstLine(e.getMessage()), e);
        }
    }

    private static Connection connect(DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new InvalidSpecException("cannot connect: " + Sql.firstLine(e.getMessage())
                    + ": check the URL, user and password", e);
        }
    }
}
