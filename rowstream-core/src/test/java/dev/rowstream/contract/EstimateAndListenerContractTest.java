package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.StreamListener;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a progress display and metrics rely on: {@code ReadBuilder.estimateRows()} (the statistics' estimate
 * where the database keeps one), and a listener's {@code onStart} and {@code onEnd} around every read.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class EstimateAndListenerContractTest {
    private static final int ROWS = 3000;

    private final DbTarget target;
    private String table;

    EstimateAndListenerContractTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void createTable() {
        table = Tables.orders(target, "estimate", ROWS, 10);
    }

    @AfterEach
    void dropTable() {
        target.dropTable(table);
    }

    @Test
    void estimatesWhereTheStatisticsAllow() {
        if (target == DbTarget.POSTGRES) {
            // Never analyzed: reltuples is -1, so no estimate yet.
            assertThat(RowStreams.from(target.dataSource()).table(table).estimateRows()).isEmpty();
            target.execute("ANALYZE " + table);
        }
        OptionalLong estimate = RowStreams.from(target.dataSource()).table(table).estimateRows();
        switch (target) {
            case POSTGRES -> assertThat(estimate).hasValue(ROWS);
            // InnoDB samples pages: an estimate, near the truth.
            case MARIADB, MYSQL_CJ -> assertThat(estimate.getAsLong()).isBetween(ROWS / 2L, ROWS * 2L);
            case H2, SQLITE -> assertThat(estimate).isEmpty();
        }
        // The statistics know nothing of a condition, nor of a query's rows.
        assertThat(RowStreams.from(target.dataSource()).table(table).where("id < 10").estimateRows()).isEmpty();
        assertThat(RowStreams.from(target.dataSource()).query("SELECT * FROM " + table).estimateRows()).isEmpty();
        // An unknown table is for the read to report, not the estimate.
        assertThat(RowStreams.from(target.dataSource()).table("no_such_table").estimateRows()).isEmpty();
    }

    /** Records onStart and onEnd. */
    private static final class Ends implements StreamListener {
        final List<String> heard = new ArrayList<>();

        @Override
        public void onStart(Strategy strategy) {
            heard.add("start " + strategy);
        }

        @Override
        public void onEnd(long rows, boolean complete) {
            heard.add("end " + rows + (complete ? " complete" : " closed"));
        }
    }

    @Test
    void everyReadStartsAndEndsOnce() {
        for (Strategy strategy : new Strategy[] {Strategy.CURSOR, Strategy.KEYSET, Strategy.OFFSET, Strategy.HYBRID}) {
            Ends all = new Ends();
            try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(table).strategy(strategy)
                    .batchSize(1000).segmentRows(1000).listener(all).open()) {
                rows.forEach(r -> { });
            }
            assertThat(all.heard).as("%s", strategy).containsExactly("start " + strategy, "end " + ROWS + " complete");

            Ends early = new Ends();
            try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(table).strategy(strategy)
                    .batchSize(100).listener(early).open()) {
                var it = rows.iterator();
                for (int i = 0; i < 10; i++) {
                    it.next();
                }
            }
            assertThat(early.heard).as("%s", strategy).containsExactly("start " + strategy, "end 10 closed");
        }
        Ends auto = new Ends();
        try (RowStream<Row> rows = RowStreams.from(target.dataSource()).table(table).listener(auto).open()) {
            assertThat(auto.heard).containsExactly("start " + rows.strategy());
        }
        assertThat(auto.heard).hasSize(2).last().isEqualTo("end 0 closed");
    }

    @Test
    void aReadThatFailsToOpenStillEnds() {
        for (Strategy strategy : new Strategy[] {Strategy.CURSOR, Strategy.KEYSET, Strategy.HYBRID}) {
            Ends failed = new Ends();
            // A condition that is sound over no rows, as planning checks it, and fails on the first row (an integer
            // overflow on every database): the first query fails (where a driver fetches lazily, at the first row).
            assertThatThrownBy(() -> {
                try (var rows = RowStreams.from(target.dataSource()).table(table)
                        .where("abs(id - 9223372036854775807 - 2) > 0")
                        .strategy(strategy).retries(0).listener(failed).open()) {
                    rows.iterator().hasNext();
                }
            }).as("%s", strategy).isNotNull();
            assertThat(failed.heard).as("%s", strategy).containsExactly("start " + strategy, "end 0 closed");
        }
        // A query or a condition that fails while it is planned never starts: nothing to hear.
        Ends unplanned = new Ends();
        assertThatThrownBy(() -> RowStreams.from(target.dataSource()).table(table).where("no_such_column = 1")
                .listener(unplanned).open()).isInstanceOf(dev.rowstream.InvalidSpecException.class);
        assertThat(unplanned.heard).isEmpty();
        Ends never = new Ends();
        assertThatThrownBy(() -> RowStreams.from(target.dataSource()).query("SELECT no_such_column FROM " + table)
                .listener(never).open()).isNotNull();
        assertThat(never.heard).isEmpty();
    }
}
