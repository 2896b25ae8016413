package dev.rowstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract-test pattern: one class, run once per target, leak-checked after every test. */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class TargetsSmokeTest {
    private final DbTarget target;

    TargetsSmokeTest(DbTarget target) {
        this.target = target;
    }

    @Test
    void readsBackTheRowsItInserted() throws SQLException {
        String table = target.table("smoke");
        target.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO " + table + " (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')");

        List<String> rows = new ArrayList<>();
        try (Connection c = target.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, name FROM " + table + " ORDER BY id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + ":" + rs.getString(2));
                }
            }
            assertThat(target.openConnections()).isEqualTo(1);
            assertThat(target.openStatements()).isEqualTo(1);
        }

        assertThat(rows).containsExactly("1:one", "2:two", "3:three");
        assertThat(target.openConnections()).isZero();
        assertThat(target.openStatements()).isZero();
        target.dropTable(table);
    }

    @Test
    void talksToTheIntendedDriverAndServer() throws SQLException {
        try (Connection c = target.dataSource().getConnection()) {
            String driver = c.getMetaData().getDriverName();
            String product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            switch (target) {
                case POSTGRES -> assertThat(driver).contains("PostgreSQL");
                case MARIADB -> assertThat(driver).contains("MariaDB");
                case MYSQL_CJ -> assertThat(driver).contains("MySQL Connector/J");
                case H2 -> assertThat(driver).contains("H2");
                case SQLITE -> assertThat(driver).containsIgnoringCase("SQLite");
            }
            if (target == DbTarget.MYSQL_CJ) {
                assertThat(product).contains("MariaDB"); // the same server as MARIADB, through another driver
            }
        }
    }

    @Test
    void anotherConnectionSeesCommittedData() throws SQLException {
        String table = target.table("shared");
        target.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY)", "INSERT INTO " + table + " VALUES (7)");
        try (Connection writer = target.dataSource().getConnection();
             Connection reader = target.dataSource().getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement insert = writer.prepareStatement("INSERT INTO " + table + " VALUES (8)")) {
                insert.executeUpdate();
            }
            writer.commit();
            try (PreparedStatement count = reader.prepareStatement("SELECT COUNT(*) FROM " + table);
                 ResultSet rs = count.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
        assertThat(target.jdbcUrl()).contains(Scratch.PREFIX + ProcessHandle.current().pid() + "_");
    }
}
