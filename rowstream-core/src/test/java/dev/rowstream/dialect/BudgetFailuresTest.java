package dev.rowstream.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

/** Which failures the dialects take for the statement timeout, and for a session the server ended. */
class BudgetFailuresTest {
    private final Dialect postgres = new PostgresDialect();
    private final Dialect mariadb = new MariaDbDialect();
    private final Dialect mysql = new MySqlConnectorDialect();
    private final Dialect h2 = new H2Dialect();

    @Test
    void postgresIdleInTransactionTimeoutIsALostConnection() {
        SQLException idle = new SQLException("FATAL: terminating connection due to idle-in-transaction timeout", "25P03");
        assertThat(postgres.connectionLost(idle, null)).isTrue();
        assertThat(postgres.timedOut(idle)).isFalse();
    }

    @Test
    void postgresCancelledQueriesAreTimeouts() {
        // statement_timeout, and pgjdbc's own setQueryTimeout timer ("due to user request").
        assertThat(postgres.timedOut(new SQLException("canceling statement due to statement timeout", "57014"))).isTrue();
        assertThat(postgres.timedOut(new SQLException("canceling statement due to user request", "57014"))).isTrue();
        assertThat(postgres.timedOut(new SQLException("division by zero", "22012"))).isFalse();
    }

    @Test
    void mariaDbTellsItsStatementTimeoutFromKillQuery() {
        SQLException maxStatementTime = new SQLTimeoutException(
                "Query execution was interrupted (max_statement_time exceeded)", "70100", 1969);
        SQLException killQuery = new SQLTimeoutException("Query execution was interrupted", "70100", 1317);
        // Connector/J's own timer: MySQLTimeoutException, a SQLTimeoutException without SQLState or code.
        SQLException connectorJTimer = new SQLTimeoutException("Statement cancelled due to timeout or client request");
        for (Dialect d : new Dialect[] {mariadb, mysql}) {
            assertThat(d.timedOut(maxStatementTime)).as("%s", d).isTrue();
            assertThat(d.timedOut(new SQLException("wrapped", "HY000", maxStatementTime))).as("%s", d).isTrue();
            assertThat(d.timedOut(killQuery)).as("%s", d).isFalse();
            assertThat(d.timedOut(connectorJTimer)).as("%s", d).isTrue();
        }
        assertThat(mariadb.statementTimeoutSpansStream()).isTrue();
        assertThat(mysql.statementTimeoutSpansStream()).isFalse();
    }

    @Test
    void h2TimeoutsAreSqlTimeoutExceptions() {
        assertThat(h2.timedOut(new SQLTimeoutException("Statement was canceled or the session timed out", "57014")))
                .isTrue();
        assertThat(h2.timedOut(new SQLException("Syntax error", "42000"))).isFalse();
        // QUERY_TIMEOUT counts while a lazy result produces its rows.
        assertThat(h2.statementTimeoutSpansStream()).isTrue();
    }
}
