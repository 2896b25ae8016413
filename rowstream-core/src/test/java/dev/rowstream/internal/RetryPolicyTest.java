package dev.rowstream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.Strategy;
import dev.rowstream.dialect.GenericDialect;
import dev.rowstream.dialect.PostgresDialect;
import org.junit.jupiter.api.Test;

/** The retry pauses, and which strategy AUTO picks. */
class RetryPolicyTest {

    @Test
    void pausesDoubleFromHalfASecondUpToThirtySeconds() {
        assertThat(Retry.pause(1)).isEqualTo(500);
        assertThat(Retry.pause(2)).isEqualTo(1000);
        assertThat(Retry.pause(3)).isEqualTo(2000);
        assertThat(Retry.pause(7)).isEqualTo(30_000);
        assertThat(Retry.pause(100)).isEqualTo(30_000);
    }

    @Test
    void autoPicksHybridWithAKeyAndCursorWithout() {
        PostgresDialect streams = new PostgresDialect();
        GenericDialect unknown = new GenericDialect("Acme");
        assertThat(Planner.chooseStrategy(streams, Strategy.AUTO, true)).isEqualTo(Strategy.HYBRID);
        assertThat(Planner.chooseStrategy(streams, Strategy.AUTO, false)).isEqualTo(Strategy.CURSOR);
        // A driver not known to stream gets bounded batches instead of a cursor that may buffer everything.
        assertThat(Planner.chooseStrategy(unknown, Strategy.AUTO, true)).isEqualTo(Strategy.KEYSET);
        assertThat(Planner.chooseStrategy(unknown, Strategy.AUTO, false)).isEqualTo(Strategy.CURSOR);
        assertThat(Planner.chooseStrategy(streams, Strategy.HYBRID, true)).isEqualTo(Strategy.HYBRID);
        assertThatThrownBy(() -> Planner.chooseStrategy(streams, Strategy.HYBRID, false))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("strategy hybrid needs a key");
    }

    @Test
    void strategyNamesParse() {
        assertThat(Strategy.parse(" Hybrid ")).isEqualTo(Strategy.HYBRID);
        assertThatThrownBy(() -> Strategy.parse("fast"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("auto, cursor, keyset, offset or hybrid");
    }
}
