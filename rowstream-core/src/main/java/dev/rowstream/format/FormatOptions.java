package dev.rowstream.format;

import dev.rowstream.InvalidSpecException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A format's options, as names and text values ({@code compression=zstd}, {@code row-group-mb=16}): what a
 * command line, a configuration file or a URL query gives. Each format says which names it takes
 * ({@link #allowOnly}) and reads them with a default. Immutable.
 */
public final class FormatOptions {
    /**
     * The folder for a format's temporary files (XLSX keeps each sheet in one until the workbook is written). A
     * file sink sets it to the output's folder when the format takes it and the user did not set it: the
     * same disk as the output, which has room for it.
     */
    public static final String TEMP_DIR = "temp-dir";

    /** No options: every format's defaults. */
    public static final FormatOptions NONE = new FormatOptions(Map.of());

    private final Map<String, String> values;

    private FormatOptions(Map<String, String> values) {
        this.values = values;
    }

    /** Options from names and values; names are case-insensitive. */
    public static FormatOptions of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k.trim().toLowerCase(Locale.ROOT), v == null ? "" : v.trim()));
        return copy.isEmpty() ? NONE : new FormatOptions(Collections.unmodifiableMap(copy));
    }

    /** These options with {@code name} set to {@code value}. */
    public FormatOptions with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name.trim().toLowerCase(Locale.ROOT), value == null ? "" : value.trim());
        return new FormatOptions(Collections.unmodifiableMap(copy));
    }

    public Set<String> names() {
        return values.keySet();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code name}, or {@code defaultValue} when not given. */
    public String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** One of {@code choices} (ignoring case), or an {@link InvalidSpecException} listing them. */
    public String choice(String name, String defaultValue, String... choices) {
        String v = get(name, defaultValue).toLowerCase(Locale.ROOT);
        if (!Arrays.asList(choices).contains(v)) {
            throw new InvalidSpecException("format option " + name + "=" + get(name, defaultValue)
                    + " is not known: use " + Formats.orList(List.of(choices)));
        }
        return v;
    }

    /** A whole number from {@code min} to {@code max}, or an {@link InvalidSpecException} saying the range. */
    public long number(String name, long defaultValue, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("format option " + name + "=" + v + " is not a whole number: use "
                    + min + " to " + max);
        }
        if (n < min || n > max) {
            throw new InvalidSpecException("format option " + name + "=" + v + " is out of range: use " + min
                    + " to " + max);
        }
        return n;
    }

    /** {@code true} or {@code false} (also yes/no, on/off, 1/0). */
    public boolean flag(String name, boolean defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1", "" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new InvalidSpecException("format option " + name + "=" + v + " is not true or false");
        };
    }

    /** Refuses any option but {@code known}, naming the format and the options it takes. */
    public void allowOnly(Format format, String... known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(Arrays.asList(known));
        if (!unknown.isEmpty()) {
            throw new InvalidSpecException("format " + format.name() + " has no option " + String.join(", ", unknown)
                    + (known.length == 0 ? ": it takes none" : ": its options are " + String.join(", ", known)));
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
