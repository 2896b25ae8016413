package dev.rowstream.split;

import java.util.List;

/**
 * One key range of a read: the rows whose key sorts after {@code after} (exclusive) and up to {@code upTo}
 * (inclusive), in the key's order with its NULL placement. The first split has no lower bound ({@code after}
 * null), the last no upper bound ({@code upTo} null), and each split starts where the one before ends, so
 * the splits of a read hold every row exactly once. Read one with {@code ReadBuilder.range(split)}.
 *
 * @param number        1 for the first split
 * @param after         the key values (in the key's column order) the split starts after, or null
 * @param upTo          the key values the split ends with, or null
 * @param estimatedRows the rows in the split when it was planned: counted by the EXACT method, estimated by SAMPLE
 * @param key           the read's key as planned, {@code id ASC}: the read must have the same
 */
public record Split(int number, List<Object> after, List<Object> upTo, long estimatedRows, String key) {
}
