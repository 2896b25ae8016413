package dev.rowstream.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import java.util.Locale;

/**
 * CURSOR, KEYSET and HYBRID over the same table, one after the other in one JVM, through one small
 * HikariCP pool: the side-by-side figure issue 4 asks for. Reads a warm-up table first.
 *
 * <pre>java -Xmx64m -cp "$(cat rowstream-bench/target/classpath.txt):rowstream-bench/target/classes" \
 *     dev.rowstream.bench.StrategiesInOneRun JDBC_URL WARMUP_TABLE TABLE</pre>
 */
public final class StrategiesInOneRun {
    private StrategiesInOneRun() {
    }

    public static void main(String[] args) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            for (String table : new String[] {args[1], args[2]}) {
                for (Strategy s : new Strategy[] {Strategy.CURSOR, Strategy.KEYSET, Strategy.HYBRID}) {
                    long start = System.nanoTime();
                    long rows = 0;
                    long values = 0;
                    try (RowStream<Row> stream = RowStreams.from(pool).table(table).key("id").strategy(s)
                            .batchSize(10_000).open()) {
                        for (Row row : stream) {
                            rows++;
                            for (int i = 0; i < row.size(); i++) {
                                values += row.get(i) == null ? 0 : 1;
                            }
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "%s %s rows=%d values=%d seconds=%.2f rows_per_s=%.0f%n",
                            table, s.name().toLowerCase(Locale.ROOT), rows, values, seconds, rows / seconds);
                }
            }
        }
    }
}
