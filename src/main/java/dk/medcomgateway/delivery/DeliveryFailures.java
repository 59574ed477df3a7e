package dk.medcomgateway.delivery;

import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.ledger.SupportCases;
import dk.medcomgateway.metrics.GatewayMetrics;
import dk.medcomgateway.privacy.CprMask;
import dk.medcomgateway.outage.ReceiverBreakers;
import dk.medcomgateway.outage.ReceiverHeldException;
import dk.medcomgateway.outage.ReceiverHolds;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Records failed delivery attempts in the trail (the dead-letter channel's onRedelivery) and
 * a message's move to its receiver's dead-letter queue (onPrepareFailure), with a support case.
 */
@Component
public class DeliveryFailures {

    private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);

    private final MessageLedger messages;
    private final DeliveryLedger deliveries;
    private final SupportCases cases;
    private final GatewayMetrics metrics;
    private final ReceiverHolds holds;

    public DeliveryFailures(MessageLedger messages, DeliveryLedger deliveries, SupportCases cases, GatewayMetrics metrics,
                            ReceiverHolds holds) {
        this.messages = messages;
        this.deliveries = deliveries;
        this.cases = cases;
        this.metrics = metrics;
        this.holds = holds;
    }

    public void attemptFailed(Exchange exchange) {
        DeliveryLedger.Dispatch dispatch = DeliverySteps.dispatch(exchange);
        if (dispatch == null) {
            return;
        }
        int attempt = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        String reason = reason(exchange);
        if (!isHold(exchange)) {
            metrics.attemptFailed(dispatch);
        }
        messages.event(dispatch.messageId(), dispatch.partnerId(), "attempt-failed", "attempt " + attempt + ": " + reason);
        log.warn("Delivery of message {} to {} failed (attempt {}): {}", dispatch.messageHeaderId(), dispatch.partnerId(), attempt, reason);
    }

    /** Whether a delivery failed only because its receiver is held: then it goes back to its queue, not to the DLQ. */
    public boolean isHold(Exchange exchange) {
        for (Throwable t = caught(exchange); t != null; t = t.getCause()) {
            if (t instanceof CallNotPermittedException || t instanceof ReceiverHeldException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a message whose retry budget is spent goes back to its queue instead of the DLQ: it failed
     * because its receiver is held, or its last attempt was the probe of a receiver that is down (the
     * probe failed, the breaker is open again). A receiver that is down holds its messages; it never
     * dead-letters them.
     */
    public boolean staysQueued(Exchange exchange) {
        if (isHold(exchange)) {
            return true;
        }
        DeliveryLedger.Dispatch dispatch = DeliverySteps.dispatch(exchange);
        return dispatch != null && ReceiverBreakers.meansReceiverDown(caught(exchange)) && holds.isHeld(dispatch.partnerId());
    }

    public void deadLettered(Exchange exchange) {
        if (staysQueued(exchange)) {
            return;
        }
        DeliveryLedger.Dispatch dispatch = DeliverySteps.dispatch(exchange);
        String reason = reason(exchange);
        if (dispatch == null) {
            log.error("Unreadable queue message dead-lettered: {}", reason);
            return;
        }
        metrics.deadLettered(dispatch);
        deliveries.markDeadLettered(dispatch, "retry budget spent; last error: " + reason);
        cases.open(dispatch.messageId(), dispatch.partnerId(), "dead-lettered",
                "Delivery to " + dispatch.partnerId() + " failed after all retries: " + reason);
        log.error("Message {} for {} moved to its dead-letter queue: {}", dispatch.messageHeaderId(), dispatch.partnerId(), reason);
    }

    private static Exception caught(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return e != null ? e : exchange.getException();
    }

    /** The failure as the trail shows it; the circuit breaker step wraps the receiver's error, so look inside. */
    private static String reason(Exchange exchange) {
        Exception e = caught(exchange);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return "HTTP " + http.getStatusCode() + (http.getStatusText() == null ? "" : " " + http.getStatusText());
            }
        }
        Throwable root = e;
        while (root != null && root.getCause() != null && root instanceof org.apache.camel.RuntimeCamelException) {
            root = root.getCause();
        }
        return root == null ? "unknown" : CprMask.mask(root.getClass().getSimpleName() + ": " + root.getMessage());
    }
}

/** The two hooks the dead-letter channel in routes/deliver.yaml refers to by name. */
@Configuration
class DeliveryFailureHooks {

    @Bean
    Processor deliveryAttemptFailed(DeliveryFailures failures) {
        return failures::attemptFailed;
    }

    @Bean
    Processor deliveryDeadLettered(DeliveryFailures failures) {
        return failures::deadLettered;
    }
}
