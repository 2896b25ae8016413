package dev.rowstream.cli;

import dev.rowstream.StreamListener;

/** Counts a read's reconnections, for the summary line. Called on the reading thread. */
final class RetryCount implements StreamListener {
    private int count;

    @Override
    public void onRetry(int attempt, Throwable cause) {
        count++;
    }

    /** ", 2 retries" after the summary, or nothing when the read never had to reconnect. */
    String summary() {
        return count == 0 ? "" : ", " + count + (count == 1 ? " retry" : " retries");
    }
}
