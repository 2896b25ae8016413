package dev.rowstream.job;

import dev.rowstream.Strategy;

/**
 * What an {@link ExportJob} did.
 *
 * @param rows             rows written by this run
 * @param resumed          true when this run went on from a checkpoint
 * @param resumedAfter     rows written by earlier runs, which this one resumed after (0 for a fresh start)
 * @param strategy         the read's strategy; null when there was nothing left to read
 * @param alreadyComplete  true when an earlier run had written every row and stopped while finishing: this
 *                         run only finished (renamed the file, deleted the checkpoint)
 * @param fastPath         true when the read came through the database's bulk protocol
 *                         ({@link dev.rowstream.ReadBuilder#fastPath(boolean)})
 */
public record ExportResult(long rows, boolean resumed, long resumedAfter, Strategy strategy, boolean alreadyComplete,
                           boolean fastPath) {

    /** A result of a read without the fast path. */
    public ExportResult(long rows, boolean resumed, long resumedAfter, Strategy strategy, boolean alreadyComplete) {
        this(rows, resumed, resumedAfter, strategy, alreadyComplete, false);
    }

    /** The rows in the output: this run's and earlier runs'. */
    public long total() {
        return resumedAfter + rows;
    }
}
