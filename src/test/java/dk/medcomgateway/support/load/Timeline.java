package dk.medcomgateway.support.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A step's messages accepted and delivered per interval of its sending time. A step's averages cannot tell a
 * sustained rate from one still climbing while the JIT compiles the hot path (minutes on two cores under load) or one
 * falling as a backlog builds; the intervals can. Deliveries after the senders stopped (the drain) are left out.
 */
final class Timeline {

    /** One interval: its start in seconds from the step's start and its rates. */
    record Interval(long fromSecond, double acceptedPerSecond, double deliveredPerSecond) {
    }

    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final long start;
    private final AtomicLongArray accepted;
    private final AtomicLongArray delivered;

    /** A timeline of a step that starts at {@code start} (System.nanoTime) and sends for at most {@code duration}. */
    Timeline(long start, Duration duration) {
        this.start = start;
        int intervals = (int) Math.min(100_000, duration.toNanos() / INTERVAL.toNanos() + 1);
        this.accepted = new AtomicLongArray(intervals);
        this.delivered = new AtomicLongArray(intervals);
    }

    void accepted(long at) {
        count(accepted, at);
    }

    void delivered(long at) {
        count(delivered, at);
    }

    private void count(AtomicLongArray counts, long at) {
        long index = Math.floorDiv(at - start, INTERVAL.toNanos());
        if (index >= 0 && index < counts.length()) {
            counts.incrementAndGet((int) index);
        }
    }

    /** The whole intervals before {@code sendEnd} (System.nanoTime), in order. */
    List<Interval> intervals(long sendEnd) {
        long whole = Math.min(accepted.length(), (sendEnd - start) / INTERVAL.toNanos());
        double seconds = INTERVAL.toSeconds();
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < whole; i++) {
            intervals.add(new Interval(i * INTERVAL.toSeconds(), accepted.get(i) / seconds, delivered.get(i) / seconds));
        }
        return intervals;
    }
}
