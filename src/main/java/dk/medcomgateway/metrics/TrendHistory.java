package dk.medcomgateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The last hour of the ops page's figures, for its trend chart ({@code GET /api/ops/trends}). Every
 * {@code gateway.metrics.trend-interval} it reads the meters the page and {@code /actuator/prometheus} read:
 * messages received ({@code gateway.messages{outcome=received}}), delivered
 * ({@code gateway.delivery.attempts{result=delivered}}) and refused ({@code gateway.messages{outcome=rejected|refused}}:
 * answered fatal-error, or refused as unreadable or not the sender's to send), each per minute over the
 * {@code gateway.metrics.rate-window} before the sample as the page's last-minute figures are (or over the time since
 * the sample before, when the interval is longer), and each receiver's {@code gateway.queue.depth}.
 *
 * <p>The samples are a ring in memory of at most one hour's worth (3600 s / the interval), and samples older than
 * an hour by the gateway's clock are dropped, so the history never grows. It starts empty when the gateway starts,
 * and each instance of a cluster keeps its own: its own counters, and the shared ledger's queue depths.
 */
@Component
public class TrendHistory {

    /** How far back the history reaches. */
    public static final Duration SPAN = Duration.ofHours(1);
    private static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);

    /**
     * One sample: messages per minute over the rate window before it, and the receivers with copies waiting and
     * how many (a receiver not listed had none).
     */
    public record Sample(Instant at, double inPerMinute, double outPerMinute, double refusedPerMinute,
                         Map<String, Long> queueDepths) {
    }

    /** What the ops page draws: the samples of the last hour, oldest first, as of {@code at}. */
    public record Trends(Instant at, long intervalSeconds, List<Sample> samples) {
    }

    /** The counters' totals at a sample: the baselines of later samples' rates. */
    private record Totals(Instant at, double in, double out, double refused) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration interval;
    private final Duration rateWindow;
    private final int capacity;
    private final Deque<Sample> samples = new ArrayDeque<>();
    /** The totals of the newest sample at least a rate window old and of those after it, oldest first. */
    private final Deque<Totals> baselines = new ArrayDeque<>();

    public TrendHistory(MeterRegistry registry, Clock clock, MetricsProperties properties) {
        this.registry = registry;
        this.clock = clock;
        this.interval = properties.trendInterval();
        this.rateWindow = properties.rateWindow();
        if (interval.compareTo(SHORTEST_INTERVAL) < 0 || interval.compareTo(SPAN) > 0) {
            throw new IllegalArgumentException("gateway.metrics.trend-interval must be between 1s and 1h, not " + interval);
        }
        this.capacity = (int) Math.ceil(SPAN.toMillis() / (double) interval.toMillis());
        this.baselines.add(totals(clock.instant()));
    }

    /** Takes one sample; Spring's scheduler calls this every {@code gateway.metrics.trend-interval}. */
    @Scheduled(fixedRateString = "${gateway.metrics.trend-interval:15s}")
    public void sample() {
        Instant now = clock.instant();
        // The meters first, outside the lock: a queue depth may need a look in the ledger.
        Totals totals = totals(now);
        Map<String, Long> queueDepths = queueDepths();
        synchronized (this) {
            if (!now.isAfter(baselines.peekLast().at())) {
                // The clock went back: samples ahead of it are not the last hour's, and there is no rate to give.
                samples.removeIf(s -> !s.at().isBefore(now));
                baselines.clear();
                baselines.add(totals);
                return;
            }
            Totals baseline = baseline(now);
            // Over the whole window even just after start, as the page's last-minute figures count.
            double minutes = Math.max(rateWindow.toMillis(), Duration.between(baseline.at(), now).toMillis()) / 60_000.0;
            samples.addLast(new Sample(now, perMinute(totals.in() - baseline.in(), minutes),
                    perMinute(totals.out() - baseline.out(), minutes), perMinute(totals.refused() - baseline.refused(), minutes),
                    queueDepths));
            while (samples.size() > capacity) {
                samples.removeFirst();
            }
            dropOlderThanAnHour(now);
            baselines.addLast(totals);
            Instant windowStart = now.minus(rateWindow);
            while (baselines.size() > capacity + 1
                    || baselines.size() > 1 && !baselines.stream().skip(1).findFirst().orElseThrow().at().isAfter(windowStart)) {
                baselines.removeFirst();
            }
        }
    }

    /** The newest totals at least a rate window old, else the oldest there are (the gateway started less than a window ago). */
    private Totals baseline(Instant now) {
        Instant windowStart = now.minus(rateWindow);
        Totals baseline = baselines.peekFirst();
        for (Totals totals : baselines) {
            if (totals.at().isAfter(windowStart)) {
                break;
            }
            baseline = totals;
        }
        return baseline;
    }

    /** The last hour's samples, oldest first. */
    public synchronized Trends trends() {
        Instant now = clock.instant();
        dropOlderThanAnHour(now);
        return new Trends(now, interval.toSeconds(), List.copyOf(samples));
    }

    private void dropOlderThanAnHour(Instant now) {
        Instant cutoff = now.minus(SPAN);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(cutoff)) {
            samples.removeFirst();
        }
    }

    private Totals totals(Instant at) {
        return new Totals(at,
                sum(registry.find(GatewayMetrics.MESSAGES).tag("outcome", "received").counters()),
                sum(registry.find(GatewayMetrics.DELIVERY_ATTEMPTS).tag("result", "delivered").counters()),
                sum(registry.find(GatewayMetrics.MESSAGES).tag("outcome", "rejected").counters())
                        + sum(registry.find(GatewayMetrics.MESSAGES).tag("outcome", "refused").counters()));
    }

    /** The receivers with copies waiting, by id. */
    private Map<String, Long> queueDepths() {
        Map<String, Long> depths = new TreeMap<>();
        for (Gauge gauge : registry.find(GatewayMetrics.QUEUE_DEPTH).gauges()) {
            String receiver = gauge.getId().getTag("receiver");
            double depth = gauge.value();
            if (receiver != null && depth >= 1) {
                depths.put(receiver, Math.round(depth));
            }
        }
        return Collections.unmodifiableMap(depths);
    }

    private static double sum(Iterable<Counter> counters) {
        double sum = 0;
        for (Counter counter : counters) {
            sum += counter.count();
        }
        return sum;
    }

    private static double perMinute(double increase, double minutes) {
        return Math.round(Math.max(0, increase) / minutes * 10) / 10.0;
    }
}
