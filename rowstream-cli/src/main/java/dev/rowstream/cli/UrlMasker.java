package dev.rowstream.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides passwords in JDBC URLs and in any text that may quote one (driver messages, stack traces).
 *
 * <p>A password can sit in a URL in two ways, and the drivers accept both:
 * <ul>
 *   <li>as user info, {@code jdbc:postgresql://user:secret@host/db};</li>
 *   <li>as a property whose name contains {@code password} (or is {@code pwd}/{@code passwd}), after
 *       {@code ?}/{@code &} (pgjdbc, MariaDB, MySQL), after {@code ;} (H2's {@code ;PASSWORD=}), or in
 *       MySQL's {@code (password=secret)} address form. This also covers {@code sslpassword},
 *       {@code trustCertificateKeyStorePassword} and the like.</li>
 * </ul>
 * Each value becomes {@code ***}; the rest of the URL stays readable.
 */
public final class UrlMasker {
    public static final String MASK = "***";

    private static final String PROPERTY_NAME = "(?i)([?&;(,]\\s*[A-Za-z0-9_.-]*(?:password|passwd|pwd)[A-Za-z0-9_.-]*\\s*=)";
    // In a URL a password-like property's value runs to the next separator (or the end)...
    private static final Pattern PROPERTY = Pattern.compile(PROPERTY_NAME + "([^&;)]*)");
    // ...but in a message it also ends at white space or a quote, so the rest of the sentence stays
    // readable. A value with a space in it is still masked whole by mask(text, secrets(url)).
    private static final Pattern PROPERTY_IN_TEXT = Pattern.compile(PROPERTY_NAME + "([^&;)\\s'\"]*)");
    // //user:secret@host, in the authority part (up to the first / ? or #) of a URL.
    private static final Pattern USER_INFO = Pattern.compile("(//[^/?#@:\\s]*:)([^/?#\\s]*)(@)");

    private UrlMasker() {
    }

    /** {@code text} with every password-looking value in it replaced by {@code ***}. Null stays null. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = replaceGroup2(USER_INFO, text);
        return replaceGroup2(PROPERTY_IN_TEXT, masked);
    }

    /**
     * The password values written in {@code url}, as written and URL-decoded: a driver may quote
     * either form in a message, so each is masked wherever it appears.
     */
    public static List<String> secrets(String url) {
        Set<String> found = new LinkedHashSet<>();
        if (url != null) {
            collect(USER_INFO, url, found);
            collect(PROPERTY, url, found);
        }
        return new ArrayList<>(found);
    }

    /** Every occurrence of each known secret replaced by {@code ***}, and then {@link #mask(String)}. */
    public static String mask(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        // Known secrets first, whole (a password with a space in it, too); longest first, so that a
        // secret containing another is masked whole.
        List<String> ordered = new ArrayList<>(secrets);
        ordered.sort((a, b) -> Integer.compare(b.length(), a.length()));
        String masked = text;
        for (String secret : ordered) {
            if (secret != null && !secret.isEmpty()) {
                masked = masked.replace(secret, MASK);
            }
        }
        return mask(masked);
    }

    private static String replaceGroup2(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = m.group(2);
            String replacement = value.isEmpty() ? m.group() : m.group(1) + MASK + (m.groupCount() >= 3 ? m.group(3) : "");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void collect(Pattern pattern, String url, Set<String> into) {
        Matcher m = pattern.matcher(url);
        while (m.find()) {
            String value = m.group(2).strip();
            if (!value.isEmpty() && !value.equals(MASK)) {
                into.add(value);
                try {
                    into.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notEncoded) {
                    // A raw value with a stray %: the value as written is masked already.
                }
            }
        }
    }
}
