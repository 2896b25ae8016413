package dev.rowstream.format;

import dev.rowstream.InvalidSpecException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.zip.GZIPOutputStream;

/** The compressions this program can write: none, gzip, and those that modules on the class path add. */
public final class Compressions {
    private static volatile Map<String, Compression> all;

    private Compressions() {
    }

    /** The compression named {@code name} (ignoring case), or an {@link InvalidSpecException} listing them. */
    public static Compression named(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("no compression given: use " + names());
        }
        Compression c = registry().get(name.trim().toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new InvalidSpecException("unknown compression '" + name + "': use " + names());
        }
        return c;
    }

    /** The compression a file name asks for by its ending ({@code .gz}), or {@link Compression#NONE}. */
    public static Compression forFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (Compression c : registry().values()) {
            if (!c.extension().isEmpty() && name.endsWith(c.extension())) {
                return c;
            }
        }
        return Compression.NONE;
    }

    /** {@code fileName} without a compression ending. */
    static String stripExtension(String fileName) {
        Compression c = forFileName(fileName);
        return fileName.substring(0, fileName.length() - c.extension().length());
    }

    public static List<Compression> all() {
        return List.copyOf(registry().values());
    }

    /** The known names, for messages. */
    public static String names() {
        return Formats.orList(new ArrayList<>(registry().keySet()));
    }

    /** The compressions for {@code Optional} look-ups by HTTP Content-Encoding token. */
    public static Optional<Compression> forContentEncoding(String token) {
        for (Compression c : registry().values()) {
            if (c.contentEncoding() != null && c.contentEncoding().equalsIgnoreCase(token.trim())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Compression> registry() {
        Map<String, Compression> r = all;
        if (r == null) {
            synchronized (Compressions.class) {
                r = all;
                if (r == null) {
                    r = new LinkedHashMap<>();
                    r.put(Compression.NONE.name(), Compression.NONE);
                    r.put(Compression.GZIP.name(), Compression.GZIP);
                    for (Compression c : ServiceLoader.load(Compression.class, Compressions.class.getClassLoader())) {
                        r.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c);
                    }
                    r = Collections.unmodifiableMap(r);
                    all = r;
                }
            }
        }
        return r;
    }

    static final class None implements Compression {
        @Override
        public String name() { return "none"; }

        @Override
        public String extension() { return ""; }

        @Override
        public String contentEncoding() { return null; }

        @Override
        public CompressedStream open(OutputStream out) {
            return new CompressedStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void endMember() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }

        @Override
        public String toString() { return name(); }
    }

    /** gzip members one after the other (RFC 1952 allows it; gunzip and GZIPInputStream read them as one). */
    static final class Gzip implements Compression {
        @Override
        public String name() { return "gzip"; }

        @Override
        public String extension() { return ".gz"; }

        @Override
        public String contentEncoding() { return "gzip"; }

        @Override
        public CompressedStream open(OutputStream out) {
            return new MemberStream(out) {
                @Override
                protected OutputStream openMember(OutputStream file) throws IOException {
                    return new GZIPOutputStream(file, 1 << 16);
                }
            };
        }

        @Override
        public String toString() { return name(); }
    }
}
