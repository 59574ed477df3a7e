package dk.medcomgateway.intake;

import dk.medcomgateway.delivery.DeliveryTargets;
import dk.medcomgateway.envelope.EnvelopeWrapping;
import dk.medcomgateway.envelope.MessageFacts;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import jakarta.jms.BytesMessage;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * On the envelope networks the answer to an envelope is only its receipt; the MedCom
 * acknowledgement travels back as a message of its own. This queues it, durably, for the sender's
 * partner entry and hands it over in that partner's envelope (routes/return-acks.yaml).
 */
@Component("ackReturn")
public class AckReturn {

    public static final String QUEUE = "envelope.acks";
    private static final String PARTNER = "GatewayAckPartner";
    private static final String CONTENT_TYPE = "GatewayAckContentType";
    private static final String ANSWERS = "GatewayAckAnswers";
    private static final String TARGET = "gatewayAckTarget";

    private static final Logger log = LoggerFactory.getLogger(AckReturn.class);

    private final JmsTemplate jms;
    private final PartnerDirectory directory;
    private final MessageLedger ledger;
    private final DeliveryTargets targets;
    private final EnvelopeWrapping wrapping;

    public AckReturn(JmsTemplate jms, PartnerDirectory directory, MessageLedger ledger, DeliveryTargets targets, EnvelopeWrapping wrapping) {
        this.jms = jms;
        this.directory = directory;
        this.ledger = ledger;
        this.targets = targets;
        this.wrapping = wrapping;
    }

    /** Queues the gateway's acknowledgement of a message (in the message's own format) for its sender, if the directory knows it. */
    public void queue(IncomingMessage message, byte[] ack) {
        Optional<Partner> partner = directory.sender(message.bundle());
        if (partner.isEmpty()) {
            MessageFacts.Party sender = MessageFacts.of(message.bundle()).sender();
            log.warn("Acknowledgement of {} not sent back: sender {} is not in the partner directory", message.messageHeaderId(), sender.sor());
            ledger.idOf(message.messageHeaderId()).ifPresent(id -> ledger.event(id, null, "ack-not-returned",
                    "sender " + sender.sor() + " / " + sender.gln() + " is not in the partner directory"));
            return;
        }
        jms.send(QUEUE, session -> {
            BytesMessage queued = session.createBytesMessage();
            queued.writeBytes(ack);
            queued.setStringProperty(PARTNER, partner.get().id());
            queued.setStringProperty(CONTENT_TYPE, message.format().mediaType());
            queued.setStringProperty(ANSWERS, message.messageHeaderId());
            return queued;
        });
    }

    /** Route step: the acknowledgement in the sender partner's envelope, and where it goes. */
    public void prepare(Exchange exchange) {
        Message message = exchange.getMessage();
        Partner partner = directory.byId(message.getHeader(PARTNER, String.class))
                .orElseThrow(() -> new IllegalStateException("Acknowledgement queued for a partner no longer in the directory"));
        String answers = message.getHeader(ANSWERS, String.class);
        EnvelopeWrapping.Wrapped wrapped = wrapping.wrap(partner, message.getBody(byte[].class), message.getHeader(CONTENT_TYPE, String.class));
        message.getHeaders().clear();
        message.setHeader(ANSWERS, answers);
        message.setHeader(PARTNER, partner.id());
        message.setBody(wrapped.body());
        message.setHeader(Exchange.CONTENT_TYPE, wrapped.contentType());
        message.setHeader(Exchange.FILE_NAME, "ack-" + answers + (wrapped.contentType().contains("json") ? ".json" : ".xml"));
        exchange.setProperty(TARGET, targets.uriFor(partner));
    }

    /** Route step after the hand-over: the trail of the acknowledged message says so. */
    public void returned(Exchange exchange) {
        String answers = exchange.getMessage().getHeader(ANSWERS, String.class);
        String partnerId = exchange.getMessage().getHeader(PARTNER, String.class);
        ledger.idOf(answers).ifPresent(id -> ledger.event(id, partnerId, "ack-returned",
                "acknowledgement handed to the sender " + partnerId));
        log.info("Acknowledgement of {} returned to {}", answers, partnerId);
    }
}
