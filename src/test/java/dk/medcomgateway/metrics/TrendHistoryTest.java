package dk.medcomgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ops page's trend history on a clock the test moves: rates per sample, queue depths per receiver, one hour kept. */
class TrendHistoryTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final SteppedClock clock = new SteppedClock();
    private final AtomicLong herlevQueue = new AtomicLong();
    private final AtomicLong hospitalQueue = new AtomicLong();

    TrendHistoryTest() {
        Gauge.builder(GatewayMetrics.QUEUE_DEPTH, herlevQueue, AtomicLong::get).tag("receiver", "herlev").register(registry);
        Gauge.builder(GatewayMetrics.QUEUE_DEPTH, hospitalQueue, AtomicLong::get).tag("receiver", "hospital").register(registry);
    }

    private TrendHistory history(Duration interval) {
        return new TrendHistory(registry, clock, new MetricsProperties(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMinutes(1), Duration.ofDays(7), Duration.ofMinutes(1), interval));
    }

    private Counter messages(String outcome, String sender) {
        return registry.counter(GatewayMetrics.MESSAGES, "outcome", outcome, "event", "hospital-notification-message", "sender", sender);
    }

    private Counter delivered(String receiver) {
        return registry.counter(GatewayMetrics.DELIVERY_ATTEMPTS, "receiver", receiver, "result", "delivered");
    }

    @Test
    void each_sample_gives_the_messages_per_minute_over_the_minute_before_it_as_the_page_counts_them() {
        TrendHistory history = history(Duration.ofSeconds(15));

        messages("received", "herlev").increment(3);
        messages("received", "hospital").increment(1);
        delivered("herlev").increment(2);
        registry.counter(GatewayMetrics.DELIVERY_ATTEMPTS, "receiver", "herlev", "result", "failed").increment(5);
        messages("rejected", "herlev").increment();
        registry.counter(GatewayMetrics.MESSAGES, "outcome", "refused", "event", "unknown", "sender", "unknown").increment();
        messages("accepted", "herlev").increment(3);
        clock.advance(Duration.ofSeconds(15));
        history.sample();
        clock.advance(Duration.ofSeconds(30));
        delivered("hospital").increment(1);
        history.sample();
        clock.advance(Duration.ofSeconds(30));
        history.sample();

        List<TrendHistory.Sample> samples = history.trends().samples();
        assertThat(samples).hasSize(3);
        TrendHistory.Sample first = samples.get(0);
        assertThat(first.inPerMinute()).as("15 s after start: what came in, over a whole minute").isEqualTo(4.0);
        assertThat(first.outPerMinute()).as("failed attempts are not deliveries").isEqualTo(2.0);
        assertThat(first.refusedPerMinute()).as("answered fatal-error, and refused unread").isEqualTo(2.0);
        TrendHistory.Sample second = samples.get(1);
        assertThat(second.inPerMinute()).as("still within the minute after start").isEqualTo(4.0);
        assertThat(second.outPerMinute()).isEqualTo(3.0);
        assertThat(second.refusedPerMinute()).isEqualTo(2.0);
        TrendHistory.Sample third = samples.get(2);
        assertThat(third.inPerMinute()).as("the minute since the first sample").isZero();
        assertThat(third.outPerMinute()).isEqualTo(1.0);
        assertThat(third.refusedPerMinute()).isZero();
        assertThat(third.at()).isAfter(second.at()).isEqualTo(clock.instant());
        assertThat(history.trends().intervalSeconds()).isEqualTo(15);
    }

    @Test
    void with_an_interval_longer_than_a_minute_the_rates_are_over_the_interval() {
        TrendHistory history = history(Duration.ofMinutes(2));
        messages("received", "herlev").increment(10);
        clock.advance(Duration.ofMinutes(2));
        history.sample();
        messages("received", "herlev").increment(3);
        clock.advance(Duration.ofMinutes(2));
        history.sample();

        assertThat(history.trends().samples()).extracting(TrendHistory.Sample::inPerMinute).containsExactly(5.0, 1.5);
    }

    @Test
    void each_sample_lists_the_receivers_with_copies_waiting_so_each_has_a_series() {
        TrendHistory history = history(Duration.ofSeconds(15));
        long[] herlev = {0, 4, 7, 2, 0};
        long[] hospital = {1, 1, 0, 0, 0};
        for (int i = 0; i < herlev.length; i++) {
            herlevQueue.set(herlev[i]);
            hospitalQueue.set(hospital[i]);
            clock.advance(Duration.ofSeconds(15));
            history.sample();
        }

        List<Map<String, Long>> depths = history.trends().samples().stream().map(TrendHistory.Sample::queueDepths).toList();
        assertThat(depths).containsExactly(
                Map.of("hospital", 1L),
                Map.of("herlev", 4L, "hospital", 1L),
                Map.of("herlev", 7L),
                Map.of("herlev", 2L),
                Map.of());
        assertThat(depths.stream().map(d -> d.getOrDefault("herlev", 0L)).toList()).containsExactly(0L, 4L, 7L, 2L, 0L);
    }

    @Test
    void it_keeps_one_hour_of_samples_at_most_newest_last() {
        TrendHistory history = history(Duration.ofSeconds(15));
        for (int i = 0; i < 1000; i++) {
            messages("received", "herlev").increment(i % 7);
            clock.advance(Duration.ofSeconds(15));
            history.sample();
        }

        TrendHistory.Trends trends = history.trends();
        assertThat(trends.samples()).hasSize(3600 / 15);
        assertThat(trends.samples().get(trends.samples().size() - 1).at()).isEqualTo(clock.instant());
        assertThat(trends.samples().get(0).at()).isAfterOrEqualTo(clock.instant().minus(TrendHistory.SPAN));
        for (int i = 1; i < trends.samples().size(); i++) {
            assertThat(trends.samples().get(i).at()).isAfter(trends.samples().get(i - 1).at());
        }
    }

    @Test
    void samples_older_than_an_hour_are_dropped_even_when_no_new_one_came() {
        TrendHistory history = history(Duration.ofSeconds(30));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(30));
            history.sample();
        }
        assertThat(history.trends().samples()).hasSize(10);

        clock.advance(Duration.ofMinutes(58));
        assertThat(history.trends().samples()).as("08:03:00 to 08:05:00, at 09:03:00").hasSize(5);
        clock.advance(Duration.ofMinutes(5));
        assertThat(history.trends().samples()).isEmpty();

        messages("received", "herlev").increment(10);
        history.sample();
        assertThat(history.trends().samples()).singleElement()
                .satisfies(s -> assertThat(s.inPerMinute()).as("ten messages over the 63 minutes since the last sample").isEqualTo(0.2));
    }

    @Test
    void when_the_clock_goes_back_the_samples_ahead_of_it_go() {
        TrendHistory history = history(Duration.ofSeconds(15));
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(15));
            history.sample();
        }

        clock.advance(Duration.ofSeconds(-20));
        history.sample();
        assertThat(history.trends().samples()).hasSize(2).allSatisfy(s -> assertThat(s.at()).isBefore(clock.instant()));

        messages("received", "herlev").increment(5);
        clock.advance(Duration.ofSeconds(15));
        history.sample();
        assertThat(history.trends().samples()).hasSize(3).last().satisfies(s -> assertThat(s.inPerMinute()).isEqualTo(5.0));
    }

    /** Stands still until the test moves it. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-03-05T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Europe/Copenhagen");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void an_interval_under_a_second_is_refused_as_it_would_keep_too_many_samples() {
        assertThatThrownBy(() -> history(Duration.ofMillis(100))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway.metrics.trend-interval");
    }
}
