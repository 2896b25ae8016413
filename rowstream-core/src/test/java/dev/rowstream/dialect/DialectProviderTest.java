package dev.rowstream.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.ReadPlan;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dialect plugged in through {@link DialectProvider} ({@link PluggedDialectProvider}, registered in
 * src/test/resources/META-INF/services) is chosen before the built-in one, and a read uses it. An embedded
 * H2 database of the test's own, because the provider answers only for one file name.
 */
class DialectProviderTest {
    @TempDir
    Path dir;

    @Test
    void aProvidersDialectIsChosenBeforeTheBuiltInOneAndUsedByTheRead() throws SQLException {
        String url = create(PluggedDialectProvider.MARKER);
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(Dialects.detect(c.getMetaData())).isInstanceOf(PluggedDialectProvider.PluggedDialect.class);
        }

        ReadPlan plan = RowStreams.from(url).table("t").key("id").strategy(Strategy.KEYSET).batchSize(10).plan();
        assertThat(plan.database()).isEqualTo("plugged-h2");
        assertThat(plan.firstSql()).endsWith(" LIMIT 11 /* plugged */");

        int before = PluggedDialectProvider.PluggedDialect.LIMITS.get();
        List<Object> ids = new ArrayList<>();
        try (RowStream<Row> rows = RowStreams.from(url).table("t").key("id").strategy(Strategy.KEYSET).batchSize(10)
                .open()) {
            rows.forEach(r -> ids.add(r.get("id")));
        }
        assertThat(ids).containsExactlyElementsOf(IntStream.rangeClosed(1, 25).boxed().toList());
        // Batches of 10 over 25 rows: 3 batches, each with the plugged LIMIT (and its look-ahead row).
        assertThat(PluggedDialectProvider.PluggedDialect.LIMITS.get() - before).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aDatabaseTheProviderDoesNotKnowKeepsItsBuiltInDialect() throws SQLException {
        String url = create("other");
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(Dialects.detect(c.getMetaData())).isInstanceOf(H2Dialect.class);
        }
        assertThat(RowStreams.from(url).table("t").key("id").strategy(Strategy.KEYSET).plan().database())
                .isEqualTo("h2");
    }

    /** An H2 file database named {@code name} with table t: ids 1 to 25. Returns its URL. */
    private String create(String name) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve(name);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            s.execute("INSERT INTO t SELECT x, 'v' || x FROM SYSTEM_RANGE(1, 25)");
        }
        return url;
    }
}
