package dk.medcomgateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Messages per minute in and out, for the ops page: the registry's own counters
 * ({@code gateway.messages} received, {@code gateway.delivery.attempts} delivered) sampled every
 * {@code gateway.metrics.rate-sample-every} and differenced over {@code gateway.metrics.rate-window},
 * the way Prometheus's {@code rate()} reads the same counters.
 */
@Component
public class MessageRates {

    static final String IN = "in";
    static final String OUT = "out";

    private record Sample(long atMillis, Map<String, Double> totals) {
    }

    private final MeterRegistry registry;
    private final long windowMillis;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public MessageRates(MeterRegistry registry, MetricsProperties properties) {
        this.registry = registry;
        this.windowMillis = properties.rateWindow().toMillis();
    }

    @Scheduled(fixedRateString = "${gateway.metrics.rate-sample-every:5s}")
    public synchronized void sample() {
        long now = registry.config().clock().wallTime();
        samples.addLast(new Sample(now, totals()));
        // Keep the newest sample that is at least a window old: it is the baseline of the rates.
        while (samples.size() > 1 && (samples.stream().skip(1).findFirst().orElseThrow().atMillis() <= now - windowMillis)) {
            samples.removeFirst();
        }
    }

    /** Messages received per minute. */
    public double inPerMinute() {
        return perMinute(IN);
    }

    /** Messages handed over to receivers per minute. */
    public double outPerMinute() {
        return perMinute(OUT);
    }

    /** Messages handed over to the receiver per minute. */
    public double outPerMinute(String receiver) {
        return perMinute(OUT + ":" + receiver);
    }

    private synchronized double perMinute(String key) {
        long now = registry.config().clock().wallTime();
        Sample baseline = samples.peekFirst();
        double then = baseline == null ? 0 : baseline.totals().getOrDefault(key, 0.0);
        long since = baseline == null ? windowMillis : Math.max(windowMillis, now - baseline.atMillis());
        double perMinute = (totals().getOrDefault(key, 0.0) - then) * 60_000.0 / since;
        return Math.round(perMinute * 10) / 10.0;
    }

    private Map<String, Double> totals() {
        Map<String, Double> totals = new HashMap<>();
        totals.put(IN, sum(registry.find(GatewayMetrics.MESSAGES).tag("outcome", "received")));
        for (Counter delivered : registry.find(GatewayMetrics.DELIVERY_ATTEMPTS).tag("result", "delivered").counters()) {
            totals.merge(OUT, delivered.count(), Double::sum);
            totals.merge(OUT + ":" + delivered.getId().getTag("receiver"), delivered.count(), Double::sum);
        }
        return totals;
    }

    private static double sum(Search search) {
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The sampling above runs on Spring's scheduler. */
    @Configuration
    @EnableScheduling
    static class Sampling {
    }
}
