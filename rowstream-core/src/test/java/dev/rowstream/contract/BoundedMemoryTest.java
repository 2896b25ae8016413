package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The point of the product: in a JVM with a 64 MB heap, a table whose rows do not fit in that heap
 * (shown by a control run that keeps them all and runs out of memory) streams to the end with CURSOR,
 * KEYSET and HYBRID.
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES", "MARIADB", "MYSQL_CJ"})
@ExtendWith(LeakCheck.class)
class BoundedMemoryTest {
    private static final int ROWS = 400_000;
    private static final int PAD = 200;
    private static final String HEAP = "-Xmx64m";

    private final DbTarget target;

    BoundedMemoryTest(DbTarget target) {
        this.target = target;
    }

    @Test
    void streamsMoreRowsThanFitInTheHeap() throws Exception {
        String table = Tables.orders(target, "heap", ROWS, PAD);
        try {
            long expectedSum = (long) ROWS * (ROWS + 1) / 2;
            Result control = child(table, Strategy.CURSOR, "list");
            assertThat(control.exit).as("keeping every row must not fit: %s", control.output).isEqualTo(3);
            assertThat(control.output).contains("oom after rows=");
            for (Strategy s : new Strategy[] {Strategy.CURSOR, Strategy.KEYSET, Strategy.HYBRID}) {
                Result r = child(table, s, "stream");
                assertThat(r.exit).as("%s: %s", s, r.output).isZero();
                assertThat(r.output).as("%s", s).contains("rows=" + ROWS + " idSum=" + expectedSum);
            }
        } finally {
            target.dropTable(table);
        }
    }

    private record Result(int exit, String output) {
    }

    private Result child(String table, Strategy strategy, String mode) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), HEAP, "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), SmallHeapChild.class.getName(),
                target.jdbcUrl(), table, strategy.name(), "1000", mode));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
    }
}
