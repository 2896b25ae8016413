package dev.rowstream.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} and bare {@code --flag} arguments (a flag maps to "true"). */
final class Args {
    private Args() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "': options look like --name value");
            }
            String name = args[i].substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                m.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                m.put(name, args[++i]);
            } else {
                m.put(name, "true");
            }
        }
        return m;
    }
}
