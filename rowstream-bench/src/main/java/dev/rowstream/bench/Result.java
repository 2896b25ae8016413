package dev.rowstream.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** One measured case: its database, kind and table, and the fields of its {@code RESULT} line. */
record Result(Db db, String kind, String table, Map<String, String> fields) {

    /** Parses {@code RESULT k=v k=v ...}. */
    static Result parse(Db db, String line) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : line.substring("RESULT ".length()).trim().split("\\s+")) {
            int eq = part.indexOf('=');
            f.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new Result(db, f.get("kind"), f.get("table"), f);
    }

    long rows() { return Long.parseLong(fields.get("rows")); }

    double seconds() { return Double.parseDouble(fields.get("seconds")); }

    double rowsPerSecond() { return rows() / seconds(); }

    double number(String name) {
        String v = fields.get(name);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    String text(String name) { return fields.getOrDefault(name, ""); }

    /** The line as the run printed it, for the raw output. */
    String line() {
        StringBuilder sb = new StringBuilder("RESULT db=" + db.label());
        fields.forEach((k, v) -> {
            if (!k.equals("db")) {
                sb.append(' ').append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }
}
