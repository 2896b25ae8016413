package dev.rowstream.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Supplies the dialect of a database that rowstream does not ship (or replaces a built-in one). Providers
 * are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.rowstream.dialect.DialectProvider} (or {@code provides} it in a module), and
 * give it a public no-argument constructor. Every provider is asked, in the order found, before the
 * built-in dialects; the first that answers is used. Start a dialect from {@link GenericDialect} and
 * override what the database does otherwise (see README, "Adding a database").
 */
public interface DialectProvider {

    /**
     * The dialect for the database that {@code md} describes (its product name, version, driver or URL), or
     * null when this provider does not know that database.
     */
    Dialect forDatabase(DatabaseMetaData md) throws SQLException;
}
