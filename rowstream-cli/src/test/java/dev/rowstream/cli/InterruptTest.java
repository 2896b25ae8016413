package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.sink.FileSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C in the middle of an export: exit 130, and FILE is not created (nor is the .part left). */
@EnabledOnOs({OS.LINUX, OS.MAC})
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigintLeavesNoFile() throws Exception {
        Path file = dir.resolve("endless.csv");
        Path part = FileSink.partOf(file);
        // An endless query on an in-memory database: the export is still running when the signal comes.
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "export", "--url", "jdbc:sqlite::memory:", "--strategy", "cursor",
                "--query", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
                "--output", file.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(part) && Files.size(part) > 1_000_000) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String log = Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
            assertThat(p.isAlive()).as("still exporting; output so far: %s", log).isTrue();
            assertThat(part).exists();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(130);
            assertThat(file).doesNotExist();
            assertThat(part).doesNotExist();
        } finally {
            p.destroyForcibly();
        }
    }
}
