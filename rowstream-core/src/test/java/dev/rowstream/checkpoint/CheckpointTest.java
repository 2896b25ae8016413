package dev.rowstream.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint's JSON form: exact for every key type, versioned, and strict about what it reads. */
class CheckpointTest {
    @TempDir
    Path dir;

    private static final Object[] VALUES = {
        42L, Integer.MIN_VALUE, (short) 7, (byte) -3, new BigInteger("123456789012345678901234567890"),
        new BigDecimal("0.10"), new BigDecimal("-1E+3"), 0.1, Double.NaN, Double.NEGATIVE_INFINITY, -0.0, 1.1f,
        "a \"quoted\", \n line ☃ 😀", "", true, LocalDate.of(-44, 3, 15), LocalDate.of(2100, 12, 31),
        LocalTime.of(23, 59, 59, 999_999_000), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_000),
        LocalDateTime.of(2040, 1, 1, 0, 0), OffsetDateTime.of(2038, 1, 19, 3, 14, 8, 1000, ZoneOffset.ofHours(-5)),
        new byte[] {0, 1, (byte) 0xff}, new byte[0], UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), null,
    };

    private static Checkpoint sample() {
        List<KeyValue> key = new ArrayList<>();
        for (int i = 0; i < VALUES.length; i++) {
            key.add(new KeyValue("c" + i, VALUES[i]));
        }
        return new Checkpoint("abc123", Map.of("key", "c0 ASC", "strategy", "keyset"), key, 1234,
                Map.of("bytes", "99"));
    }

    @Test
    void everyKeyTypeRoundTripsExactly() {
        Checkpoint c = sample();
        String json = c.toJson();
        assertThat(json).doesNotContain("\n").startsWith("{\"format\":\"rowstream-checkpoint\",\"version\":2,")
                .containsPattern(",\"check\":\"[0-9a-f]{8}\"}$");
        Checkpoint back = Checkpoint.parse(json);
        assertThat(back).isEqualTo(c);
        Object[] values = back.keyValues();
        for (int i = 0; i < VALUES.length; i++) {
            if (VALUES[i] == null) {
                assertThat(values[i]).isNull();
            } else {
                assertThat(values[i]).as("c%d", i).isInstanceOf(VALUES[i].getClass()).isEqualTo(VALUES[i]);
            }
        }
        assertThat(((BigDecimal) values[5]).scale()).isEqualTo(2);
        assertThat(Double.doubleToRawLongBits((Double) values[10])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.rowCount()).isEqualTo(1234);
        assertThat(back.sink()).containsEntry("bytes", "99");
        assertThat(back.specHash()).isEqualTo("abc123");
        assertThat(back.spec()).containsEntry("strategy", "keyset").doesNotContainKey("hash");
    }

    @Test
    void atTheStartTheKeyIsNull() {
        Checkpoint c = new Checkpoint("h", Map.of(), null, 0, Map.of());
        assertThat(Checkpoint.parse(c.toJson()).key()).isNull();
        assertThat(c.describeKey()).isEqualTo("(start)");
    }

    @Test
    void anUnknownVersionIsRefused() {
        for (String version : new String[] {"1", "3"}) {
            String json = sample().toJson().replace("\"version\":2", "\"version\":" + version);
            assertThatThrownBy(() -> Checkpoint.parse(json)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("version " + version).hasMessageContaining("only version 2");
        }
    }

    /** Any edit of the text (a byte count, a row count, a key value) breaks its check, and is refused. */
    @Test
    void anEditedCheckpointIsRefused() {
        String json = sample().toJson();
        for (String edit : new String[] {json.replace("\"bytes\":\"99\"", "\"bytes\":\"0\""),
                json.replace("\"rows\":1234", "\"rows\":1235"), json.replace("\"value\":\"42\"", "\"value\":\"43\""),
                json.replaceAll(",\"check\":\"[0-9a-f]{8}\"", ""), json.replaceAll("\"check\":\"[0-9a-f]{8}\"",
                "\"check\":\"00000000\"")}) {
            assertThat(edit).isNotEqualTo(json);
            assertThatThrownBy(() -> Checkpoint.parse(edit)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("edited or damaged");
        }
    }

    /** Fields are checked on their own too: ranges, types, and that the row count and the key agree. */
    @Test
    void fieldsThatCannotBeTrueAreRefused() {
        Checkpoint start = new Checkpoint("h", Map.of(), null, 0, Map.of());
        assertThatThrownBy(() -> Checkpoint.parse(start.toJson().replace("\"rows\":0", "\"rows\":-5")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("row count -5 is negative");
        assertThatThrownBy(() -> Checkpoint.parse(start.toJson().replace("\"rows\":0", "\"rows\":\"7\"")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Checkpoint.parse(start.toJson().replace("\"rows\":0", "\"rows\":99999999999999999999")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Checkpoint.parse(start.toJson().replace("\"rows\":0", "\"rows\":12")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("counts 12 rows but has no key");
        assertThatThrownBy(() -> new Checkpoint("h", Map.of(), null, -1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherJsonIsRefused() {
        assertThatThrownBy(() -> Checkpoint.parse("{\"a\":1}")).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not a rowstream checkpoint");
        assertThatThrownBy(() -> Checkpoint.parse("{\"format\":\"rowstream-checkp")).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not valid JSON");
        String noRows = sample().toJson().replaceAll(",\"rows\":\\d+", "");
        assertThatThrownBy(() -> Checkpoint.parse(noRows)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("row count");
        String badType = sample().toJson().replace("\"type\":\"long\"", "\"type\":\"money\"");
        assertThatThrownBy(() -> Checkpoint.parse(badType)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("unknown type 'money'");
        String badValue = sample().toJson().replace("\"value\":\"42\"", "\"value\":\"4x2\"");
        assertThatThrownBy(() -> Checkpoint.parse(badValue)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("'4x2' is not a valid long");
    }

    @Test
    void aKeyOfAnUnknownJavaTypeIsRefused() {
        assertThatThrownBy(() -> new KeyValue("x", new StringBuilder("y"))).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("key column x holds a java.lang.StringBuilder");
    }

    @Test
    void theFileStoreReplacesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("job.ckpt");
        FileCheckpointStore store = new FileCheckpointStore(file);
        assertThat(store.load()).isEmpty();
        Checkpoint c = sample();
        store.save(c);
        assertThat(store.load()).contains(c);
        Checkpoint later = c.withSink(Map.of("bytes", "100"));
        new FileCheckpointStore(file, false).save(later);
        assertThat(store.load()).contains(later);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).endsWith("}\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("job.ckpt");
        }
        store.delete();
        assertThat(store.load()).isEmpty();
        store.delete(); // idempotent
    }

    @Test
    void anUnreadableFileNamesItself() throws Exception {
        Path file = dir.resolve("bad.ckpt");
        Files.writeString(file, "garbage");
        assertThatThrownBy(() -> new FileCheckpointStore(file).load()).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString());
    }
}
