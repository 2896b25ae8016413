package dev.rowstream.keyset;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;
import java.util.TimeZone;

/**
 * Run in a JVM of its own, with {@code -Duser.timezone}, by {@link KeyTimeZoneContractTest}:
 * {@code ZoneChild URL TABLE READ... [-- SQL...]}, each READ {@code TABLE:<key>} (the table, outputting only id)
 * or {@code QUERY:<key>} (a query of id and ts). Runs the SQL statements first, if any (an embedded database
 * the parent JVM holds open cannot be shared, so the child builds its own). Prints the JVM's zone, then per
 * READ: {@code READ REFERENCE} and the ids of a plain {@code ORDER BY <key>}, then {@code READ STRATEGY} and
 * the ids each strategy read, in order, or {@code failed:} and the error.
 */
public final class ZoneChild {
    private ZoneChild() {
    }

    public static void main(String[] args) throws SQLException {
        String url = args[0];
        String table = args[1];
        int sql = 2;
        while (sql < args.length && !args[sql].equals("--")) {
            sql++;
        }
        System.out.println("zone " + TimeZone.getDefault().getID());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (int i = sql + 1; i < args.length; i++) {
                s.execute(args[i]);
            }
            for (int r = 2; r < sql; r++) {
                String key = args[r].substring(args[r].indexOf(':') + 1);
                StringJoiner ids = new StringJoiner(" ");
                try (ResultSet rs = s.executeQuery("SELECT id FROM " + table + " ORDER BY " + key
                        + (key.contains("id") ? "" : ", id"))) {
                    while (rs.next()) {
                        ids.add(String.valueOf(rs.getLong(1)));
                    }
                }
                System.out.println(args[r] + " REFERENCE " + ids);
                read(url, table, args[r], key);
            }
        }
    }

    private static void read(String url, String table, String read, String key) {
        Strategy[] strategies = {Strategy.KEYSET, Strategy.OFFSET, Strategy.HYBRID, Strategy.CURSOR};
        int[] batches = {1, 2, 3, 7};
        for (int i = 0; i < strategies.length; i++) {
            var builder = RowStreams.from(url);
            if (read.startsWith("QUERY:")) {
                builder.query("SELECT id, ts FROM " + table);
            } else {
                builder.table(table).columns("id");
            }
            StringJoiner ids = new StringJoiner(" ");
            int n = 0;
            try (RowStream<Row> rows = builder.key(key).strategy(strategies[i]).batchSize(batches[i]).segmentRows(2)
                    .open()) {
                for (Row row : rows) {
                    ids.add(String.valueOf(row.get("id")));
                    if (++n > 100) {
                        throw new IllegalStateException("the stream does not end");
                    }
                }
                System.out.println(read + " " + strategies[i] + " " + ids);
            } catch (RuntimeException e) {
                System.out.println(read + " " + strategies[i] + " failed: " + e + " after " + ids);
            }
        }
    }
}
