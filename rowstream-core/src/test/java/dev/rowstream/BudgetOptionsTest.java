package dev.rowstream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Bad budgets are refused before any work: the DataSource is never asked for a connection. */
class BudgetOptionsTest {
    private static final DataSource UNUSED = (DataSource) Proxy.newProxyInstance(
            BudgetOptionsTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                throw new AssertionError("the DataSource was used: " + method.getName());
            });

    private static void refused(UnaryOperator<ReadBuilder> spec, String message) {
        assertThatThrownBy(() -> spec.apply(RowStreams.from(UNUSED).table("t")).open())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> spec.apply(RowStreams.from(UNUSED).table("t")).plan())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining(message);
    }

    @Test
    void statementTimeoutMustBePositiveAndAtMost24Days() {
        refused(b -> b.statementTimeout(Duration.ZERO), "statement timeout 0 ms is out of range: use 1 ms to 24 days");
        refused(b -> b.statementTimeout(Duration.ofSeconds(-5)), "statement timeout -5000 ms is out of range");
        refused(b -> b.statementTimeout(Duration.ofDays(25)), "is out of range: use 1 ms to 24 days");
    }

    @Test
    void maxTransactionSecondsMustBePositive() {
        refused(b -> b.maxTransactionSeconds(0), "max transaction seconds 0 is out of range: use 1 or more");
        refused(b -> b.maxTransactionSeconds(-1), "max transaction seconds -1 is out of range");
    }

    @Test
    void aHybridSegmentMayNotOutliveTheTransactionBudget() {
        for (Strategy s : new Strategy[] {Strategy.HYBRID, Strategy.AUTO}) {
            refused(b -> b.strategy(s).segmentSeconds(30).maxTransactionSeconds(10),
                    "segment seconds 30 is longer than max transaction seconds 10: a HYBRID segment is one"
                            + " transaction; use 10 or less");
        }
    }
}
