package dev.rowstream.keyset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.ReadPlan;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A following keyset batch over a key backed by an index is an index range scan that already returns
 * rows in key order: no sort of the rest of the table per batch. This is what {@code rowstream explain}
 * is meant to check. The plans are printed, so a regression shows what the optimizer chose instead.
 */
@ExtendWith(LeakCheck.class)
class SeekIndexPlanTest {
    private static final int ROWS = 20_000;

    /** ReadPlan.nextSql() with every ? replaced by {@code literal}: enough for a key of integers. */
    private static String withLiterals(String sql, String literal) {
        return sql.replace("?", literal);
    }

    private static List<Map<String, String>> explain(DbTarget target, String sql) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = target.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getString(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new AssertionError("EXPLAIN failed on " + target + ": " + sql, e);
        }
        return rows;
    }

    private static String nextSql(DbTarget target, String table, String key) {
        ReadPlan plan = RowStreams.from(target.dataSource()).table(table).key(key).strategy(Strategy.KEYSET)
                .batchSize(1000).plan();
        return withLiterals(plan.nextSql(), "5000");
    }

    @Test
    void postgresSeeksTheIndexInKeyOrder() {
        DbTarget target = DbTarget.POSTGRES;
        String t = target.table("seek_plan");
        target.execute("CREATE TABLE " + t + " (id BIGINT NOT NULL PRIMARY KEY, a INT NOT NULL, pad VARCHAR(40))",
                "INSERT INTO " + t + " SELECT g, (g * 7919) % 10000, 'pad-' || g FROM generate_series(1, " + ROWS + ") g",
                "CREATE INDEX " + t + "_a_id ON " + t + " (a, id)",
                "ANALYZE " + t);
        String sql = nextSql(target, t, "a, id");
        assertThat(sql).contains("(\"a\", \"id\") > (5000, 5000)");
        String plan = planText(explain(target, sql));
        System.out.println("[SeekIndexPlanTest] PostgreSQL, key a, id: " + sql + "\n" + plan);
        assertThat(plan.lines().findFirst().orElse("")).startsWith("Limit");
        assertThat(plan).contains("Index").contains(t + "_a_id").doesNotContain("Sort").doesNotContain("Seq Scan");

        String desc = nextSql(target, t, "a DESC, id DESC");
        String descPlan = planText(explain(target, desc));
        System.out.println("[SeekIndexPlanTest] PostgreSQL, key a DESC, id DESC: " + desc + "\n" + descPlan);
        assertThat(descPlan).contains("Index Scan Backward").doesNotContain("Sort");

        // Not asserted, reported: mixed directions cannot follow an (a, id) index in one direction.
        String mixed = nextSql(target, t, "a, id DESC");
        System.out.println("[SeekIndexPlanTest] PostgreSQL, key a, id DESC: " + mixed + "\n"
                + planText(explain(target, mixed)));
    }

    private static String planText(List<Map<String, String>> rows) {
        StringBuilder b = new StringBuilder();
        rows.forEach(r -> b.append(r.values().iterator().next()).append('\n'));
        return b.toString();
    }

    @Test
    void mariaDbSeeksTheIndexInKeyOrder() {
        DbTarget target = DbTarget.MARIADB;
        String t = target.table("seek_plan");
        target.execute("CREATE TABLE " + t + " (id BIGINT NOT NULL PRIMARY KEY, a INT NOT NULL, pad VARCHAR(40))",
                "INSERT INTO " + t + " SELECT seq, (seq * 7919) % 10000, CONCAT('pad-', seq) FROM seq_1_to_" + ROWS,
                "CREATE INDEX " + t + "_a_id ON " + t + " (a, id)",
                "ANALYZE TABLE " + t);
        String sql = nextSql(target, t, "a, id");
        assertThat(sql).contains("`a` >= 5000 AND (`a` > 5000 OR (`a` = 5000 AND `id` > 5000))");
        List<Map<String, String>> plan = explain(target, sql);
        System.out.println("[SeekIndexPlanTest] MariaDB, key a, id: " + sql + "\n" + plan);
        assertThat(plan).hasSize(1);
        assertThat(plan.get(0).get("type")).isEqualTo("range");
        assertThat(plan.get(0).get("key")).isEqualTo(t + "_a_id");
        assertThat(String.valueOf(plan.get(0).get("extra"))).doesNotContain("filesort");
    }
}
