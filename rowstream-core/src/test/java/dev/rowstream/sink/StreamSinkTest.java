package dev.rowstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.Columns;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.format.Compression;
import dev.rowstream.format.Format;
import dev.rowstream.internal.DriverManagerDataSource;
import dev.rowstream.testing.FootedFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import org.junit.jupiter.api.Test;

/** A stream belongs to the caller: flushed, never closed; a closed pipe stops the export; no checkpoints. */
class StreamSinkTest {
    private static final Columns COLUMNS = new Columns(new String[] {"x"}, new int[] {Types.VARCHAR},
            new String[] {"varchar"});

    private static SinkContext context(boolean checkpointed) {
        return new SinkContext(new DriverManagerDataSource("jdbc:h2:mem:unused", null, null), "t", null, 10,
                checkpointed, false, () -> "", null);
    }

    @Test
    void theStreamIsFlushedNotClosed() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the caller's stream must not be closed");
            }
        };
        StreamSink sink = Sinks.csv(stream);
        sink.prepare(context(false));
        sink.open(COLUMNS, null, Sink.Commit.NONE);
        sink.write(new Row(COLUMNS, new Object[] {"ü"}));
        assertThat(stream.size()).as("buffered until the end").isZero();
        sink.finish(Sink.Commit.NONE);
        sink.close();
        assertThat(stream.toString(StandardCharsets.UTF_8)).isEqualTo("x\nü\n");
    }

    @Test
    void aCompressedStreamIsOneGzipStream() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        StreamSink sink = Sinks.jsonl(stream).compression(Compression.GZIP);
        sink.prepare(context(false));
        sink.open(COLUMNS, null, Sink.Commit.NONE);
        sink.write(new Row(COLUMNS, new Object[] {null}));
        sink.finish(Sink.Commit.NONE);
        assertThat(FileSinkTest.gunzip(stream.toByteArray())).isEqualTo("{\"x\":null}\n");
    }

    @Test
    void aClosedPipeStopsTheExport() throws IOException {
        // What System.out does on a closed pipe: it records the error instead of throwing it.
        PrintStream closedPipe = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });
        StreamSink sink = Sinks.stdout(closedPipe, Format.CSV);
        sink.prepare(context(false));
        sink.open(COLUMNS, null, Sink.Commit.NONE);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                sink.write(new Row(COLUMNS, new Object[] {"row " + i}));
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void aStreamKeepsNoCheckpointAndStdoutTakesOnlyFormatsForIt() {
        assertThatThrownBy(() -> Sinks.csv(new ByteArrayOutputStream()).prepare(context(true)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("cannot resume");
        assertThatThrownBy(() -> Sinks.stdout(new PrintStream(new ByteArrayOutputStream()), new FootedFormat())
                .prepare(context(false))).isInstanceOf(InvalidSpecException.class)
                .hasMessage("format footed cannot be written to stdout: write it to a file (Sinks.file(...))");
        // Any other stream takes it: an HTTP response can carry a spreadsheet.
        Sinks.stream(new ByteArrayOutputStream(), new FootedFormat()).prepare(context(false));
    }
}
