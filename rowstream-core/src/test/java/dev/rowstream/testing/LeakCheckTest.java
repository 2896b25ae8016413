package dev.rowstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A leak check that cannot fail is worthless: each kind of leak must fail it. */
@ExtendWith(LeakCheck.class)
class LeakCheckTest {

    @Test
    void aConnectionLeftOpenFailsTheCheckAndIsThenClosed() throws SQLException {
        LeakCheck.Mark mark = LeakCheck.mark();
        Connection leaked = DbTarget.H2.dataSource().getConnection();
        assertThat(DbTarget.H2.openConnections()).isEqualTo(1);

        assertThatThrownBy(() -> LeakCheck.assertNoLeaksSince(mark))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 x H2 connection")
                .hasMessageContaining(LeakCheckTest.class.getName() + ".aConnectionLeftOpenFailsTheCheck");
        assertThat(leaked.isClosed()).isTrue();
        assertThat(DbTarget.H2.openConnections()).isZero();
        LeakCheck.assertNoLeaksSince(mark); // clean again
    }

    @Test
    void aStatementLeftOpenFailsEvenWhenItsConnectionWasClosed() throws SQLException {
        LeakCheck.Mark mark = LeakCheck.mark();
        try (Connection c = DbTarget.H2.dataSource().getConnection()) {
            c.prepareStatement("SELECT 1").executeQuery().next();
        }
        assertThatThrownBy(() -> LeakCheck.assertNoLeaksSince(mark))
                .hasMessageContaining("1 x H2 statement")
                .hasMessageContaining("PreparedStatement: SELECT 1")
                .hasMessageContaining("1 x H2 result set");
        assertThat(DbTarget.H2.openStatements()).isZero();
    }

    @Test
    void aResultSetLeftOpenFails() throws SQLException {
        LeakCheck.Mark mark = LeakCheck.mark();
        try (Connection c = DbTarget.SQLITE.dataSource().getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = c.getMetaData().getTables(null, null, "%", null);
            rs.next();
            s.execute("SELECT 1");
        }
        assertThatThrownBy(() -> LeakCheck.assertNoLeaksSince(mark))
                .hasMessageContaining("1 x SQLITE result set")
                .hasMessageContaining("DatabaseMetaData.getTables")
                .hasMessageNotContaining("SQLITE statement");
    }

    @Test
    void jdbcImplicitClosingCounts() throws SQLException {
        LeakCheck.Mark mark = LeakCheck.mark();
        try (Connection c = DbTarget.H2.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1"); // closed with its statement
                s.executeQuery("SELECT 2"); // and the one before by re-executing
                assertThat(DbTarget.H2.openResultSets()).isEqualTo(1);
            }
            PreparedStatement ps = c.prepareStatement("SELECT 3");
            ps.closeOnCompletion();
            ps.executeQuery().close(); // closes the statement too
            assertThat(ps.isClosed()).isTrue();
            assertThat(ps.getConnection()).isSameAs(c);
        }
        LeakCheck.assertNoLeaksSince(mark);
    }

    @Test
    void whatWasOpenBeforeTheMarkIsNotBlamedOnWhatFollows() throws SQLException {
        try (Connection before = DbTarget.H2.dataSource().getConnection()) {
            LeakCheck.Mark mark = LeakCheck.mark();
            DbTarget.H2.execute("SELECT 1");
            LeakCheck.assertNoLeaksSince(mark);
            assertThat(before.isClosed()).isFalse();
        }
    }

    /** Connections the test did not get from the DataSource (say, the CLI's own) are caught on the server. */
    @ParameterizedTest
    @EnumSource(names = {"POSTGRES", "MARIADB", "MYSQL_CJ"})
    void aServerSessionLeftInATransactionFails(DbTarget target) throws SQLException {
        LeakCheck.Mark mark = LeakCheck.mark();
        try (Connection untracked = DriverManager.getConnection(target.jdbcUrl())) {
            untracked.setAutoCommit(false);
            try (Statement s = untracked.createStatement()) {
                s.execute("SELECT 1");
            }
            // A short grace: the session stays, so the check would wait all of it.
            assertThatThrownBy(() -> LeakCheck.check(mark, null, Duration.ofMillis(200)))
                    .hasMessageContaining("1 session(s) still on the")
                    .hasMessageContaining(target == DbTarget.POSTGRES ? "idle in transaction" : "Sleep");
            assertThat(untracked.isValid(2)).as("the check ends the session it reports").isFalse();
        }
    }
}
