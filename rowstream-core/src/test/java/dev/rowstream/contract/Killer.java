package dev.rowstream.contract;

import dev.rowstream.testing.DbTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends the other sessions on a server target's scratch database, as a server restart or a network
 * failure would: {@code pg_terminate_backend} on PostgreSQL, {@code KILL CONNECTION} on MariaDB. It works
 * from a connection of its own on the same database, and never ends that one. Tests must not run in
 * parallel: every other session on the scratch database is taken for the one under test. Public for the
 * tests of other packages.
 */
public final class Killer implements AutoCloseable {
    private final DbTarget target;
    private final Connection own;

    public Killer(DbTarget target) throws SQLException {
        if (!target.isServer()) {
            throw new IllegalArgumentException(target + " has no server sessions to kill");
        }
        this.target = target;
        this.own = target.dataSource().getConnection();
    }

    /**
     * Ends every other session, and returns once they are gone. On PostgreSQL the result holds each
     * killed session's application_name; on MariaDB (which has no such name) its command.
     */
    public List<String> killOthers() throws SQLException {
        return target == DbTarget.POSTGRES ? terminatePostgres() : killMariaDb("KILL CONNECTION ");
    }

    /** MariaDB only: stops the other sessions' running queries and keeps their connections ({@code KILL QUERY}). */
    List<String> stopQueries() throws SQLException {
        if (target == DbTarget.POSTGRES) {
            throw new IllegalStateException("PostgreSQL cannot stop a cursor between fetches; use a failing query");
        }
        return killMariaDb("KILL QUERY ");
    }

    private List<String> terminatePostgres() throws SQLException {
        List<String> names = new ArrayList<>();
        List<Integer> pids = new ArrayList<>();
        try (Statement s = own.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid, application_name, pg_terminate_backend(pid) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                     + " AND backend_type = 'client backend'")) {
            while (rs.next()) {
                if (rs.getBoolean(3)) {
                    pids.add(rs.getInt(1));
                    names.add(rs.getString(2));
                }
            }
        }
        try (PreparedStatement ps = own.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            for (int pid : pids) {
                waitUntilGone(ps, pid);
            }
        }
        return names;
    }

    private List<String> killMariaDb(String kill) throws SQLException {
        List<String> commands = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (Statement s = own.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, command FROM information_schema.processlist"
                     + " WHERE db = DATABASE() AND id <> CONNECTION_ID()")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                commands.add(rs.getString(2));
            }
        }
        try (Statement s = own.createStatement()) {
            for (long id : ids) {
                try {
                    s.execute(kill + id);
                } catch (SQLException gone) {
                    // 1094 unknown thread: it ended by itself meanwhile.
                }
            }
        }
        if (kill.startsWith("KILL CONNECTION")) {
            try (PreparedStatement ps = own.prepareStatement("SELECT count(*) FROM information_schema.processlist WHERE id = ?")) {
                for (long id : ids) {
                    waitUntilGone(ps, id);
                }
            }
        }
        return commands;
    }

    private static void waitUntilGone(PreparedStatement count, long id) throws SQLException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            count.setLong(1, id);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("session " + id + " was still there 5 s after it was killed");
    }

    @Override
    public void close() throws SQLException {
        own.close();
    }
}
