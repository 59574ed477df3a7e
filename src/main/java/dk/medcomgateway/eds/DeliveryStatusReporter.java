package dk.medcomgateway.eds;

import dk.medcomgateway.envelope.EnvelopeWrapping;
import dk.medcomgateway.envelope.MessageFacts;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.ledger.DeliveryLedger.Dispatch;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.LetterSyntax;
import dk.medcomgateway.message.MessageAccepted;
import dk.medcomgateway.message.MessageDelivered;
import dk.medcomgateway.message.TransportEnvelope;
import dk.medcomgateway.routing.PartnerDirectory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Reports the gateway's hops to EHMI Delivery Status: a message received, sent on to its receiver,
 * the receiver's eDelivery receipt and its MedCom acknowledgement received. Each event is put on the
 * durable queue {@value #QUEUE} (routes/eds-post.yaml posts them, retrying while the status service
 * is down) and shown in the message's trail. Off while gateway.eds.url is empty.
 */
@Component("deliveryStatus")
public class DeliveryStatusReporter {

    public static final String QUEUE = "eds.audit-events";

    private static final Logger log = LoggerFactory.getLogger(DeliveryStatusReporter.class);

    private final EdsProperties properties;
    private final DeliveryStatusEvents events;
    private final JmsTemplate jms;
    private final MessageLedger ledger;
    private final FhirCodec codec;
    private final PartnerDirectory directory;

    public DeliveryStatusReporter(EdsProperties properties, DeliveryStatusEvents events, JmsTemplate jms, MessageLedger ledger,
                                  FhirCodec codec, PartnerDirectory directory) {
        this.properties = properties;
        this.events = events;
        this.jms = jms;
        this.ledger = ledger;
        this.codec = codec;
        this.directory = directory;
    }

    /** The gateway took a message in (after it was stored and accepted). */
    @EventListener
    public void received(MessageAccepted accepted) {
        if (!properties.enabled()) {
            return;
        }
        MessageFacts facts = MessageFacts.of(accepted.message().bundle());
        TransportEnvelope transport = accepted.transport();
        report(accepted.ledgerId(), null, events.event(DeliveryStatusEvents.Subtype.MSG_RECEIVED, facts.sender(), facts.destination(null, null),
                DeliveryStatusEvents.Message.of(facts), transport, null, facts.patientCpr()));
    }

    /** A receiver took the message. */
    @EventListener
    public void sent(MessageDelivered delivered) {
        if (!properties.enabled()) {
            return;
        }
        if (LetterSyntax.ofStored(delivered.contentType()) != null) {
            return; // a legacy letter, which EDS does not cover
        }
        MessageFacts facts = facts(delivered.message().payload(), delivered.contentType());
        report(delivered.messageId(), delivered.partnerId(), events.event(DeliveryStatusEvents.Subtype.MSG_SENT, facts.sender(),
                receiver(facts, delivered.partnerId()), DeliveryStatusEvents.Message.of(facts), null, null, facts.patientCpr()));
    }

    /**
     * An SBDH receiver's eDelivery receipt for an envelope the gateway sent: that transfer is finalised.
     * The message is the copy being delivered, already in hand.
     */
    public void receiptReceived(Dispatch dispatch, String partnerId, String receiptId, String envelopeId) {
        if (!properties.enabled()) {
            return;
        }
        MessageFacts facts = facts(dispatch.payload(), dispatch.contentType());
        report(dispatch.messageId(), partnerId, events.event(DeliveryStatusEvents.Subtype.MSG_RECEIVED_AND_FINALIZED,
                receiver(facts, partnerId), facts.sender(), new DeliveryStatusEvents.Message(receiptId, "SBDH_Ack", "1.0", null),
                new TransportEnvelope("SBDH", envelopeId, "1.0"), DeliveryStatusEvents.Message.of(facts), null));
    }

    /** A receiver's MedCom acknowledgement of a message the gateway delivered. */
    public void acknowledgementReceived(Bundle ack, long messageId, String partnerId) {
        if (!properties.enabled()) {
            return;
        }
        fhirMessage(messageId).ifPresent(original -> {
            MessageFacts facts = MessageFacts.of(ack);
            report(messageId, partnerId, events.event(DeliveryStatusEvents.Subtype.MSG_RECEIVED, facts.sender(),
                    facts.destinations().isEmpty() ? original.sender() : facts.destinations().get(0), DeliveryStatusEvents.Message.of(facts),
                    null, DeliveryStatusEvents.Message.of(original), null));
        });
    }

    /** The receiving partner as the message names it, with the directory's codes. */
    private MessageFacts.Party receiver(MessageFacts facts, String partnerId) {
        return directory.byId(partnerId).map(p -> EnvelopeWrapping.receiver(facts, p)).orElse(facts.destination(partnerId, null));
    }

    /** The stored message's facts; empty for a legacy letter, which EDS does not cover. */
    private Optional<MessageFacts> fhirMessage(long messageId) {
        return ledger.message(messageId).filter(stored -> LetterSyntax.ofStored(stored.contentType()) == null)
                .map(stored -> facts(stored.payload(), stored.contentType()));
    }

    private MessageFacts facts(byte[] payload, String contentType) {
        return MessageFacts.of((Bundle) codec.parseWithoutNarratives(payload, FhirFormat.fromContentType(contentType)));
    }

    /**
     * Queues the event and notes it in the trail. A broker failure here must not fail the hop that
     * is being reported (the message is already stored and handled); it is logged.
     */
    private void report(long messageId, String partnerId, AuditEvent event) {
        String subtype = event.getSubtypeFirstRep().getCode();
        String profile = event.getMeta().getProfile().get(0).getValue();
        try {
            byte[] json = codec.encode(event, FhirFormat.JSON);
            jms.send(QUEUE, session -> session.createTextMessage(new String(json, StandardCharsets.UTF_8)));
            ledger.event(messageId, partnerId, "eds-" + subtype, profile.substring(profile.lastIndexOf('/') + 1) + " " + subtype
                    + " (AuditEvent " + event.getIdElement().getIdPart() + ") queued for the delivery-status service");
        } catch (RuntimeException e) {
            log.error("Delivery-status event {} for message {} could not be queued: {}", subtype, messageId, e.getMessage());
        }
    }
}
