package dev.rowstream;

import dev.rowstream.internal.DriverManagerDataSource;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where every read starts.
 *
 * <pre>{@code
 * try (RowStream<Row> rows = RowStreams.from(dataSource)
 *         .table("orders").key("id").strategy(Strategy.KEYSET).batchSize(5_000)
 *         .open()) {
 *     for (Row row : rows) { ... }
 * }
 * }</pre>
 */
public final class RowStreams {
    private RowStreams() {
    }

    /** Reads through a DataSource, typically a connection pool. */
    public static ReadBuilder from(DataSource dataSource) {
        return new ReadBuilder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** Reads through new connections to a JDBC URL (the driver must be on the class path). */
    public static ReadBuilder from(String jdbcUrl) {
        return from(jdbcUrl, null, null);
    }

    public static ReadBuilder from(String jdbcUrl, String user, String password) {
        return from(new DriverManagerDataSource(Objects.requireNonNull(jdbcUrl, "jdbcUrl"), user, password));
    }
}
