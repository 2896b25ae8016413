package dev.rowstream.xlsx;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sheets' temporary files, {@code .rowstream-xlsx-<pid>-<random>.xml}. A JVM killed before its writer closed
 * (SIGKILL, a crash: no finally and no deleteOnExit run) leaves them in the folder, which for an export is the
 * output's; each new writer deletes those whose process is gone, so that an export killed and resumed leaves none.
 * The process id in the name is what tells them from the files of a writer still running.
 */
final class XlsxTempFiles {
    static final String PREFIX = ".rowstream-xlsx-";

    private XlsxTempFiles() {
    }

    static File create(Path dir) throws IOException {
        File f = Files.createTempFile(dir, PREFIX + ProcessHandle.current().pid() + "-", ".xml").toFile();
        f.deleteOnExit(); // should the JVM stop before close()
        return f;
    }

    /** Deletes the temporary files in {@code dir} of processes that no longer run. */
    static void deleteOrphans(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*-*.xml")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String pid = name.substring(PREFIX.length(), name.indexOf('-', PREFIX.length()));
                if (pid.matches("[0-9]{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | SecurityException e) {
            // Best effort: a leftover costs disk space, not correctness, and must not stop the export.
        }
    }
}
