package dk.medcomgateway.outage;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/** When a receiver counts as down: its circuit breaker's rules. */
class ReceiverBreakersTest {

    private final MutableClock clock = new MutableClock(ZoneId.of("Europe/Copenhagen"));
    private final List<Object> events = new ArrayList<>();
    private final ReceiverBreakers breakers = new ReceiverBreakers(new OutageProperties(Duration.ofHours(2), Duration.ofHours(1),
            Duration.ZERO, 10, 15000, new OutageProperties.Detection(5, Duration.ofMinutes(10), Duration.ofMinutes(1))),
            events::add, clock);

    private static Throwable http(int status) {
        return new RuntimeCamelException(new HttpOperationFailedException("http://x", status, "", null, null, ""));
    }

    private void fail(CircuitBreaker breaker, Throwable error) {
        breaker.onError(10, TimeUnit.MILLISECONDS, error);
    }

    @Test
    void five_unavailable_deliveries_in_a_row_mean_the_receiver_is_down() {
        CircuitBreaker breaker = breakers.forPartner("a");
        for (int i = 0; i < 4; i++) {
            fail(breaker, http(503));
        }
        assertThat(breakers.isOpen("a")).isFalse();

        fail(breaker, new ConnectException("refused"));

        assertThat(breakers.isOpen("a")).isTrue();
        assertThat(events).containsExactly(new ReceiverBreakers.ReceiverDown("a", "refused"));
    }

    @Test
    void a_success_between_failures_starts_the_count_again() {
        CircuitBreaker breaker = breakers.forPartner("b");
        for (int i = 0; i < 4; i++) {
            fail(breaker, http(504));
        }
        breaker.onSuccess(10, TimeUnit.MILLISECONDS);
        for (int i = 0; i < 4; i++) {
            fail(breaker, http(502));
        }
        assertThat(breakers.isOpen("b")).isFalse();
    }

    @Test
    void a_receiver_failing_for_ten_minutes_is_down_even_with_fewer_failures() {
        CircuitBreaker breaker = breakers.forPartner("c");
        fail(breaker, new IOException("timeout"));
        clock.advance(Duration.ofMinutes(9));
        fail(breaker, new IOException("timeout"));
        assertThat(breakers.isOpen("c")).isFalse();

        clock.advance(Duration.ofMinutes(1));
        fail(breaker, new IOException("timeout"));

        assertThat(breakers.isOpen("c")).isTrue();
    }

    @Test
    void a_receiver_rejecting_messages_is_not_down() {
        CircuitBreaker breaker = breakers.forPartner("d");
        for (int i = 0; i < 10; i++) {
            fail(breaker, http(i % 2 == 0 ? 500 : 400));
        }
        assertThat(breakers.isOpen("d")).isFalse();
        assertThat(events).isEmpty();
    }
}
