package dk.medcomgateway.delivery;

import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.ledger.SupportCases;
import dk.medcomgateway.message.StoredMessage;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * MedCom's reliable-messaging rule: a delivered message with no acknowledgement within the
 * timeout is sent again with a new Bundle.id and the same MessageHeader.id (so the receiver can
 * tell it is the same message), a limited number of times; then a person has to look at it.
 * Run by routes/ack-timeout.yaml.
 */
@Component("ackTimeoutWatch")
public class AckTimeoutWatch {

    private static final Logger log = LoggerFactory.getLogger(AckTimeoutWatch.class);

    private final DeliveryLedger deliveries;
    private final MessageLedger messages;
    private final SupportCases cases;
    private final Dispatcher dispatcher;
    private final ResendCopies copies;
    private final GatewayProperties.Acknowledgement settings;

    public AckTimeoutWatch(DeliveryLedger deliveries, MessageLedger messages, SupportCases cases, Dispatcher dispatcher,
                           ResendCopies copies, GatewayProperties properties) {
        this.deliveries = deliveries;
        this.messages = messages;
        this.cases = cases;
        this.dispatcher = dispatcher;
        this.copies = copies;
        this.settings = properties.acknowledgement();
    }

    public void resendOverdue() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusNanos(settings.timeoutMs() * 1_000_000);
        for (DeliveryLedger.Unanswered delivery : deliveries.unansweredSince(cutoff)) {
            if (delivery.resendCount() < settings.maxResends()) {
                resend(delivery);
            } else {
                deliveries.markUnanswered(delivery);
                cases.open(delivery.messageId(), delivery.partnerId(), "no-acknowledgement",
                        "No acknowledgement from " + delivery.partnerId() + " after " + delivery.resendCount() + " resend(s)");
                log.warn("Message {} to {} still unacknowledged after {} resends; support case opened",
                        delivery.messageId(), delivery.partnerId(), delivery.resendCount());
            }
        }
    }

    private void resend(DeliveryLedger.Unanswered delivery) {
        StoredMessage stored = messages.message(delivery.messageId()).orElseThrow();
        ResendCopies.Copy resent = copies.of(stored);
        String newBundleId = resent.bundleId();
        DeliveryLedger.Dispatch copy = deliveries.resend(delivery.deliveryId(), newBundleId, resent.payload(),
                "no acknowledgement within " + settings.timeoutMs() / 1000 + " s, resend " + (delivery.resendCount() + 1)
                        + " of " + settings.maxResends());
        log.info("Resending message {} to {} with new Bundle.id {}", stored.messageHeaderId(), delivery.partnerId(), newBundleId);
        dispatcher.enqueueQuietly(copy);
    }
}
