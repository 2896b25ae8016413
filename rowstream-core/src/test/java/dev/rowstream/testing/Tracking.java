package dev.rowstream.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Open/close accounting for the JDBC objects a {@link DbTarget}'s DataSource hands out.
 *
 * <p>Each real connection, statement and result set is wrapped in a {@link Proxy} that forwards every
 * call to the driver and records when it is closed. The JDBC rules for implicit closing are applied
 * here, and only these: closing (or re-executing, or {@code getMoreResults} on) a statement closes its
 * result sets, and {@code closeOnCompletion} closes a statement with its last result set. Closing a
 * connection does not count as closing its statements: we want every statement closed.
 */
final class Tracking {
    enum Kind {
        CONNECTION("connection"), STATEMENT("statement"), RESULT_SET("result set"), METADATA("metadata");

        final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    /** Orders every open and every use; a {@link LeakCheck.Mark} is a position in it. */
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Set<Resource> OPEN = ConcurrentHashMap.newKeySet();
    private static final Map<DbTarget, AtomicLong> CONNECTIONS_OPENED = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Class<?>[]> INTERFACES = new ConcurrentHashMap<>();

    private Tracking() {
    }

    static long current() {
        return SEQUENCE.get();
    }

    static long next() {
        return SEQUENCE.incrementAndGet();
    }

    /** Resources opened after {@code mark} and not closed yet, oldest first. */
    static List<Resource> openSince(long mark) {
        return OPEN.stream().filter(r -> r.seq > mark)
                .sorted(Comparator.comparingLong(r -> r.seq)).collect(Collectors.toList());
    }

    /** Open resources of one kind, for one target or (null) for all. */
    static int count(DbTarget target, Kind kind) {
        return (int) OPEN.stream().filter(r -> r.kind == kind && (target == null || r.target == target)).count();
    }

    static long connectionsOpened(DbTarget target) {
        if (target == null) {
            return CONNECTIONS_OPENED.values().stream().mapToLong(AtomicLong::get).sum();
        }
        AtomicLong n = CONNECTIONS_OPENED.get(target);
        return n == null ? 0 : n.get();
    }

    static DataSource dataSource(DbTarget target, UrlDataSource real, Runnable onUse) {
        return new TrackedDataSource(target, real, onUse);
    }

    static Connection connection(DbTarget target, Connection real) {
        CONNECTIONS_OPENED.computeIfAbsent(target, t -> new AtomicLong()).incrementAndGet();
        return (Connection) new Resource(Kind.CONNECTION, target, real, null, null).wrap(Connection.class);
    }

    /** One wrapped JDBC object. */
    static final class Resource implements InvocationHandler {
        final Kind kind;
        final DbTarget target;
        final Object real;
        final Resource parent;
        final long seq;
        private final Throwable openedAt;
        private final String thread = Thread.currentThread().getName();
        private final AtomicBoolean closed = new AtomicBoolean();
        /** Open result sets of a statement (or metadata), keyed by the driver's object. */
        private final Map<Object, Resource> children = Collections.synchronizedMap(new IdentityHashMap<>());
        private volatile String sql;
        private volatile boolean closeOnCompletion;
        private Object proxy;
        private String declaredType;

        Resource(Kind kind, DbTarget target, Object real, Resource parent, String sql) {
            this.kind = kind;
            this.target = target;
            this.real = real;
            this.parent = parent;
            this.sql = sql;
            this.seq = next();
            this.openedAt = kind == Kind.METADATA ? null : new Throwable("opened here");
        }

        /** Returns a proxy implementing {@code type}, registered as open; or the real object if that cannot be. */
        Object wrap(Class<?> type) {
            declaredType = type.getSimpleName();
            proxy = newProxy(type);
            if (!type.isInstance(proxy)) {
                return real;
            }
            if (kind != Kind.METADATA) {
                OPEN.add(this);
            }
            if (parent != null && kind == Kind.RESULT_SET) {
                parent.children.put(real, this);
            }
            return proxy;
        }

        private Object newProxy(Class<?> type) {
            Class<?> jdbcType = switch (kind) {
                case CONNECTION -> Connection.class;
                case STATEMENT -> real instanceof CallableStatement ? CallableStatement.class
                        : real instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                case RESULT_SET -> ResultSet.class;
                case METADATA -> DatabaseMetaData.class;
            };
            // Also implement the driver's own public interfaces, so `instanceof PGConnection` still holds.
            Class<?>[] all = INTERFACES.computeIfAbsent(real.getClass(), Tracking::publicInterfaces);
            try {
                return Proxy.newProxyInstance(real.getClass().getClassLoader(), all, this);
            } catch (IllegalArgumentException clashOrInvisible) {
                return Proxy.newProxyInstance(Tracking.class.getClassLoader(),
                        type.isInterface() && type != jdbcType ? new Class<?>[] {jdbcType, type}
                                : new Class<?>[] {jdbcType}, this);
            }
        }

        void markClosed() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            OPEN.remove(this);
            closeResultSets();
            if (parent != null && kind == Kind.RESULT_SET) {
                parent.children.remove(real);
                if (parent.kind == Kind.STATEMENT && parent.closeOnCompletion && parent.children.isEmpty()) {
                    parent.markClosed();
                }
            }
        }

        /** Closes the driver object (ignoring errors) and marks it closed: after a reported leak. */
        void forceClose() {
            try {
                ((AutoCloseable) real).close();
            } catch (Exception ignored) {
                // Reported already; we only free it so the next test starts clean.
            }
            markClosed();
        }

        private void closeResultSets() {
            List<Resource> open;
            synchronized (children) {
                open = new ArrayList<>(children.values());
            }
            open.forEach(Resource::markClosed);
        }

        private Resource connection() {
            Resource r = this;
            while (r.parent != null) {
                r = r.parent;
            }
            return r;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            int argc = args == null ? 0 : args.length;
            if (method.getDeclaringClass() == Object.class) {
                switch (name) {
                    case "equals":
                        return self == args[0];
                    case "hashCode":
                        return System.identityHashCode(self);
                    default:
                        return call(method, args);
                }
            }
            if (argc == 0 && name.equals("close") || kind == Kind.CONNECTION && name.equals("abort")) {
                try {
                    return call(method, args);
                } finally {
                    markClosed();
                }
            }
            if ((kind == Kind.STATEMENT || kind == Kind.METADATA) && argc == 0 && name.equals("getConnection")) {
                return connection().proxy;
            }
            if (kind == Kind.RESULT_SET && argc == 0 && name.equals("getStatement")) {
                Object statement = call(method, args);
                return parent.kind == Kind.STATEMENT ? parent.proxy : statement;
            }
            if (kind == Kind.STATEMENT) {
                if (argc == 0 && name.equals("closeOnCompletion")) {
                    Object result = call(method, args);
                    closeOnCompletion = true;
                    return result;
                }
                if (name.startsWith("execute")) {
                    // JDBC: executing a statement closes its current result set.
                    closeResultSets();
                    if (argc > 0 && args[0] instanceof String s) {
                        sql = s;
                    }
                } else if (name.equals("getMoreResults")
                        && (argc == 0 || !Integer.valueOf(Statement.KEEP_CURRENT_RESULT).equals(args[0]))) {
                    closeResultSets();
                }
            }
            Object result = call(method, args);
            if (result == null || name.equals("unwrap")) {
                return result;
            }
            Class<?> type = method.getReturnType();
            if (kind == Kind.CONNECTION && result instanceof Statement && type.isInterface()) {
                String text = argc > 0 && args[0] instanceof String s ? s : null;
                return new Resource(Kind.STATEMENT, target, result, this, text).wrap(type);
            }
            if (kind == Kind.CONNECTION && result instanceof DatabaseMetaData && type == DatabaseMetaData.class) {
                return new Resource(Kind.METADATA, target, result, this, null).wrap(type);
            }
            if ((kind == Kind.STATEMENT || kind == Kind.METADATA) && result instanceof ResultSet
                    && type == ResultSet.class) {
                Resource known = children.get(result); // getResultSet() twice gives the same result set
                if (known != null) {
                    return known.proxy;
                }
                return new Resource(Kind.RESULT_SET, target, result, this,
                        kind == Kind.METADATA ? "DatabaseMetaData." + name : sql).wrap(type);
            }
            return result;
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** "POSTGRES statement #12 (PreparedStatement: SELECT ...) opened on thread main at ..." */
        String describe() {
            StringBuilder b = new StringBuilder().append(target).append(' ').append(kind.noun).append(" #").append(seq);
            String type = kind == Kind.STATEMENT ? declaredType : null;
            String text = sql == null ? null : shorten(sql);
            if (type != null || text != null) {
                b.append(" (").append(type == null ? "" : type)
                        .append(type != null && text != null ? ": " : "").append(text == null ? "" : text).append(')');
            }
            b.append(" opened on thread ").append(thread).append(" at");
            int shown = 0;
            for (StackTraceElement frame : openedAt.getStackTrace()) {
                String cls = frame.getClassName();
                if (cls.startsWith("org.junit.")) {
                    break; // the test framework below the test method
                }
                if (cls.startsWith(Tracking.class.getName()) || cls.startsWith("jdk.proxy")
                        || cls.startsWith("com.sun.proxy") || cls.startsWith("java.lang.reflect.")
                        || cls.startsWith("jdk.internal.reflect.") || cls.contains("$Proxy")) {
                    continue;
                }
                b.append("\n        at ").append(frame);
                if (++shown == 10) {
                    b.append("\n        ...");
                    break;
                }
            }
            return b.toString();
        }

        @Override
        public String toString() {
            return target + " " + kind.noun + " #" + seq;
        }
    }

    static String shorten(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    private static Class<?>[] publicInterfaces(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Arrays.stream(c.getInterfaces())
                    .filter(i -> java.lang.reflect.Modifier.isPublic(i.getModifiers()))
                    .forEach(all::add);
        }
        return all.toArray(new Class<?>[0]);
    }

    /** The DataSource a {@link DbTarget} hands out: a {@link UrlDataSource} whose connections are tracked. */
    private static final class TrackedDataSource implements DataSource {
        private final DbTarget target;
        private final UrlDataSource real;
        private final Runnable onUse;

        TrackedDataSource(DbTarget target, UrlDataSource real, Runnable onUse) {
            this.target = target;
            this.real = real;
            this.onUse = onUse;
        }

        @Override
        public Connection getConnection() throws SQLException {
            onUse.run();
            return connection(target, real.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            onUse.run();
            return connection(target, real.getConnection(user, password));
        }

        @Override
        public PrintWriter getLogWriter() {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return real.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            return real.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this) || real.isWrapperFor(iface);
        }

        @Override
        public String toString() {
            return "tracked " + target + " DataSource[" + real.url() + "]";
        }
    }
}
