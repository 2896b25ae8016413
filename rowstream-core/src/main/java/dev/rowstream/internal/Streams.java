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
                source = new ResumingSource(new CursorSource(c, plan), Retry.never(plan), c);
                c = null;
            } else if (plan.strategy() == Strategy.HYBRID) {
                Retry retry = Retry.resuming(plan, spec.retries(), spec.listener());
                source = new HybridSource(dataSource, plan, spec, retry, c);
                c = null;
            } else {
                c.close();
                c = null;
                source = new ResumingSource(new PagedSource(dataSource, plan, spec.listener()),
                        Retry.resuming(plan, spec.retries(), spec.listener()), null);
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

    /**
     * Explains the query that repeats: a keyset batch (or HYBRID segment) after the key of the table's
     * first row (the seek that every following batch runs), through the dialect's EXPLAIN.
     */
    public static Explained explain(DataSource dataSource, ReadSpec spec) {
        try (Connection c = connect(dataSource)) {
            Dialect dialect = Dialects.detect(c.getMetaData());
            Plan plan = Planner.plan(c, dialect, spec);
            if (!plan.hasKey()) {
                return new Explained(plan, null, null);
            }
            Object[] first = firstKey(c, plan);
            if (first == null) {
                return new Explained(plan, null, null);
            }
            Plan.Sql next = plan.strategy() == Strategy.HYBRID ? plan.segment(first, spec.segmentRows())
                    : plan.keysetBatch(first, plan.batchSize());
            return new Explained(plan, next, dialect.explain(c, next.text(), next.params()));
        } catch (SQLException e) {
            throw new RowStreamException("explaining the read failed: " + Sql.firstLine(e.getMessage()), e);
        }
    }

    /** A plan with the following batch's SQL and the database's plan for it (either may be null). */
    public record Explained(Plan plan, Plan.Sql following, Dialect.QueryPlan databasePlan) {
    }

    private static Object[] firstKey(Connection c, Plan plan) throws SQLException {
        Plan.Sql first = plan.keysetBatch(null, 1);
        try (java.sql.PreparedStatement ps = c.prepareStatement(first.text())) {
            Jdbc.bind(plan.dialect(), ps, first.params());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                RowReader reader = RowReader.of(plan.dialect(), rs.getMetaData(), plan.outputWidth());
                Object[] row = reader.read(rs);
                Object[] key = new Object[plan.keyIndexes().length];
                for (int i = 0; i < key.length; i++) {
                    key[i] = row[plan.keyIndexes()[i]];
                }
                return key;
            }
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
