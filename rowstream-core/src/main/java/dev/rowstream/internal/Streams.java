package dev.rowstream.internal;

import dev.rowstream.RowMapper;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreamException;
import dev.rowstream.RowViewMapper;
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
        return open(dataSource, spec, mapper, null);
    }

    /** {@code from}: a checkpoint to resume after (checked against the plan by {@link Resume}), or null. */
    public static <T> RowStream<T> open(DataSource dataSource, ReadSpec spec, RowMapper<T> mapper,
                                        dev.rowstream.checkpoint.Checkpoint from) {
        return open(dataSource, spec, mapper, from, null);
    }

    /** {@code range}: only that part of the keyed read (see {@link KeyRange}), or null for all of it. */
    public static <T> RowStream<T> open(DataSource dataSource, ReadSpec spec, RowMapper<T> mapper,
                                        dev.rowstream.checkpoint.Checkpoint from, KeyRange range) {
        return open(dataSource, spec, DefaultRowStream.Mapping.rows(mapper), from, range);
    }

    /** A stream whose rows {@code mapper} reads in place, through a {@link dev.rowstream.RowView}. */
    public static <T> RowStream<T> openMapped(DataSource dataSource, ReadSpec spec, RowViewMapper<T> mapper,
                                              dev.rowstream.checkpoint.Checkpoint from, KeyRange range) {
        return open(dataSource, spec, DefaultRowStream.Mapping.view(mapper), from, range);
    }

    /** {@code range}: only that part of the keyed read (see {@link KeyRange}), or null for all of it. */
    private static <T> RowStream<T> open(DataSource dataSource, ReadSpec spec, DefaultRowStream.Mapping<T> mapping,
                                         dev.rowstream.checkpoint.Checkpoint from, KeyRange range) {
        StreamConnection own = StreamConnection.of(dataSource);
        try {
            RowStream<T> stream = open(own == null ? dataSource : own, own, spec, mapping, from, range);
            own = null;
            return stream;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    /** {@code own}: the stream's own connection (a URL's), which {@code dataSource} is then; or null. */
    private static <T> RowStream<T> open(DataSource dataSource, StreamConnection own, ReadSpec spec,
                                         DefaultRowStream.Mapping<T> mapping,
                                         dev.rowstream.checkpoint.Checkpoint from, KeyRange range) {
        RowReader.Mode mode = mapping.mode();
        Connection c = connect(dataSource);
        Plan plan = null;
        RowSource source = null;
        try {
            Dialect dialect = Dialects.detect(c.getMetaData());
            plan = Planner.plan(c, dialect, spec);
            if (range != null) {
                Ranges.check(plan, range, from);
            }
            Object[] after = range != null ? range.after() : Resume.startAfter(c, plan, from);
            Object[] upTo = range != null ? range.upTo() : null;
            // A RowViewMapper reads its values from the result set itself: a mapped read has no fast path.
            FastRead fast = mode == RowReader.Mode.ROWS ? FastRead.of(c, plan, spec, why -> { }) : null;
            spec.listener().onStart(plan.strategy());
            if (plan.strategy() == Strategy.CURSOR) {
                RowSource cursor = range != null ? Resume.cursor(dataSource, c, plan, after, upTo, mode)
                        : after != null ? Resume.cursor(dataSource, c, plan, after, mode) : new CursorSource(c, plan, mode);
                source = new ResumingSource(cursor, Retry.never(plan), c);
                c = null;
            } else if (plan.strategy() == Strategy.HYBRID) {
                Retry retry = retry(plan, spec, own);
                HybridSource hybrid = new HybridSource(dataSource, plan, spec, retry, c, mode, fast);
                hybrid.range(after, upTo);
                source = hybrid;
                c = null;
            } else {
                c.close();
                c = null;
                PagedSource paged = new PagedSource(dataSource, plan, spec.listener(), mode, fast);
                paged.range(after, upTo);
                source = new ResumingSource(paged, retry(plan, spec, own), null);
            }
            source = ListenedSource.of(source, spec.listener());
            if (own != null) {
                source = own.around(source);
            }
            source.open();
            DefaultRowStream<T> stream = new DefaultRowStream<>(source, plan, mapping);
            stream.resumedFrom = from;
            stream.fastPath = fast != null;
            return stream;
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

    /** The retries of a read that resumes; a lost connection of the stream's own is not used again. */
    private static Retry retry(Plan plan, ReadSpec spec, StreamConnection own) {
        Retry retry = Retry.resuming(plan, spec.retries(), spec.listener());
        return own == null ? retry : retry.whenLost(own::lost);
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
            String[] off = {null};
            String fastPath = FastRead.of(c, plan, spec, why -> off[0] = why) != null
                    ? "on: each " + (plan.strategy() == Strategy.HYBRID ? "segment" : "batch")
                            + " is read with COPY (its query) TO STDOUT (FORMAT binary)"
                    : "off: " + off[0];
            if (!plan.hasKey()) {
                return new Explained(plan, null, null, fastPath);
            }
            Object[] first = firstKey(c, plan);
            if (first == null) {
                return new Explained(plan, null, null, fastPath);
            }
            Plan.Sql next = plan.strategy() == Strategy.HYBRID ? plan.segment(first, spec.segmentRows())
                    : plan.keysetBatch(first, plan.batchSize() + 1);
            return new Explained(plan, next, dialect.explain(c, next.text(), next.params()), fastPath);
        } catch (SQLException e) {
            throw new RowStreamException("explaining the read failed: " + Sql.firstLine(e.getMessage()), e);
        }
    }

    /**
     * A plan with the following batch's SQL and the database's plan for it (either may be null), and whether
     * the fast path reads it (and why not).
     */
    public record Explained(Plan plan, Plan.Sql following, Dialect.QueryPlan databasePlan, String fastPath) {
    }

    private static Object[] firstKey(Connection c, Plan plan) throws SQLException {
        Plan.Sql first = plan.keysetBatch(null, 1);
        try (java.sql.PreparedStatement ps = c.prepareStatement(first.text())) {
            Jdbc.bind(plan.dialect(), ps, first.params());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return Seeker.key(plan, RowReader.of(plan, rs.getMetaData()).read(rs));
            }
        }
    }

    /**
     * Borrows the planning connection. A refused login stays bad input (InvalidSpecException), but a
     * pool with no free connection for its whole timeout is a runtime failure (StreamFailedException)
     * whose message carries the pool's state: see {@link ConnectFailure}.
     */
    private static Connection connect(DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw ConnectFailure.of(e);
        } catch (RuntimeException e) {
            if (!ConnectFailure.fromJdbc(e)) {
                throw e;
            }
            throw ConnectFailure.of(e);
        }
    }
}
