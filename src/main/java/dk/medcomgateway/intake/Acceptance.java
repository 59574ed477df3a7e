package dk.medcomgateway.intake;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.ack.AcknowledgementFactory;
import dk.medcomgateway.delivery.Dispatcher;
import dk.medcomgateway.discharge.DischargeFacts;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.ledger.SupportCases;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.message.MessageAccepted;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.outage.HeldDischargeNotice;
import dk.medcomgateway.routing.Partner;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepting a FHIR message: its arrival (the ledger's duplicate key), its copies, its {@code ok} acknowledgement, its
 * validation warnings' trail step and the facts its deliveries' discharge tracking needs are stored in one
 * transaction, then the copies are queued and {@link MessageAccepted} is published. A copy that does not reach its
 * queue here is queued by the recovery timer. A receiver whose discharge notices are held gets a notice in the
 * acknowledgement and a case.
 */
@Component
public class Acceptance {

    /** The acknowledgement to answer with, as a Bundle and encoded in the message's format. */
    public record Accepted(Bundle ack, byte[] encodedAck) {
    }

    private static final Logger log = LoggerFactory.getLogger(Acceptance.class);

    private final HeldDischargeNotice heldDischarge;
    private final AcknowledgementFactory acks;
    private final Replies replies;
    private final DeliveryLedger deliveries;
    private final MessageLedger ledger;
    private final TransactionTemplate transaction;
    private final SupportCases cases;
    private final Dispatcher dispatcher;
    private final ApplicationEventPublisher events;
    private final DischargeFacts dischargeFacts;

    public Acceptance(HeldDischargeNotice heldDischarge, AcknowledgementFactory acks, Replies replies, DeliveryLedger deliveries,
                      MessageLedger ledger, TransactionTemplate transaction, SupportCases cases, Dispatcher dispatcher,
                      ApplicationEventPublisher events, DischargeFacts dischargeFacts) {
        this.heldDischarge = heldDischarge;
        this.acks = acks;
        this.replies = replies;
        this.deliveries = deliveries;
        this.ledger = ledger;
        this.transaction = transaction;
        this.cases = cases;
        this.dispatcher = dispatcher;
        this.events = events;
        this.dischargeFacts = dischargeFacts;
    }

    public Accepted accept(IntakeContext<IncomingMessage> context) {
        IncomingMessage message = context.document();
        List<Partner> receivers = context.receivers();
        List<Partner> held = heldDischarge.heldReceivers(message.bundle(), receivers);
        List<ValidationIssue> notices = held.stream().map(heldDischarge::noticeFor).toList();
        Bundle ackBundle = acks.acknowledge(message.bundle(), AckCode.OK, notices);
        byte[] ack = replies.encode(ackBundle, message.format());
        List<DeliveryLedger.Dispatch> copies = transaction.execute(tx -> {
            long ledgerId = ledger.recordReceived(message);
            context.recorded(ledgerId);
            if (context.validationWarnings() != null) {
                ledger.validationWarnings(ledgerId, context.validationWarnings());
            }
            dischargeFacts.keep(ledgerId, message.bundle());
            return deliveries.accept(ledgerId, message.messageHeaderId(), message.bundleId(),
                    message.format().mediaType(), message.body(), message.patientHash(), receivers, ack);
        });
        long ledgerId = context.ledgerId();
        for (int i = 0; i < held.size(); i++) {
            cases.open(ledgerId, held.get(i).id(), "discharge-held", notices.get(i).text());
        }
        log.info("Accepted message {} ({}) from {} for {}", message.messageHeaderId(), message.eventCode(),
                message.sender(), message.receivers());
        copies.forEach(dispatcher::enqueueQuietly);
        events.publishEvent(new MessageAccepted(message, ledgerId, context.transport()));
        return new Accepted(ackBundle, ack);
    }
}
