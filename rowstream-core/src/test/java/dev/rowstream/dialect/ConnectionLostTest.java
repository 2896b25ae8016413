package dev.rowstream.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

/** Which failures mean a lost connection (retried) and which do not (never retried), per dialect. */
class ConnectionLostTest {
    private final Dialect postgres = new PostgresDialect();
    private final Dialect mariadb = new MariaDbDialect();
    private final Dialect mysql = new MySqlConnectorDialect();
    private final Dialect h2 = new H2Dialect();

    private static SQLException state(String sqlState) {
        return new SQLException("failed", sqlState);
    }

    @Test
    void connectionExceptionsCountEverywhere() {
        for (Dialect d : new Dialect[] {postgres, mariadb, mysql, h2}) {
            assertThat(d.connectionLost(state("08006"), null)).as("%s", d).isTrue();
            assertThat(d.connectionLost(state("08S01"), null)).as("%s", d).isTrue();
            assertThat(d.connectionLost(new SQLNonTransientConnectionException("reset", "08000"), null)).isTrue();
            assertThat(d.connectionLost(new SQLRecoverableException("gone"), null)).isTrue();
            // Wrapped by a driver or a pool: the cause chain counts.
            assertThat(d.connectionLost(new SQLException("outer", "S1000", state("08001")), null)).isTrue();
        }
    }

    @Test
    void errorsInTheSqlOrTheDataNeverCount() {
        for (Dialect d : new Dialect[] {postgres, mariadb, mysql, h2}) {
            assertThat(d.connectionLost(new SQLSyntaxErrorException("syntax", "42601"), null)).as("%s", d).isFalse();
            assertThat(d.connectionLost(state("22012"), null)).as("%s", d).isFalse();
            assertThat(d.connectionLost(state("40001"), null)).as("%s", d).isFalse();
            assertThat(d.connectionLost(new SQLException("no state"), null)).as("%s", d).isFalse();
        }
    }

    @Test
    void postgresShutdownsCountButACancelledQueryDoesNot() {
        for (String s : new String[] {"57P01", "57P02", "57P03"}) {
            assertThat(postgres.connectionLost(state(s), null)).as(s).isTrue();
            assertThat(mariadb.connectionLost(state(s), null)).as(s).isFalse();
        }
        assertThat(postgres.connectionLost(state("57014"), null)).isFalse();
    }

    @Test
    void connectorJsCutStreamCounts() {
        SQLException cut = new SQLException("Error retrieving record: Unexpected Exception: java.io.EOFException",
                "S1000", new EOFException("Can not read response from server"));
        assertThat(mysql.connectionLost(cut, null)).isTrue();
        assertThat(mysql.connectionLost(state("S1000"), null)).isFalse();
    }

    @Test
    void anInterruptedQueryOnMariaDbCountsOnlyWithoutAWorkingConnection() {
        SQLException interrupted = new SQLTimeoutException("Query execution was interrupted", "70100", 1317);
        // Without the connection to ask, KILL QUERY is taken at its word: stopped on purpose.
        assertThat(mariadb.connectionLost(interrupted, null)).isFalse();
        assertThat(mysql.connectionLost(interrupted, null)).isFalse();
    }
}
