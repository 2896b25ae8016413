package dev.rowstream.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Where a read stood at a batch boundary, so that another run can go on from there: made by
 * {@link dev.rowstream.RowStream#checkpoint()}, used by {@link dev.rowstream.ReadBuilder#resumeFrom}.
 *
 * <p>It holds a hash of the normalised read (the source table or query, the columns, the condition and its
 * parameters, the final key and the strategy), the key of the last row handed out with each value's type,
 * the rows handed out so far, and the sink's own position (a small map of strings, say the byte length of
 * the output file). A read opened from a checkpoint made for another read, or by an unknown version, is
 * refused with a {@link CheckpointException} that says what differs.
 *
 * <p>It is written as one line of JSON ({@link #toJson()}, {@link #parse}), versioned and readable:
 * <pre>{"format":"rowstream-checkpoint","version":2,"spec":{"hash":"3f2a...","source":"SELECT ... FROM orders",
 * "key":"id ASC","strategy":"hybrid"},"key":[{"column":"id","type":"long","value":"41000"}],"rows":41000,
 * "sink":{"bytes":"1048576","crc32c":"5a1c03e7"},"check":"0c8e11f2"}</pre>
 * {@code check} is the CRC-32C of the same line without it: a checkpoint edited or damaged by hand (a byte
 * count set to 0, a row count changed) is refused when read, never trusted. {@link #parse} also checks every
 * field's type and range, and that the row count and the key agree (no key exactly when no row was handed
 * out); a sink checks its own position against its output (see {@link dev.rowstream.sink.Sink#open}).
 * Immutable.
 */
public final class Checkpoint {
    /** The version this rowstream writes and reads. */
    public static final int VERSION = 2;
    static final String FORMAT = "rowstream-checkpoint";
    private static final JsonFactory JSON = new JsonFactory();

    private final String specHash;
    private final Map<String, String> spec;
    private final List<KeyValue> key;
    private final long rowCount;
    private final Map<String, String> sink;

    /**
     * Made by the library ({@link dev.rowstream.RowStream#checkpoint()}); public for technical reasons.
     *
     * @param specHash the hash of the normalised read
     * @param spec     what the read was, in words, to say what differs when the hash does not match
     * @param key      the key of the last row handed out, or null at the start of the read
     * @param rowCount rows handed out before this point, over all runs
     * @param sink     the sink's position, empty when it keeps none
     */
    public Checkpoint(String specHash, Map<String, String> spec, List<KeyValue> key, long rowCount,
                      Map<String, String> sink) {
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount " + rowCount + " is negative");
        }
        this.specHash = Objects.requireNonNull(specHash, "specHash");
        this.spec = Collections.unmodifiableMap(new LinkedHashMap<>(spec));
        this.key = key == null ? null : List.copyOf(key);
        this.rowCount = rowCount;
        this.sink = Collections.unmodifiableMap(new LinkedHashMap<>(sink));
    }

    /** The hash of the normalised read this checkpoint belongs to. */
    public String specHash() { return specHash; }

    /** What the read was, in words: {@code source}, {@code where}, {@code key}, {@code strategy}... */
    public Map<String, String> spec() { return spec; }

    /** The key of the last row handed out; null when no row was handed out yet (resume = start over). */
    public List<KeyValue> key() { return key; }

    /** The key's values in key order, or null at the start. */
    public Object[] keyValues() {
        return key == null ? null : key.stream().map(KeyValue::value).toArray();
    }

    /** Rows handed out before this point, over all runs. */
    public long rowCount() { return rowCount; }

    /** The sink's position: entries the writer of the rows put there, say the output's byte length. */
    public Map<String, String> sink() { return sink; }

    /** The same point, with the sink's position replaced by {@code position}. */
    public Checkpoint withSink(Map<String, String> position) {
        return new Checkpoint(specHash, spec, key, rowCount, position);
    }

    /** The key as {@code id=41000, name='x'}, or {@code (start)}. */
    public String describeKey() {
        if (key == null) {
            return "(start)";
        }
        StringBuilder sb = new StringBuilder();
        for (KeyValue k : key) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k);
        }
        return sb.toString();
    }

    // ---- JSON --------------------------------------------------------------------------------

    /** One line of JSON, without a line end, ending with its {@code check}. */
    public String toJson() {
        String body = body();
        return body.substring(0, body.length() - 1) + ",\"check\":\"" + check(body) + "\"}";
    }

    /** The CRC-32C of the line without its check, as 8 hex digits. */
    private static String check(String body) {
        CRC32C crc = new CRC32C();
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        crc.update(bytes, 0, bytes.length);
        return String.format("%08x", crc.getValue());
    }

    /** The JSON object without its check. */
    private String body() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeObjectFieldStart("spec");
            g.writeStringField("hash", specHash);
            for (Map.Entry<String, String> e : spec.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            if (key == null) {
                g.writeNullField("key");
            } else {
                g.writeArrayFieldStart("key");
                for (KeyValue k : key) {
                    g.writeStartObject();
                    g.writeStringField("column", k.column());
                    g.writeStringField("type", k.type());
                    if (k.value() == null) {
                        g.writeNullField("value");
                    } else {
                        g.writeStringField("value", Values.text(k.value()));
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeNumberField("rows", rowCount);
            g.writeObjectFieldStart("sink");
            for (Map.Entry<String, String> e : sink.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Reads {@link #toJson()}'s form. Throws {@link CheckpointException} for anything else: another
     * format, another version (naming it), a missing field, a value that does not parse as its type or is out
     * of its range, a row count that disagrees with the key, a {@code check} that does not match the rest.
     */
    public static Checkpoint parse(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            return new Reader(p).read();
        } catch (IOException e) {
            throw new CheckpointException("the checkpoint is not valid JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    /** Parses {@link #toJson()} with jackson-core's streaming parser (the library has no data binding). */
    private static final class Reader {
        private final JsonParser p;

        Reader(JsonParser p) {
            this.p = p;
        }

        Checkpoint read() throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the checkpoint");
            String format = null;
            Integer version = null;
            Map<String, String> spec = null;
            List<KeyValue> key = null;
            boolean hasKey = false;
            Long rows = null;
            boolean rowsValid = true;
            String check = null;
            Map<String, String> sink = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "format" -> format = p.getValueAsString();
                    case "version" -> version = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                    case "spec" -> spec = strings(t, "spec");
                    case "key" -> {
                        hasKey = true;
                        key = t == JsonToken.VALUE_NULL ? null : keys(t);
                    }
                    case "rows" -> {
                        rowsValid = t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
                        rows = rowsValid ? p.getLongValue() : null;
                    }
                    case "sink" -> sink = strings(t, "sink");
                    case "check" -> check = t == JsonToken.VALUE_STRING ? p.getText() : "";
                    default -> p.skipChildren(); // a field of a later minor change: ignored
                }
            }
            if (!FORMAT.equals(format)) {
                throw new CheckpointException("this is not a rowstream checkpoint (its \"format\" is "
                        + (format == null ? "missing" : "'" + format + "'") + ")");
            }
            if (version == null || version != VERSION) {
                throw new CheckpointException("the checkpoint has version " + version + ", and this rowstream knows"
                        + " only version " + VERSION + ": resume with the rowstream that made it, or start over");
            }
            if (!rowsValid) {
                throw new CheckpointException("the checkpoint's row count is not a whole number: it was edited");
            }
            if (spec == null || spec.get("hash") == null || !hasKey || rows == null) {
                throw new CheckpointException("the checkpoint lacks its " + (spec == null || spec.get("hash") == null
                        ? "spec hash" : !hasKey ? "key" : "row count") + ": it was cut short or edited");
            }
            if (rows < 0) {
                throw new CheckpointException("the checkpoint's row count " + rows + " is negative: it was edited");
            }
            // A key is recorded exactly when a row was handed out: rows and key must agree.
            if ((key == null) != (rows == 0)) {
                throw new CheckpointException("the checkpoint counts " + rows + " rows but has " + (key == null
                        ? "no key" : "a key") + ": it was edited or damaged");
            }
            String hash = spec.remove("hash");
            Checkpoint c = new Checkpoint(hash, spec, key, rows, sink);
            String body = c.body();
            if (check == null || !check.equals(check(body))) {
                throw new CheckpointException("the checkpoint's check " + (check == null ? "is missing"
                        : "'" + check + "' does not match its content") + ": it was edited or damaged after it"
                        + " was written");
            }
            return c;
        }

        private Map<String, String> strings(JsonToken t, String what) throws IOException {
            expect(t, JsonToken.START_OBJECT, "\"" + what + "\"");
            Map<String, String> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v != JsonToken.VALUE_STRING) {
                    throw new CheckpointException("the checkpoint's \"" + what + "\"." + name + " is not a string");
                }
                map.put(name, p.getText());
            }
            return map;
        }

        private List<KeyValue> keys(JsonToken t) throws IOException {
            expect(t, JsonToken.START_ARRAY, "\"key\"");
            List<KeyValue> keys = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> k = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    k.put(name, v == JsonToken.VALUE_NULL ? null : p.getText());
                }
                String column = k.get("column");
                String type = k.get("type");
                if (column == null || type == null) {
                    throw new CheckpointException("a key value of the checkpoint lacks its column or type");
                }
                keys.add(new KeyValue(column, Values.parse(type, k.get("value"), column)));
            }
            if (keys.isEmpty()) {
                throw new CheckpointException("the checkpoint's key is empty: it was edited");
            }
            return keys;
        }

        private static void expect(JsonToken actual, JsonToken wanted, String what) {
            if (actual != wanted) {
                throw new CheckpointException(what + " is not a JSON " + (wanted == JsonToken.START_ARRAY ? "array" : "object"));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && toJson().equals(c.toJson());
    }

    @Override
    public int hashCode() { return toJson().hashCode(); }

    @Override
    public String toString() { return toJson(); }
}
