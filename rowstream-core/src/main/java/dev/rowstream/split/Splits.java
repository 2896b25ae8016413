package dev.rowstream.split;

import java.time.Duration;
import java.util.List;

/**
 * The splits of a read, in key order, and how they were found.
 *
 * @param splits the splits: as many as asked, or fewer when the read has fewer rows (one, unbounded, when none)
 * @param method EXACT or SAMPLE: the method used
 * @param how    the method in words, with its figures, for a log or a summary line
 * @param rows   the read's rows: counted (EXACT) or estimated from the sample (SAMPLE)
 * @param took   how long planning took
 */
public record Splits(List<Split> splits, SplitMethod method, String how, long rows, Duration took) {
}
