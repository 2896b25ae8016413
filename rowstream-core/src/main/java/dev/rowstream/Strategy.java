package dev.rowstream;

/** How rows are fetched. Every strategy returns rows in key order when a key is given. */
public enum Strategy {
    /**
     * Picks HYBRID when a key is known (given, or a table's primary key) and CURSOR otherwise; KEYSET
     * instead of HYBRID where the driver is not known to stream a server cursor. The reason is logged at INFO.
     */
    AUTO,
    /** One query, streamed by the driver through a server-side cursor (one connection, one transaction). */
    CURSOR,
    /** {@code WHERE (key) > (last) ORDER BY key LIMIT n} batches, each on a short-lived connection. */
    KEYSET,
    /** {@code ORDER BY key LIMIT n OFFSET m} batches: simple, but each batch re-reads the skipped rows. */
    OFFSET,
    /**
     * A server cursor, as CURSOR, cut into segments of a bounded number of rows and seconds. Each segment
     * is its own read-only transaction on a borrowed connection; the next one seeks past the last key
     * delivered, as KEYSET does. Needs a key. Resumes the same way after a lost connection.
     */
    HYBRID;

    /** Parses a name such as {@code keyset}, case-insensitively. */
    public static Strategy parse(String name) {
        for (Strategy s : values()) {
            if (s.name().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new InvalidSpecException("unknown strategy '" + name + "': use auto, cursor, keyset, offset or hybrid");
    }
}
