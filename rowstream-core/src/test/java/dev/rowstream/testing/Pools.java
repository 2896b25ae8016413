package dev.rowstream.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HikariCP pools over a target's tracked DataSource: tests that open many batches read through one, as an
 * application would, instead of paying a new physical connection per batch. Close the pool before the
 * test ends, so that LeakCheck sees its connections closed.
 */
public final class Pools {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private Pools() {
    }

    public static HikariDataSource of(DbTarget target, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target.dataSource());
        config.setPoolName("rowstream-test-" + target.name().toLowerCase(Locale.ROOT) + "-" + POOLS.incrementAndGet());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(30_000);
        return new HikariDataSource(config);
    }
}
