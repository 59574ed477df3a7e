package dk.medcomgateway.metrics;

import dk.medcomgateway.ledger.DeliveryLedger.Dispatch;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.message.MessageAccepted;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import dk.medcomgateway.validation.MedComStandard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The gateway's meters, exported at {@code /actuator/prometheus} and read back for the ops page
 * ({@link OpsMetricsController}), so both show the same figures. Tag values are bounded: senders and
 * receivers are partners of the directory (else "other"), events are MedCom's event codes (else "other").
 */
@Component
public class GatewayMetrics {

    public static final String MESSAGES = "gateway.messages";
    public static final String DELIVERY_ATTEMPTS = "gateway.delivery.attempts";
    public static final String DELIVERY_LATENCY = "gateway.delivery.latency";
    public static final String QUEUE_DEPTH = "gateway.queue.depth";
    public static final String QUEUE_OLDEST_AGE = "gateway.queue.oldest.age.seconds";
    public static final String OUTAGES_OPEN = "gateway.outages.open";
    public static final String DELIVERY_FOLLOWUPS_FAILED = "gateway.delivery.followups.failed";
    public static final String VALIDATION_FINDINGS = "gateway.validation.findings";
    public static final String VALIDATION = "gateway.validation";

    static final String OTHER = "other";
    static final String UNKNOWN = "unknown";

    private static final Set<String> EVENT_CODES = Arrays.stream(MedComStandard.values())
            .map(MedComStandard::eventCode).collect(Collectors.toUnmodifiableSet());

    private final MeterRegistry registry;
    private final PartnerDirectory directory;

    public GatewayMetrics(MeterRegistry registry, PartnerDirectory directory, ReceiverQueues queues) {
        this.registry = registry;
        this.directory = directory;
        for (Partner receiver : directory.all()) {
            Gauge.builder(QUEUE_DEPTH, queues, q -> q.backlog(receiver.id()).depth())
                    .description("Copies waiting to be handed to the receiver (ledger: PENDING or QUEUED)")
                    .tag("receiver", receiver.id()).register(registry);
            Gauge.builder(QUEUE_OLDEST_AGE, queues, q -> q.backlog(receiver.id()).oldestAgeSeconds())
                    .description("How long the oldest copy waiting for the receiver has waited")
                    .tag("receiver", receiver.id()).register(registry);
        }
        Gauge.builder(OUTAGES_OPEN, queues, ReceiverQueues::openOutages)
                .description("Outages scheduled or active").register(registry);
        registerZeroes();
    }

    /**
     * Every series the directory implies, at zero from the start: rate() and absence alerts need a series before
     * its first message (Prometheus's own advice for counters whose labels are known in advance).
     */
    private void registerZeroes() {
        for (Partner partner : directory.all()) {
            for (String outcome : List.of("received", "accepted", "rejected", "duplicate", "transient")) {
                EVENT_CODES.forEach(event -> messageCounter(outcome, event, partner.id()));
            }
            for (String result : List.of("delivered", "failed", "dead-lettered")) {
                attemptCounter(partner.id(), result);
            }
        }
        messageCounter("refused", UNKNOWN, UNKNOWN);
        followUpsFailed();
    }

    /** A readable message came in (refused ones are counted by {@link #refused()}). */
    public void received(IncomingMessage message) {
        count("received", message);
    }

    @EventListener
    public void accepted(MessageAccepted accepted) {
        count("accepted", accepted.message());
    }

    public void rejected(IncomingMessage message) {
        count("rejected", message);
    }

    public void duplicate(IncomingMessage message) {
        count("duplicate", message);
    }

    /** Answered transient-error; the message may not have been read. */
    public void transientError(IncomingMessage message) {
        count("transient", message);
    }

    /** Unreadable, or sent as an organisation the partner may not send as: nothing about it is trusted. */
    public void refused() {
        count("refused", null);
    }

    /**
     * Counts each message once per rule and severity it was found with, so operators see which partners send
     * which warnings (and can raise a rule to an error for a partner whose messages are clean). Rules are the
     * validator's message ids and the profiles' invariants: a bounded set.
     */
    public void validationFindings(IncomingMessage message, List<ValidationIssue> findings) {
        findings.stream().filter(f -> "error".equals(f.severity()) || "warning".equals(f.severity()))
                .map(f -> List.of(f.rule() == null ? "unnamed" : f.rule(), f.severity())).distinct()
                .forEach(ruleAndSeverity -> Counter.builder(VALIDATION_FINDINGS)
                        .description("Messages with a validation finding, by sender, rule and the severity the validation policy gave it")
                        .tag("sender", sender(message))
                        .tag("rule", ruleAndSeverity.get(0))
                        .tag("severity", ruleAndSeverity.get(1))
                        .register(registry).increment());
    }

    /**
     * Times the intake's validation of a message (parser findings, message rules, profiles, policy), by the
     * message's standard (its title, else "other") and the level the sender is on ("profile" or "structural":
     * a partner on structural validation skips the profiles, and a sender not in the directory gets them).
     */
    public <T> T timeValidation(IncomingMessage message, Supplier<T> validation) {
        Bundle bundle = message == null ? null : message.bundle();
        return Timer.builder(VALIDATION)
                .description("The intake's validation of a message, by standard and validation level")
                .tag("standard", bundle == null ? OTHER : MedComStandard.of(bundle).map(MedComStandard::title).orElse(OTHER))
                .tag("level", bundle != null && directory.sender(bundle).map(Partner::validation)
                        .orElse(Partner.Validation.PROFILE) == Partner.Validation.STRUCTURAL ? "structural" : "profile")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(validation);
    }

    public void delivered(Dispatch dispatch) {
        attempt(dispatch, "delivered");
        if (dispatch.messageReceivedAt() != null) {
            Timer.builder(DELIVERY_LATENCY)
                    .description("From the message's arrival to its hand-over to the receiver")
                    .tag("receiver", receiver(dispatch))
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(max0(Duration.between(dispatch.messageReceivedAt(), OffsetDateTime.now())));
        }
    }

    public void attemptFailed(Dispatch dispatch) {
        attempt(dispatch, "failed");
    }

    public void deadLettered(Dispatch dispatch) {
        attempt(dispatch, "dead-lettered");
    }

    /** A receiver took a message, and following that up (tracking, receipts, its acknowledgement) failed. */
    public void followUpFailed() {
        followUpsFailed().increment();
    }

    private Counter followUpsFailed() {
        return Counter.builder(DELIVERY_FOLLOWUPS_FAILED)
                .description("Deliveries and acceptances whose follow-up (tracking, receipts, delivery-status events, escort replies, the answered acknowledgement) failed")
                .register(registry);
    }

    private void attempt(Dispatch dispatch, String result) {
        attemptCounter(receiver(dispatch), result).increment();
    }

    private Counter attemptCounter(String receiver, String result) {
        return Counter.builder(DELIVERY_ATTEMPTS).description("Hand-overs to receivers, by result")
                .tag("receiver", receiver).tag("result", result).register(registry);
    }

    private void count(String outcome, IncomingMessage message) {
        messageCounter(outcome, event(message), sender(message)).increment();
    }

    private Counter messageCounter(String outcome, String event, String sender) {
        return Counter.builder(MESSAGES).description("Messages taken in, by outcome")
                .tag("outcome", outcome)
                .tag("event", event)
                .tag("sender", sender)
                .register(registry);
    }

    private static String event(IncomingMessage message) {
        if (message == null || message.eventCode() == null) {
            return UNKNOWN;
        }
        return EVENT_CODES.contains(message.eventCode()) ? message.eventCode() : OTHER;
    }

    private String sender(IncomingMessage message) {
        if (message == null || message.sender() == null) {
            return UNKNOWN;
        }
        return directory.byCode(message.sender())
                .map(Partner::id).orElse(OTHER);
    }

    private String receiver(Dispatch dispatch) {
        return directory.byId(dispatch.partnerId()).map(Partner::id).orElse(OTHER);
    }

    private static Duration max0(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
