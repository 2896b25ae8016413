package dev.rowstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.RowStreamException;
import dev.rowstream.StreamFailedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * What a failed getConnection() means, from the exceptions pools and drivers really throw (their
 * messages copied from HikariCP 6, DBCP 2, Tomcat JDBC, pgjdbc, MariaDB Connector/J and H2): a pool or
 * connect timeout is a runtime failure, a refused login or a bad URL stays bad input.
 */
class ConnectFailureTest {
    private static final String HIKARI = "HikariPool-1 - Connection is not available, request timed out after 1001ms"
            + " (total=2, active=2, idle=0, waiting=0)";

    @Test
    void hikarisTimeoutIsAFailedStreamNamingThePoolState() {
        SQLException e = new SQLTransientConnectionException(HIKARI);
        RowStreamException r = ConnectFailure.of(e);
        assertThat(r).isInstanceOf(StreamFailedException.class).hasCause(e);
        assertThat(r.getMessage()).startsWith("could not get a connection within the pool's timeout: " + HIKARI)
                .contains("raise the pool's maximum size or its connection timeout");
        assertThat(ConnectFailure.poolTimeout(e)).isTrue();
    }

    @Test
    void hikarisTimeoutAfterRefusedLoginsIsBadInput() {
        SQLException refused = new SQLException("FATAL: password authentication failed for user \"app\"", "28P01");
        SQLException e = new SQLTransientConnectionException(HIKARI.replace("total=2, active=2", "total=0, active=0"),
                "28P01", 0, refused);
        RowStreamException r = ConnectFailure.of(e);
        assertThat(r).isInstanceOf(InvalidSpecException.class);
        assertThat(r.getMessage()).startsWith("cannot connect: HikariPool-1 - Connection is not available")
                .contains("(caused by: FATAL: password authentication failed for user \"app\")")
                .contains("(SQLState 28P01)").endsWith(": check the URL, user and password");
        assertThat(r.sqlState()).isEqualTo("28P01");
        assertThat(ConnectFailure.poolTimeout(e)).isFalse();
    }

    @Test
    void hikarisUncheckedInitializationFailureIsClassifiedByItsCause() {
        RuntimeException e = new RuntimeException("Failed to initialize pool: Access denied for user 'app'@'localhost'",
                new SQLException("Access denied for user 'app'@'localhost' (using password: YES)", "28000", 1045));
        assertThat(ConnectFailure.fromJdbc(e)).isTrue();
        assertThat(ConnectFailure.of(e)).isInstanceOf(InvalidSpecException.class).hasCause(e);
        assertThat(ConnectFailure.fromJdbc(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void otherPoolsTimeoutsAreFailedStreamsToo() {
        SQLException dbcp = new SQLException("Cannot get a connection, pool error Timeout waiting for idle object",
                new NoSuchElementException("Timeout waiting for idle object, borrowMaxWaitDuration=PT1S"));
        assertThat(ConnectFailure.of(dbcp)).isInstanceOf(StreamFailedException.class)
                .hasMessageStartingWith("could not get a connection within the pool's timeout: Cannot get a connection");
        SQLException tomcat = new SQLException("[main] Timeout: Pool empty. Unable to fetch a connection in 1 seconds,"
                + " none available[size:2; busy:2; idle:0; lastwait:1000].");
        assertThat(ConnectFailure.of(tomcat)).isInstanceOf(StreamFailedException.class)
                .hasMessageContaining("size:2; busy:2; idle:0");
    }

    @Test
    void aDriversConnectTimeoutIsAFailedStreamThatSaysSo() {
        SQLException pg = new SQLException("The connection attempt failed.", "08001",
                new SocketTimeoutException("Connect timed out"));
        RowStreamException r = ConnectFailure.of(pg);
        assertThat(r).isInstanceOf(StreamFailedException.class);
        assertThat(r.getMessage()).startsWith("could not connect within the driver's timeout: The connection attempt"
                + " failed. (caused by: Connect timed out) (SQLState 08001)");
        assertThat(r.sqlState()).isEqualTo("08001");
    }

    @Test
    void refusedLoginsUnknownDatabasesAndRefusedConnectionsStayBadInput() {
        SQLException[] bad = {
            new SQLException("FATAL: role \"nobody\" does not exist", "28000"),
            new SQLException("FATAL: database \"shop\" does not exist", "3D000"),
            new SQLSyntaxErrorException("(conn=5) Unknown database 'shop'", "42000", 1049),
            new SQLException("Wrong user name or password [28000-232]", "28000", 28000),
            new SQLException("Connection to localhost:1 refused. Check that the hostname and port are correct and that"
                    + " the postmaster is accepting TCP/IP connections.", "08001", new ConnectException("Connection refused")),
            new SQLNonTransientConnectionException("Socket fail to connect to host:address=(host=nohost)(port=3306)."
                    + " nohost", "08000"),
            new SQLException("No suitable driver found for jdbc:nope:x", "08001"),
        };
        for (SQLException e : bad) {
            assertThat(ConnectFailure.of(e)).as(e.getMessage()).isInstanceOf(InvalidSpecException.class)
                    .hasMessageEndingWith(": check the URL, user and password").hasCause(e);
        }
    }

    /** Mid-read, only the pool's own timeout counts: a statement timeout or a lost connection is something else. */
    @Test
    void aTimeoutWhileReadingIsThePoolsOnlyWhenThePoolSaysSo() {
        assertThat(ConnectFailure.poolTimeout(new SQLTimeoutException(
                "(conn=7) Query execution was interrupted (max_statement_time exceeded)", "70100", 1969))).isFalse();
        assertThat(ConnectFailure.poolTimeout(new SQLException("ERROR: canceling statement due to statement timeout",
                "57014"))).isFalse();
        assertThat(ConnectFailure.poolTimeout(new SQLTransientConnectionException(
                "Communications link failure: read timed out", "08S01"))).isFalse();
        assertThat(ConnectFailure.poolTimeout(new SQLTransientConnectionException(HIKARI))).isTrue();
    }
}
