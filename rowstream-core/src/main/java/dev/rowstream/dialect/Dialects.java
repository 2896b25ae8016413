package dev.rowstream.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the dialect of a connection from its {@link DatabaseMetaData}, asking the {@link DialectProvider}s first. */
public final class Dialects {
    private static final Logger LOG = LoggerFactory.getLogger(Dialects.class);

    private static final List<DialectProvider> PROVIDERS = providers();

    private Dialects() {
    }

    /**
     * The dialect whose driver takes {@code url} (by its prefix, case aside), for the settings to put in a URL
     * before connecting; a generic dialect, which changes nothing, for any other.
     */
    public static Dialect forUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (Dialect d : List.of(new PostgresDialect(), new MariaDbDialect(), new MySqlConnectorDialect(),
                new H2Dialect(), new SqliteDialect())) {
            if (d.acceptsUrl(lower)) {
                return d;
            }
        }
        return new GenericDialect(url.replaceAll("^(?i)jdbc:([^:]*):.*", "$1"));
    }

    /** The dialect of the database that {@code md} describes: a {@link DialectProvider}'s first, else a built-in one. */
    public static Dialect detect(DatabaseMetaData md) throws SQLException {
        for (DialectProvider provider : PROVIDERS) {
            Dialect plugged = provider.forDatabase(md);
            if (plugged != null) {
                return plugged;
            }
        }
        return builtIn(md);
    }

    /**
     * The providers on the class path, loaded once. One that cannot be loaded is left out with a warning, as
     * its database then reads with a built-in dialect (or the generic one), which the warning names.
     */
    private static List<DialectProvider> providers() {
        List<DialectProvider> found = new ArrayList<>();
        Iterator<DialectProvider> it = ServiceLoader.load(DialectProvider.class, Dialects.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return List.copyOf(found);
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("a dialect provider cannot be loaded, so its databases get a built-in dialect: {}", e.toString());
            }
        }
    }

    private static Dialect builtIn(DatabaseMetaData md) throws SQLException {
        String product = md.getDatabaseProductName();
        String driver = String.valueOf(md.getDriverName()).toLowerCase(Locale.ROOT);
        String p = String.valueOf(product).toLowerCase(Locale.ROOT);
        if (p.contains("postgresql")) {
            return new PostgresDialect();
        }
        // Against a MariaDB server, MySQL Connector/J reports "MySQL"; the driver name tells them apart.
        if (driver.contains("mysql connector")) {
            return new MySqlConnectorDialect();
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return new MariaDbDialect();
        }
        if (p.equals("h2")) {
            return new H2Dialect();
        }
        if (p.contains("sqlite")) {
            return new SqliteDialect();
        }
        LOG.warn("no dialect for database '{}' (driver '{}'): using standard SQL, and streaming is not guaranteed",
                product, md.getDriverName());
        return new GenericDialect(product);
    }
}
