package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Values without a time zone never pass through the JVM's zone (issue 14): the CLI, in child JVMs whose
 * default zone is UTC, America/New_York or Europe/Berlin, exports date-times that fall in those zones'
 * spring-forward gaps and fall-back overlaps exactly as stored, with every strategy, and {@code copy}
 * stores them unshifted. Keys are on the date-time column too, so a shifted value would also reorder,
 * lose or repeat rows.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class TimeZoneContractTest {
    private static final String[] ZONES = {"UTC", "America/New_York", "Europe/Berlin"};
    /** Berlin's and New York's gaps and overlaps of 2024, a leap day, microseconds. */
    private static final String[] VALUES = {"2024-03-10 02:30:00", "2024-03-31 02:30:00", "2024-10-27 02:30:00",
        "2024-11-03 01:30:00.5", "2024-02-29 00:00:00.000001", "1969-12-31 23:59:59"};

    private final DbTarget target;

    @TempDir
    Path dir;

    TimeZoneContractTest(DbTarget target) {
        this.target = target;
    }

    private String type() {
        return switch (target) {
            case POSTGRES, H2 -> "TIMESTAMP(6)";
            case MARIADB, MYSQL_CJ -> "DATETIME(6)";
            case SQLITE -> "TEXT";
        };
    }

    /**
     * The URL the child JVMs use. H2 embedded locks its file to one process: for H2 the test uses a database
     * of its own in AUTO_SERVER mode, which lets the child JVMs in through the first process's server.
     */
    private String url() {
        return target == DbTarget.H2 ? "jdbc:h2:file:" + dir.resolve("tz") + ";AUTO_SERVER=TRUE" : target.jdbcUrl();
    }

    private Connection connect() throws java.sql.SQLException {
        return target == DbTarget.H2 ? java.sql.DriverManager.getConnection(url()) : target.dataSource().getConnection();
    }

    private void execute(List<String> sql) throws java.sql.SQLException {
        if (target != DbTarget.H2) {
            (target == DbTarget.MYSQL_CJ ? DbTarget.MARIADB : target).execute(sql.toArray(String[]::new));
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String one : sql) {
                s.execute(one);
            }
        }
    }

    @Test
    void localDateTimesComeOutAndArriveUnshiftedInEveryZone() throws Exception {
        String t = target.table("zones");
        List<String> sql = new ArrayList<>(List.of("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, ts " + type()
                + " NOT NULL, d DATE, tm TIME)"));
        java.util.Map<String, String> lines = new java.util.TreeMap<>(); // by ts: the fixed-width text sorts as the values
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < VALUES.length; i++) {
            String v = VALUES[i];
            String date = v.substring(0, 10);
            String time = v.substring(11, 19);
            sql.add("INSERT INTO " + t + " VALUES (" + (i + 1) + ", '" + (target == DbTarget.SQLITE ? v.replace(' ', 'T') : v)
                    + "', '" + date + "', '" + time + "')");
            String iso = v.replace(' ', 'T');
            String line = "{\"" + label("id") + "\":" + (i + 1) + ",\"" + label("ts") + "\":\"" + iso + "\",\""
                    + label("d") + "\":\"" + date + "\",\"" + label("tm") + "\":\"" + time + "\"}\n";
            expected.append(line);
            lines.put(v, line);
        }
        // H2: the parent keeps a connection open, so the database (and its AUTO_SERVER) lives while the children run.
        Connection keep = target == DbTarget.H2 ? connect() : null;
        execute(sql);
        String byId = expected.toString();
        String byTs = String.join("", lines.values());
        for (String zone : ZONES) {
            String copy = target.table("zcopy");
            List<String> commands = new ArrayList<>();
            java.util.Map<Path, String> files = new java.util.LinkedHashMap<>();
            for (String strategy : List.of("cursor", "keyset", "offset", "hybrid")) {
                for (String key : List.of("id", "ts")) {
                    Path out = dir.resolve(zone.replace('/', '_') + "-" + strategy + "-" + key + ".jsonl");
                    files.put(out, key.equals("id") ? byId : byTs);
                    commands.add(String.join("\t", "export", "--url", url(), "--table", t, "--key", key,
                            "--strategy", strategy, "--batch-size", "2", "--format", "jsonl", "--output", out.toString()));
                }
            }
            commands.add(String.join("\t", "copy", "--from-url", url(), "--to-url", url(), "--table", t,
                    "--target-table", copy, "--create-table", "--key", "ts", "--batch-size", "2", "--progress", "off"));
            Path list = dir.resolve("commands-" + zone.replace('/', '_') + ".txt");
            Files.write(list, commands, StandardCharsets.UTF_8);
            Path log = dir.resolve("log-" + zone.replace('/', '_') + ".txt");
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx128m", "-Duser.timezone=" + zone, "-cp",
                    System.getProperty("java.class.path"), CommandsInOneJvm.class.getName(), list.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s: the child JVM ends", zone).isTrue();
            String logText = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("%s; log:\n%s", zone, logText).isZero();
            for (java.util.Map.Entry<Path, String> f : files.entrySet()) {
                assertThat(Files.readString(f.getKey(), StandardCharsets.UTF_8)).as("%s", f.getKey().getFileName())
                        .isEqualTo(f.getValue());
            }
            assertThat(storedText(copy)).as("copy under %s", zone).isEqualTo(storedText(t));
            execute(List.of("DROP TABLE " + copy, "DROP TABLE IF EXISTS rowstream_checkpoints"));
        }
        execute(List.of("DROP TABLE " + t));
        if (keep != null) {
            keep.close();
        }
    }

    /** A column's label: H2 folds unquoted names to upper case. */
    private String label(String name) {
        return target == DbTarget.H2 ? name.toUpperCase(java.util.Locale.ROOT) : name;
    }

    /** The table's date-times as the database itself prints them, in id order. */
    private List<String> storedText(String table) throws Exception {
        String text = switch (target) {
            case POSTGRES -> "ts::text || ' ' || d::text || ' ' || tm::text";
            case MARIADB, MYSQL_CJ -> "CONCAT(CAST(ts AS CHAR), ' ', CAST(d AS CHAR), ' ', CAST(tm AS CHAR))";
            case H2 -> "CAST(ts AS VARCHAR) || ' ' || CAST(d AS VARCHAR) || ' ' || CAST(tm AS VARCHAR)";
            case SQLITE -> "ts || ' ' || d || ' ' || tm";
        };
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + text + " FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1).replace('T', ' ').replaceAll("\\.0+(?= |$)", "").replaceAll("(\\.\\d*?)0+(?= |$)", "$1"));
            }
        }
        assertThat(rows).hasSize(VALUES.length);
        return rows;
    }
}
