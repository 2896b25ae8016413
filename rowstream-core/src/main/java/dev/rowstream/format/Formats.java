package dev.rowstream.format;

import dev.rowstream.InvalidSpecException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The formats this program can write: the built-in CSV and JSON Lines, and every {@link Format} that a
 * module on the class path lists in {@code META-INF/services/dev.rowstream.format.Format}.
 */
public final class Formats {
    private static volatile Map<String, Format> all;

    private Formats() {
    }

    /** Every format, built-ins first, by name. */
    public static List<Format> all() {
        return List.copyOf(registry().values());
    }

    /** The format named {@code name} (ignoring case), or an {@link InvalidSpecException} listing the known ones. */
    public static Format named(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("no format given: use " + names());
        }
        Format f = registry().get(name.trim().toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new InvalidSpecException("unknown format '" + name + "': use " + names());
        }
        return f;
    }

    /**
     * The format a file name asks for by its ending, after any compression ending ({@code orders.csv.gz} is
     * CSV), or empty when no format has that ending.
     */
    public static Optional<Format> forFileName(String fileName) {
        String name = Compressions.stripExtension(fileName.toLowerCase(Locale.ROOT));
        for (Format f : registry().values()) {
            for (String ext : f.extensions()) {
                if (name.endsWith(ext)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** The known names, for messages: {@code csv, jsonl or parquet}. */
    public static String names() {
        return orList(new ArrayList<>(registry().keySet()));
    }

    static String orList(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static Map<String, Format> registry() {
        Map<String, Format> r = all;
        if (r == null) {
            synchronized (Formats.class) {
                r = all;
                if (r == null) {
                    r = new LinkedHashMap<>();
                    r.put(Format.CSV.name(), Format.CSV);
                    r.put(Format.JSONL.name(), Format.JSONL);
                    for (Format f : ServiceLoader.load(Format.class, Formats.class.getClassLoader())) {
                        r.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f);
                    }
                    r = Collections.unmodifiableMap(r);
                    all = r;
                }
            }
        }
        return r;
    }
}
