package dev.rowstream.internal;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.Strategy;

/** Checks that a key range (a split) fits the read it is opened with, before any row is read. */
final class Ranges {
    private Ranges() {
    }

    static void check(Plan plan, KeyRange range, dev.rowstream.checkpoint.Checkpoint from) {
        if (!plan.hasKey()) {
            throw new InvalidSpecException("range(...) needs a keyed read: give key(...), the key the split was"
                    + " planned with (" + range.key() + ")");
        }
        if (!plan.key().toString().equals(range.key())) {
            throw new InvalidSpecException("the split was planned for the key (" + range.key() + "), but this read's"
                    + " key is (" + plan.key() + "): plan the splits with the same table, condition and key(...)");
        }
        int width = plan.keyParts().size();
        if ((range.after() != null && range.after().length != width)
                || (range.upTo() != null && range.upTo().length != width)) {
            throw new InvalidSpecException("the split's keys do not have the " + width + " values of the key ("
                    + plan.key() + "): use a split that splits(...) returned for this read");
        }
        if (from != null) {
            throw new InvalidSpecException("range(...) and resumeFrom(...) together are not supported: resume the"
                    + " whole read, or read the split again");
        }
        if (plan.strategy() == Strategy.OFFSET) {
            // An offset counts rows from the start of the read, not of the range: it cannot seek into one.
            throw new InvalidSpecException("range(...) reads by key, and strategy OFFSET does not: use strategy(KEYSET),"
                    + " HYBRID, CURSOR or AUTO");
        }
    }
}
