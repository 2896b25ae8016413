package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTest {
    @TempDir
    Path dir;

    @Test
    void writesToThePartFileThenRenamesIt() throws IOException {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "old contents");
        try (Output out = Output.file(file)) {
            Writer w = out.open();
            w.write("a,b\n1,é\n");
            w.flush();
            assertThat(Output.partOf(file)).hasContent("a,b\n1,é\n");
            assertThat(file).hasContent("old contents");
            out.commit();
        }
        assertThat(file).hasContent("a,b\n1,é\n");
        assertThat(Output.partOf(file)).doesNotExist();
    }

    @Test
    void closingWithoutCommitLeavesTheFileAsItWasAndDeletesThePart() throws IOException {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "old contents");
        try (Output out = Output.file(file)) {
            out.open().write("partial");
        }
        assertThat(file).hasContent("old contents");
        assertThat(Output.partOf(file)).doesNotExist();
        assertThat(dir).isDirectoryContaining(p -> p.equals(file)).isDirectoryNotContaining(p -> !p.equals(file));
    }

    @Test
    void theShutdownHookStopsTheRename() throws Exception {
        Path file = dir.resolve("out.csv");
        try (Output out = Output.file(file)) {
            out.open().write("1\n2\n");
            // What Ctrl-C does: the JVM runs the guard (a shutdown hook) while rows are still coming.
            out.onShutdown();
            assertThat(Output.partOf(file)).doesNotExist();
            assertThatThrownBy(out::commit).isInstanceOf(IOException.class).hasMessageContaining("interrupted");
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void stdoutIsFlushedNotClosed() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("stdout must not be closed");
            }
        };
        try (Output out = Output.stdout(stream)) {
            out.open().write("x,ü\n");
            assertThat(stream.size()).as("buffered until commit").isZero();
            out.commit();
        }
        assertThat(stream.toString(StandardCharsets.UTF_8)).isEqualTo("x,ü\n");
    }

    @Test
    void aClosedStdoutStopsTheExport() throws IOException {
        // What System.out does on a closed pipe: it records the error instead of throwing it.
        PrintStream closedPipe = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });
        try (Output out = Output.stdout(closedPipe)) {
            Writer w = out.open();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100_000; i++) {
                    w.write("row " + i + "\n");
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void aDirectoryIsNotAFile() {
        assertThatThrownBy(() -> Output.file(dir)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("is a directory");
    }
}
