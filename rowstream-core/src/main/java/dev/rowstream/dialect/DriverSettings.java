package dev.rowstream.dialect;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a driver's settings from a live connection, for the dialects' streaming rules. The library
 * brings no driver, so a driver's own API is reached by name, through its public interfaces; when that
 * fails, the setting is read from the connection's URL as the driver parses it
 * ({@link java.sql.Driver#getPropertyInfo}), which also knows the driver's default.
 */
final class DriverSettings {
    private static final Logger LOG = LoggerFactory.getLogger(DriverSettings.class);

    private DriverSettings() {
    }

    /**
     * Calls {@code method} of the public interface or class {@code type} (looked up in the driver's class
     * loader) on the driver's own connection behind {@code c}; each later name in {@code chain} is called on
     * the previous result, declared by the type given before it. Null when anything is missing.
     */
    static Object call(Connection c, String type, String method, String... chain) {
        try {
            Object target = c.unwrap(Connection.class);
            ClassLoader loader = target.getClass().getClassLoader();
            Object value = invoke(Class.forName(type, false, loader), target, method);
            for (int i = 0; i + 1 < chain.length && value != null; i += 2) {
                value = invoke(Class.forName(chain[i], false, loader), value, chain[i + 1]);
            }
            return value;
        } catch (ReflectiveOperationException | SQLException | RuntimeException | LinkageError e) {
            LOG.debug("cannot read {}.{} from the connection: {}", type, method, e.toString());
            return null;
        }
    }

    private static Object invoke(Class<?> type, Object target, String spec) throws ReflectiveOperationException {
        // "name" or "name:argument" (one String argument).
        int colon = spec.indexOf(':');
        if (colon < 0) {
            Method m = type.getMethod(spec);
            return type.isInstance(target) ? m.invoke(target) : null;
        }
        Method m = type.getMethod(spec.substring(0, colon), String.class);
        return type.isInstance(target) ? m.invoke(target, spec.substring(colon + 1)) : null;
    }

    /** The value of a connection property as the driver parses the connection's URL, or null. */
    static String urlProperty(Connection c, String name) {
        try {
            String url = c.getMetaData().getURL();
            if (url == null) {
                return null;
            }
            for (DriverPropertyInfo p : DriverManager.getDriver(url).getPropertyInfo(url, new Properties())) {
                if (name.equalsIgnoreCase(p.name)) {
                    return p.value;
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("cannot read {} from the URL: {}", name, e.getClass().getName());
        }
        return null;
    }

    /** {@code url} with the connection property {@code name=value} added, unless the URL sets it already. */
    static String withUrlProperty(String url, String name, String value) {
        if (url.toLowerCase(java.util.Locale.ROOT).contains(name.toLowerCase(java.util.Locale.ROOT) + "=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }

    /** True for the values drivers read as true: true, yes, on, 1. */
    static boolean isTrue(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String v = String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("1");
    }

    /** The reasons a statement's own shape makes a driver read its result whole: scrollable, or updatable. */
    static List<String> shape(Statement s, String driver) throws SQLException {
        List<String> reasons = new ArrayList<>();
        if (s.getResultSetType() != java.sql.ResultSet.TYPE_FORWARD_ONLY) {
            reasons.add("the result is scrollable: " + driver + " streams only TYPE_FORWARD_ONLY results");
        }
        return reasons;
    }
}
