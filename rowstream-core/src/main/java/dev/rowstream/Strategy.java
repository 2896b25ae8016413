package dev.rowstream;

/** How rows are fetched. Every strategy returns rows in key order when a key is given. */
public enum Strategy {
    /** Picks CURSOR, or KEYSET where a server cursor cannot stream; the reason is logged at INFO. */
    AUTO,
    /** One query, streamed by the driver through a server-side cursor (one connection, one transaction). */
    CURSOR,
    /** {@code WHERE (key) > (last) ORDER BY key LIMIT n} batches, each on a short-lived connection. */
    KEYSET,
    /** {@code ORDER BY key LIMIT n OFFSET m} batches: simple, but each batch re-reads the skipped rows. */
    OFFSET;

    /** Parses a name such as {@code keyset}, case-insensitively. */
    public static Strategy parse(String name) {
        for (Strategy s : values()) {
            if (s.name().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new InvalidSpecException("unknown strategy '" + name + "': use auto, cursor, keyset or offset");
    }
}
