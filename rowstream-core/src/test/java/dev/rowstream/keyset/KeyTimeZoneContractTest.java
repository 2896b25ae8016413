package dev.rowstream.keyset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A key of local date-times (no time zone) seeks exactly whatever the JVM's default zone: values inside a
 * daylight-saving gap (02:30 on the day clocks go forward, which the zone has no instant for) and inside
 * the repeated hour when clocks go back, for Europe/Berlin and America/New_York, and UTC. Each zone runs in
 * a JVM of its own ({@link ZoneChild}, {@code -Duser.timezone}): every strategy, ascending and descending,
 * from the table and from a query; the ids must be the database's own ORDER BY order.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class KeyTimeZoneContractTest {
    private static final String[] ZONES = {"Europe/Berlin", "America/New_York", "UTC"};
    /** Gaps and repeated hours of both zones in 2024, and their edges. */
    private static final String[] VALUES = {"'2024-03-31 02:30:00'", "'2024-03-31 02:00:00'", "'2024-03-31 03:00:00'",
        "'2024-03-31 01:59:59.999999'", "'2024-10-27 02:30:00'", "'2024-10-27 02:30:00.5'", "'2024-03-10 02:30:00'",
        "'2024-03-10 02:59:59.999999'", "'2024-11-03 01:30:00'", "'2024-11-03 01:30:00.000001'", "NULL",
        "'2024-01-01 00:00:00'"};

    private final DbTarget target;

    KeyTimeZoneContractTest(DbTarget target) {
        this.target = target;
    }

    @Test
    void localDateTimeKeysInGapsAndRepeatedHoursSeekExactlyInEveryJvmZone() throws Exception {
        String type = switch (target) {
            case POSTGRES -> "TIMESTAMP";
            case MARIADB, MYSQL_CJ -> "DATETIME(6)";
            case H2 -> "TIMESTAMP(9)";
            case SQLITE -> "TIMESTAMP";
        };
        String t = target.table("zones");
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 0; i < VALUES.length; i++) {
            rows.add("(" + (i + 1) + ", " + VALUES[i] + ")");
        }
        String[] setup = {"CREATE TABLE " + t + " (id INT NOT NULL PRIMARY KEY, ts " + type + ")",
            "INSERT INTO " + t + " (id, ts) VALUES " + rows};
        // The parent JVM holds the embedded H2 file open: each child builds the table in a database of its own.
        boolean own = target == DbTarget.H2;
        if (!own) {
            target.execute(setup);
        }
        List<String> reads = List.of("TABLE:ts ASC", "TABLE:ts DESC", "QUERY:ts ASC, id", "QUERY:ts DESC, id");
        SoftAssertions soft = new SoftAssertions();
        for (String zone : ZONES) {
            List<String> lines = child(zone, own ? "jdbc:h2:mem:zones;DB_CLOSE_DELAY=-1" : target.jdbcUrl(), t, reads,
                    own ? setup : new String[0]);
            soft.assertThat(lines).as("%s: the child's zone", zone).first().isEqualTo("zone " + zone);
            for (String read : reads) {
                String dir = read.contains("DESC") ? "DESC" : "ASC";
                String prefix = read + " REFERENCE ";
                String reference = lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                        .map(l -> l.substring(prefix.length())).orElse("(none)");
                if (own) {
                    soft.assertThat(reference.split(" ")).as("%s %s: the child's reference", zone, read)
                            .hasSize(VALUES.length);
                } else {
                    soft.assertThat(reference).as("%s %s: the child's reference", zone, read)
                            .isEqualTo(reference("SELECT id FROM " + t + " ORDER BY ts " + dir + ", id"));
                }
                for (String strategy : new String[] {"KEYSET", "OFFSET", "HYBRID", "CURSOR"}) {
                    soft.assertThat(lines).as("%s, %s", zone, read).contains(read + " " + strategy + " " + reference);
                }
            }
        }
        soft.assertAll();
    }

    private String reference(String sql) {
        StringJoiner ids = new StringJoiner(" ");
        target.longs(sql).forEach(id -> ids.add(String.valueOf(id)));
        return ids.toString();
    }

    private List<String> child(String zone, String url, String table, List<String> reads, String[] setup)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Duser.timezone=" + zone,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                ZoneChild.class.getName(), url, table));
        command.addAll(reads);
        command.add("--");
        command.addAll(List.of(setup));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish");
        }
        List<String> lines = new ArrayList<>(new String(out, StandardCharsets.UTF_8).lines().toList());
        assertThat(p.exitValue()).as("child exit: %s", lines).isZero();
        return lines;
    }
}
