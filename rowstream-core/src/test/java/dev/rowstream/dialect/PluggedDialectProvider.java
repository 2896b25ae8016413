package dev.rowstream.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider registered in src/test/resources/META-INF/services, as README's "Adding a database" shows: it
 * answers only for H2 databases whose file is named {@link #MARKER}, so every other test keeps its built-in
 * dialect.
 */
public final class PluggedDialectProvider implements DialectProvider {
    static final String MARKER = "plugged_dialect";

    @Override
    public Dialect forDatabase(DatabaseMetaData md) throws SQLException {
        return String.valueOf(md.getURL()).contains(MARKER) ? new PluggedDialect() : null;
    }

    /** A dialect for a database as if rowstream did not ship one: the generic one, with a LIMIT of its own. */
    static final class PluggedDialect extends GenericDialect {
        /** How often {@link #limit} was asked, over every instance: the read's SQL must come from here. */
        static final AtomicInteger LIMITS = new AtomicInteger();

        PluggedDialect() {
            super("plugged H2");
        }

        @Override
        public String name() { return "plugged-h2"; }

        @Override
        public String limit(int limit) {
            LIMITS.incrementAndGet();
            return " LIMIT " + limit + " /* plugged */";
        }
    }
}
