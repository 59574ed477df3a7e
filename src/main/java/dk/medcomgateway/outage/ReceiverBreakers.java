package dk.medcomgateway.outage;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.camel.http.base.HttpOperationFailedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per receiver, used by the delivery route's circuitBreaker
 * step (routes/deliver.yaml). It opens after N failed deliveries in a row, or when a receiver
 * has failed for M minutes; while open it lets one probe through every probe interval. Opening
 * and closing are published as {@link ReceiverDown} and {@link ReceiverBack}: the outage service
 * turns them into a detected outage and its automatic resolution.
 */
@Component
public class ReceiverBreakers {

    public record ReceiverDown(String partnerId, String lastError) {
    }

    public record ReceiverBack(String partnerId) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReceiverBreakers.class);

    private final CircuitBreakerRegistry registry;
    private final OutageProperties.Detection detection;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Instant> failingSince = new ConcurrentHashMap<>();
    private final Map<String, String> lastError = new ConcurrentHashMap<>();

    public ReceiverBreakers(OutageProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.detection = properties.detection();
        this.events = events;
        this.clock = clock;
        int n = detection.consecutiveFailures();
        // A count window of N calls that all failed is exactly "N consecutive failures".
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(n)
                .minimumNumberOfCalls(n)
                .failureRateThreshold(100)
                .waitDurationInOpenState(detection.probeInterval())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(ReceiverBreakers::meansReceiverDown)
                .build());
    }

    /**
     * Only unavailability counts towards "down": no connection, a timeout, or HTTP 502/503/504. A
     * receiver that rejects one message (4xx, 500) is up; that message is retried and then
     * dead-lettered, so one poison message cannot hold a receiver's whole queue.
     */
    public static boolean meansReceiverDown(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                return status == 502 || status == 503 || status == 504;
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** The breaker of a receiver, made on first use; bound in Camel's registry as {@code cb-<partnerId>}. */
    public CircuitBreaker forPartner(String partnerId) {
        return breakers.computeIfAbsent(partnerId, id -> {
            CircuitBreaker breaker = registry.circuitBreaker("cb-" + id);
            watch(id, breaker);
            return breaker;
        });
    }

    public boolean isOpen(String partnerId) {
        return forPartner(partnerId).getState() == CircuitBreaker.State.OPEN;
    }

    private void watch(String partnerId, CircuitBreaker breaker) {
        breaker.getEventPublisher()
                .onError(e -> failed(partnerId, breaker, e.getThrowable()))
                .onSuccess(e -> failingSince.remove(partnerId))
                .onStateTransition(e -> {
                    log.info("Receiver {} circuit {}", partnerId, e.getStateTransition());
                    switch (e.getStateTransition().getToState()) {
                        case OPEN -> {
                            if (e.getStateTransition().getFromState() == CircuitBreaker.State.CLOSED) {
                                events.publishEvent(new ReceiverDown(partnerId, lastError.getOrDefault(partnerId, "failing")));
                            }
                        }
                        case CLOSED -> {
                            failingSince.remove(partnerId);
                            events.publishEvent(new ReceiverBack(partnerId));
                        }
                        default -> {
                        }
                    }
                });
    }

    /** The "failing for M minutes" rule: a receiver that fails slowly (long back-off) is down too. */
    private void failed(String partnerId, CircuitBreaker breaker, Throwable error) {
        lastError.put(partnerId, String.valueOf(error.getMessage()));
        Instant since = failingSince.computeIfAbsent(partnerId, id -> clock.instant());
        if (breaker.getState() == CircuitBreaker.State.CLOSED
                && !clock.instant().isBefore(since.plus(detection.failingFor()))) {
            breaker.transitionToOpenState();
        }
    }
}
