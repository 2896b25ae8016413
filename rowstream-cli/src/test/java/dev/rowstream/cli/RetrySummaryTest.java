package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An export whose session is killed halfway (as a server restart would) resumes, writes every row once,
 * and says so in its summary line. On the servers, where sessions can be killed.
 */
@ParameterizedClass
@EnumSource(value = DbTarget.class, names = {"POSTGRES", "MARIADB"})
@ExtendWith(LeakCheck.class)
class RetrySummaryTest {
    private static final int ROWS = 20_000;

    private final DbTarget target;
    private String table;

    RetrySummaryTest(DbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void createTable() {
        table = target.table("retry");
        target.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(40))",
                "INSERT INTO " + table + " (id, name) VALUES " + IntStream.rangeClosed(1, ROWS)
                        .mapToObj(i -> "(" + i + ", 'row number " + i + "')").collect(Collectors.joining(", ")));
    }

    @AfterEach
    void dropTable() {
        target.dropTable(table);
    }

    @Test
    void aKilledSessionIsResumedAndCountedInTheSummary() {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // stdout kills the export's session once, when about a third of the rows have been written: the
        // segment's cursor is open then, and its next fetch finds the connection gone.
        OutputStream stdout = new OutputStream() {
            private boolean killed;

            @Override
            public void write(int b) {
                rows.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                rows.write(b, off, len);
                if (!killed && rows.size() > 100_000) {
                    killed = true;
                    assertThat(killOtherSessions()).isPositive();
                }
            }
        };
        int code = Main.run(new String[] {"export", "--url", target.jdbcUrl(), "--table", table,
                "--strategy", "hybrid", "--batch-size", "100", "--retries", "2"},
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get);
        String summary = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(summary).isZero();
        assertThat(summary).containsPattern("rowstream: exported " + ROWS + " rows in .* with strategy hybrid"
                + (target == DbTarget.POSTGRES ? " \\(fast path: COPY binary\\)" : "") + ", 1 retry\n");
        List<String> lines = rows.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(ROWS + 1);
        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(1, ROWS).forEach(i -> expected.add(i + ",row number " + i));
        assertThat(lines.subList(1, lines.size())).isEqualTo(expected);
    }

    /** Ends every other session on the scratch database, as a restart would; returns how many. */
    private int killOtherSessions() {
        try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (target == DbTarget.POSTGRES) {
                try (ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND backend_type = 'client backend'")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id FROM information_schema.processlist"
                    + " WHERE db = DATABASE() AND id <> CONNECTION_ID()")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            for (long id : ids) {
                s.execute("KILL CONNECTION " + id);
            }
            return ids.size();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
