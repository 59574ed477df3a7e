package dk.medcomgateway.intake;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.ack.AcknowledgementFactory;
import dk.medcomgateway.delivery.Dispatcher;
import dk.medcomgateway.eds.DeliveryStatusReporter;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.ledger.SupportCases;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.message.MessageRejectedException;
import dk.medcomgateway.message.TransportEnvelope;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.metrics.GatewayMetrics;
import dk.medcomgateway.outage.HeldDischargeNotice;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.ReceiverResolver;
import dk.medcomgateway.validation.MessageValidation;
import dk.medcomgateway.validation.ValidationSummary;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the intake pipeline ({@code routes/process-message.yaml}): read, record, validate,
 * route, accept. Each step reads and writes exchange properties so the route stays a readable list.
 */
@Component("intakeSteps")
public class IntakeSteps {

    public static final String INCOMING = "gatewayIncoming";
    public static final String LEDGER_ID = "gatewayLedgerId";
    public static final String RECEIVERS = "gatewayReceivers";
    public static final String CHANNEL_HEADER = "GatewayChannel";

    private static final Logger log = LoggerFactory.getLogger(IntakeSteps.class);

    private final IncomingMessageReader reader;
    private final MessageLedger ledger;
    private final DeliveryLedger deliveries;
    private final MessageValidation validation;
    private final ReceiverResolver receivers;
    private final AcknowledgementFactory acks;
    private final Replies replies;
    private final Dispatcher dispatcher;
    private final HeldDischargeNotice heldDischarge;
    private final SupportCases cases;
    private final SenderCheck senders;
    private final GatewayMetrics metrics;
    private final DeliveryStatusReporter deliveryStatus;
    private final MessageIdClaim messageIds;

    public IntakeSteps(IncomingMessageReader reader, MessageLedger ledger, DeliveryLedger deliveries,
                       MessageValidation validation, ReceiverResolver receivers,
                       AcknowledgementFactory acks, Replies replies, Dispatcher dispatcher, HeldDischargeNotice heldDischarge,
                       SupportCases cases, SenderCheck senders, GatewayMetrics metrics, DeliveryStatusReporter deliveryStatus,
                       MessageIdClaim messageIds) {
        this.deliveryStatus = deliveryStatus;
        this.messageIds = messageIds;
        this.reader = reader;
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.validation = validation;
        this.receivers = receivers;
        this.acks = acks;
        this.replies = replies;
        this.dispatcher = dispatcher;
        this.heldDischarge = heldDischarge;
        this.cases = cases;
        this.senders = senders;
        this.metrics = metrics;
    }

    public static IncomingMessage incoming(Exchange exchange) {
        return exchange.getProperty(INCOMING, IncomingMessage.class);
    }

    public void read(Exchange exchange) {
        Message in = exchange.getMessage();
        IncomingMessage message = reader.read(in.getHeader(CHANNEL_HEADER, "http", String.class),
                in.getHeader(Exchange.CONTENT_TYPE, String.class), in.getBody(byte[].class));
        senders.check(message, in.getHeader(SenderCheck.ALLOWED_SENDERS_HEADER, String.class));
        exchange.setProperty(INCOMING, message);
        exchange.setProperty("gatewayMessageHeaderId", message.messageHeaderId());
        metrics.received(message);
    }

    /** First step after the duplicate store took the id: from here on this exchange owns it (see MessageIdClaim). */
    public void register(Exchange exchange) {
        MessageIdClaim.taken(exchange);
        exchange.setProperty(LEDGER_ID, ledger.recordReceived(incoming(exchange)));
    }

    /**
     * What the parser could not read, MedCom's message rules and, unless the sender is a structural partner, its
     * profiles, decided by the validation policy: errors reject, warnings are kept in the trail and counted.
     */
    public void validate(Exchange exchange) {
        IncomingMessage message = incoming(exchange);
        List<ValidationIssue> findings = metrics.timeValidation(message,
                () -> validation.check(message.bundle(), message.body(), message.readIssues()));
        metrics.validationFindings(message, findings);
        List<ValidationIssue> warnings = findings.stream().filter(i -> "warning".equals(i.severity())).toList();
        if (!warnings.isEmpty()) {
            ledger.event(exchange.getProperty(LEDGER_ID, Long.class), null, "validation-warnings", ValidationSummary.of(warnings));
        }
        List<ValidationIssue> errors = findings.stream().filter(ValidationIssue::isError).collect(Collectors.toList());
        if (!errors.isEmpty()) {
            throw new MessageRejectedException(errors);
        }
    }

    public void route(Exchange exchange) {
        exchange.setProperty(RECEIVERS, receivers.receivers(incoming(exchange).bundle()));
    }

    /**
     * Stores the message, its deliveries and its {@code ok} acknowledgement in one transaction,
     * then puts the copies on the receivers' queues. The acknowledgement is only sent after the
     * commit; a copy that does not reach its queue here is queued by the recovery timer.
     */
    public void accept(Exchange exchange) {
        IncomingMessage message = incoming(exchange);
        long ledgerId = exchange.getProperty(LEDGER_ID, Long.class);
        List<Partner> held = heldDischarge.heldReceivers(message.bundle(), receiversOf(exchange));
        List<ValidationIssue> notices = held.stream().map(heldDischarge::noticeFor).toList();
        Bundle ackBundle = acks.acknowledge(message.bundle(), AckCode.OK, notices);
        byte[] ack = replies.encode(ackBundle, message.format());
        List<DeliveryLedger.Dispatch> copies = deliveries.accept(ledgerId, message.messageHeaderId(), message.bundleId(),
                message.format().mediaType(), message.body(), message.patientHash(), receiversOf(exchange), ack);
        for (int i = 0; i < held.size(); i++) {
            cases.open(ledgerId, held.get(i).id(), "discharge-held", notices.get(i).text());
        }
        log.info("Accepted message {} ({}) from {} for {}", message.messageHeaderId(), message.eventCode(),
                message.sender(), message.receivers());
        copies.forEach(dispatcher::enqueueQuietly);
        deliveryStatus.received(message, ledgerId, exchange.getProperty(TransportEnvelope.PROPERTY, TransportEnvelope.class));
        replies.ack(exchange, ackBundle, ack, message.format(), AckCode.OK);
        metrics.accepted(message);
    }

    /** A MessageHeader.id already answered: the same acknowledgement again (new ids), and no delivery. */
    public void duplicate(Exchange exchange) {
        IncomingMessage message = incoming(exchange);
        MessageLedger.StoredAck stored = awaitStoredAck(message.messageHeaderId());
        ledger.event(stored.messageId(), null, "duplicate", "via " + message.channel() + ", Bundle.id " + message.bundleId()
                + "; answered " + stored.code() + " again, not delivered again");
        log.info("Duplicate of message {} answered {} again", message.messageHeaderId(), stored.code());
        Bundle storedAck = (Bundle) replies.codec().parse(stored.payload(), dk.medcomgateway.fhir.FhirFormat.fromContentType(stored.contentType()));
        replies.ack(exchange, acks.reissue(storedAck), message.format(), AckCode.fromCode(stored.code()));
        metrics.duplicate(message);
    }

    /**
     * The first copy may still be in flight (two senders racing, or a retry while the first
     * attempt is being stored): wait a little for its acknowledgement rather than guess.
     */
    public MessageLedger.StoredAck awaitStoredAck(String messageHeaderId) {
        long deadline = System.currentTimeMillis() + replies.duplicateWaitMs();
        while (true) {
            var stored = ledger.storedAck(messageHeaderId);
            if (stored.isPresent()) {
                return stored.get();
            }
            if (System.currentTimeMillis() > deadline) {
                messageIds.giveBackUnanswered(messageHeaderId);
                throw new IllegalStateException("Message " + messageHeaderId + " is still being processed; send it again later");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + messageHeaderId, e);
            }
        }
    }

    public static List<Partner> receiversOf(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Partner> list = exchange.getProperty(RECEIVERS, List.class);
        return list == null ? List.of() : list;
    }
}
