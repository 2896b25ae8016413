package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.Strategy;
import dev.rowstream.job.JobListener;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The progress of an export on stderr, from a thread of its own: on a terminal a line rewritten about 4
 * times a second ({@code \r}), else a log line every 10 s. Rows, rows/s, time so far, and with a row
 * estimate the percentage and the time left. The export thread only counts rows ({@link #row()}, a plain
 * store that the progress thread is guaranteed to see soon: no lock, no fence).
 */
final class Progress implements AutoCloseable {
    static final long LIVE_MILLIS = 250;
    static final long LOG_MILLIS = 10_000;
    private static final VarHandle ROWS;

    static {
        try {
            ROWS = MethodHandles.lookup().findVarHandle(Progress.class, "rows", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How progress is shown. */
    enum Style {
        /** One line on a terminal, rewritten in place. */
        LIVE,
        /** A line now and then, for logs. */
        LOG,
        /** Nothing but the final summary. */
        OFF
    }

    private final Style style;
    private final PrintStream err;
    private final Supplier<OptionalLong> estimator;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long start;
    private final Thread thread;
    private final Object lock = new Object();
    /** Written by the export thread only (opaque), read by the progress thread (opaque). */
    @SuppressWarnings("unused")
    private long rows;
    private boolean stopped;
    private int shown;

    Progress(Style style, PrintStream err, Supplier<OptionalLong> estimator, long intervalMillis, LongSupplier clock) {
        this.style = style;
        this.err = err;
        this.estimator = estimator;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.clock = clock;
        this.start = clock.getAsLong();
        this.thread = style == Style.OFF ? null : new Thread(this::run, "rowstream-progress");
        if (thread != null) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Progress for {@code --progress auto|on|off}: auto is LIVE when stderr is a terminal, LOG when not;
     * on is LIVE always (for terminals that are not detected); off is OFF.
     */
    static Progress start(String option, PrintStream err, boolean stderrIsTerminal, Supplier<OptionalLong> estimator) {
        Style style = style(option, stderrIsTerminal);
        return new Progress(style, err, estimator, style == Style.LIVE ? LIVE_MILLIS : LOG_MILLIS, System::nanoTime);
    }

    static Style style(String option, boolean terminal) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "auto" -> terminal ? Style.LIVE : Style.LOG;
            case "on" -> Style.LIVE;
            case "off" -> Style.OFF;
            default -> throw new InvalidSpecException("--progress '" + option + "' is not one of auto, on, off");
        };
    }

    /** One more row written. Called by the export thread only. */
    void row() {
        ROWS.setOpaque(this, (long) ROWS.getOpaque(this) + 1);
    }

    /**
     * What a job tells the user while it runs: each row counts here, a notice is a line on stderr, and a
     * resumed job says where it starts ({@code resuming}: "the copy", or null to say nothing).
     */
    JobListener listener(String resuming) {
        return new JobListener() {
            @Override
            public void onStart(Strategy strategy, long resumedAfter) {
                if (resuming != null && resumedAfter > 0) {
                    say(String.format(Locale.ROOT, "rowstream: resuming %s after %d rows", resuming, resumedAfter));
                }
            }

            @Override
            public void onNotice(String message) {
                say("rowstream: " + Flags.of(message));
            }

            @Override
            public void onRow() {
                row();
            }
        };
    }

    private void say(String line) {
        synchronized (lock) {
            if (style == Style.LIVE && shown > 0) {
                err.print("\r" + " ".repeat(shown) + "\r");
                shown = 0;
            }
            err.println(line);
            err.flush();
        }
    }

    private void run() {
        // The estimate costs a connection and a lookup: here, it delays no row.
        OptionalLong estimate = OptionalLong.empty();
        synchronized (lock) {
            if (stopped) {
                return; // over before it began: no estimate needed
            }
        }
        try {
            estimate = estimator.get();
        } catch (RuntimeException e) {
            // No estimate, no percentage: progress goes on without it.
        }
        long next = start + intervalNanos;
        synchronized (lock) {
            while (!stopped) {
                long wait = next - clock.getAsLong();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                show(line((long) ROWS.getOpaque(this), clock.getAsLong() - start, estimate));
                next += intervalNanos;
            }
        }
    }

    private void show(String line) {
        if (style == Style.LIVE) {
            // Spaces over what is left of a longer line before.
            err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
            shown = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Stops; on a terminal, clears the line for the summary that follows. */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (style == Style.LIVE && shown > 0) {
                err.print("\r" + " ".repeat(shown) + "\r");
                err.flush();
                shown = 0;
            }
        }
    }

    /** {@code rowstream: 1,234,567 rows, 410,000 rows/s, 3.0s[, 45% of ~2,700,000, 4.1s left]}. */
    static String line(long rows, long elapsedNanos, OptionalLong estimate) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? rows / seconds : 0;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "rowstream: %,d rows, %,d rows/s, %s",
                rows, Math.round(rate), duration(seconds)));
        if (estimate.isPresent() && estimate.getAsLong() > 0) {
            long total = estimate.getAsLong();
            if (rows < total) {
                line.append(String.format(Locale.ROOT, ", %d%% of ~%,d", rows * 100 / total, total));
                if (rate > 0) {
                    line.append(", ").append(duration((total - rows) / rate)).append(" left");
                }
            } else {
                line.append(String.format(Locale.ROOT, ", past the estimate of ~%,d", total));
            }
        }
        return line.toString();
    }

    /** 3.0s, 2m05s, 1h02m. */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }

    /**
     * True when this process's stderr is a terminal. On Linux /proc tells exactly (so {@code > file} on
     * stdout still shows progress); elsewhere, a console on stdin and stdout is taken as the sign.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
