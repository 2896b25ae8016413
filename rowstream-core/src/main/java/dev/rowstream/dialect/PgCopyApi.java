package dev.rowstream.dialect;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * pgjdbc's {@code CopyManager} of a connection, reached by reflection through pgjdbc's public interfaces: the
 * library has no compile-time dependency on a driver, and a user without pgjdbc never loads its classes. Used by
 * {@link PgCopyReader} (COPY TO) and {@code copy/PgCopyWriter} (COPY FROM).
 */
public final class PgCopyApi {
    private final Object manager;
    private final ClassLoader loader;

    private PgCopyApi(Object manager, ClassLoader loader) {
        this.manager = manager;
        this.loader = loader;
    }

    /** The CopyManager of {@code c}, or null when it is not a pgjdbc connection (or pgjdbc is not there). */
    public static PgCopyApi of(Connection c) throws SQLException {
        Class<?> pgConnection;
        ClassLoader loader = c.getClass().getClassLoader();
        try {
            pgConnection = Class.forName("org.postgresql.PGConnection", false,
                    loader != null ? loader : ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        if (!c.isWrapperFor(pgConnection)) {
            return null;
        }
        try {
            Object api = pgConnection.getMethod("getCopyAPI").invoke(c.unwrap(pgConnection));
            return new PgCopyApi(api, pgConnection.getClassLoader());
        } catch (ReflectiveOperationException e) {
            return null; // another pgjdbc than the one this was written for
        }
    }

    /** The CopyManager itself. */
    public Object manager() { return manager; }

    /** The public method {@code name} of pgjdbc's {@code org.postgresql.copy.<type>}. */
    public Method method(String type, String name, Class<?>... parameters) throws ReflectiveOperationException {
        return Class.forName("org.postgresql.copy." + type, false, loader).getMethod(name, parameters);
    }

    /** Calls a pgjdbc method found by {@link #method}, rethrowing what it threw. */
    public static Object call(Method m, Object target, Object... args) throws SQLException {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new SQLException("COPY failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new SQLException("COPY is not accessible: " + e, e);
        }
    }
}
