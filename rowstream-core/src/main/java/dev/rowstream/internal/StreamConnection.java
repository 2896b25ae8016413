package dev.rowstream.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import org.slf4j.LoggerFactory;

/**
 * One stream's connection, when the stream was made from a JDBC URL ({@link DriverManagerDataSource}): a
 * DataSource of one physical connection, handed out again for every batch and segment, so that a KEYSET,
 * OFFSET or HYBRID read opens one connection rather than one per batch (on PostgreSQL a new backend
 * process each time). A pooled DataSource needs none of this: the pool does the reuse.
 *
 * <p>What a batch hands back is a lease: closing it releases the connection. The connection is kept only
 * when it is as it came: no transaction open (anything left is rolled back), auto-commit and read-only as
 * the driver opened it. It is discarded (closed) instead when any call on the lease or on its statements
 * threw (the readers end their transactions and session settings themselves, so a failed end leaves the
 * session in an unknown state), when the lease was aborted (MariaDB and MySQL abandon a half-read
 * streaming result that way), and when the {@link Retry} takes a failure for a lost connection
 * ({@link #lost()}): a retry then always gets a new connection. The stream's close closes it.
 *
 * <p>There is never more than one connection: asking for a second while the first is out is a bug.
 */
final class StreamConnection extends PlainDataSource implements AutoCloseable {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(StreamConnection.class);

    private final DriverManagerDataSource source;
    private Connection physical;
    private boolean autoCommit;
    private boolean readOnly;
    private Lease lease;
    private boolean closed;

    private StreamConnection(DriverManagerDataSource source) {
        this.source = source;
    }

    /** The connection holder for one stream read from {@code dataSource}, or null when it is not a URL's. */
    static StreamConnection of(javax.sql.DataSource dataSource) {
        return dataSource instanceof DriverManagerDataSource d ? new StreamConnection(d) : null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the stream is closed", "08003");
        }
        if (lease != null) {
            throw new IllegalStateException("a stream asked for a second connection while it holds one");
        }
        if (physical == null) {
            physical = source.getConnection();
            autoCommit = physical.getAutoCommit();
            readOnly = physical.isReadOnly();
        }
        lease = new Lease(physical);
        return (Connection) Proxy.newProxyInstance(StreamConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, lease);
    }

    /** The read failed because its connection was lost: the next batch gets a new one. */
    void lost() {
        if (lease != null) {
            lease.tainted = true;
        } else {
            discard();
        }
    }

    /** Closes the connection; after the stream's source, which has released it. */
    @Override
    public void close() {
        closed = true;
        lease = null;
        discard();
    }

    /** {@code source}, closing this connection after it. */
    RowSource around(RowSource source) {
        return new ForwardingSource(source) {
            @Override
            public void close() {
                try {
                    super.close();
                } finally {
                    StreamConnection.this.close();
                }
            }
        };
    }

    private void release(Lease released) {
        if (released != lease) {
            return;
        }
        lease = null;
        if (released.aborted || released.tainted || !reset()) {
            discard();
        }
    }

    /** Puts the connection back as the driver opened it; false when that failed or it is closed. */
    private boolean reset() {
        try {
            if (physical.isClosed()) {
                return false;
            }
            if (!physical.getAutoCommit()) {
                physical.rollback();
            }
            if (physical.getAutoCommit() != autoCommit) {
                physical.setAutoCommit(autoCommit);
            }
            if (physical.isReadOnly() != readOnly) {
                physical.setReadOnly(readOnly);
            }
            return true;
        } catch (SQLException e) {
            LOG.debug("resetting the stream's connection: {}", e.toString());
            return false;
        }
    }

    private void discard() {
        Connection c = physical;
        physical = null;
        Throwable failure = Jdbc.close(c, null);
        if (failure != null) {
            LOG.debug("closing the stream's connection: {}", failure.toString());
        }
    }

    /** The connection as one batch sees it: close releases it; any SQLException through it taints it. */
    private final class Lease implements InvocationHandler {
        private final Connection connection;
        private boolean released;
        private boolean aborted;
        private boolean tainted;

        Lease(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!released) {
                        released = true;
                        release(this);
                    }
                    return null;
                case "isClosed":
                    return released || connection.isClosed();
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "a stream's connection (" + connection + ")";
                default:
                    break;
            }
            if (released) {
                throw new SQLException("the connection was released", "08003");
            }
            if (method.getName().equals("abort")) {
                aborted = true;
                released = true;
                try {
                    connection.abort((Executor) args[0]);
                } finally {
                    release(this);
                }
                return null;
            }
            Object result = call(connection, method, args);
            if (result instanceof Statement s && Statement.class.isAssignableFrom(method.getReturnType())) {
                return Proxy.newProxyInstance(StreamConnection.class.getClassLoader(),
                        new Class<?>[] {method.getReturnType()}, (p, m, a) ->
                                m.getName().equals("getConnection") ? proxy : call(s, m, a));
            }
            return result;
        }

        private Object call(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException) {
                    tainted = true;
                }
                throw e.getCause();
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a stream's connection has the URL's user");
    }
}
