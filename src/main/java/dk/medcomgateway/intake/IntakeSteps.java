package dk.medcomgateway.intake;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.ack.AcknowledgementFactory;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.message.MessageRejectedException;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.metrics.GatewayMetrics;
import dk.medcomgateway.routing.ReceiverResolver;
import dk.medcomgateway.validation.MessageValidation;
import dk.medcomgateway.validation.ValidationSummary;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The intake pipeline's steps for FHIR messages ({@code routes/intake-pipeline.yaml}, route process-message): read,
 * check for an earlier answer, validate, route, accept, and the answers to a duplicate and to a receiver's
 * acknowledgement.
 */
@Component("intakeSteps")
public class IntakeSteps implements IntakePipeline {

    private static final Logger log = LoggerFactory.getLogger(IntakeSteps.class);

    private final IncomingMessageReader reader;
    private final SenderCheck senders;
    private final MessageLedger ledger;
    private final MessageValidation validation;
    private final ReceiverResolver receivers;
    private final Acceptance acceptance;
    private final AcknowledgementIntake acknowledgements;
    private final DuplicateAnswers duplicates;
    private final AcknowledgementFactory acks;
    private final Replies replies;
    private final GatewayMetrics metrics;

    public IntakeSteps(IncomingMessageReader reader, SenderCheck senders, MessageLedger ledger, MessageValidation validation,
                       ReceiverResolver receivers, Acceptance acceptance, AcknowledgementIntake acknowledgements,
                       DuplicateAnswers duplicates, AcknowledgementFactory acks, Replies replies, GatewayMetrics metrics) {
        this.reader = reader;
        this.senders = senders;
        this.ledger = ledger;
        this.validation = validation;
        this.receivers = receivers;
        this.acceptance = acceptance;
        this.acknowledgements = acknowledgements;
        this.duplicates = duplicates;
        this.acks = acks;
        this.replies = replies;
        this.metrics = metrics;
    }

    /** The message of the exchange, or null before it was read. */
    public static IncomingMessage incoming(Exchange exchange) {
        return IntakeContext.document(exchange);
    }

    private static IntakeContext<IncomingMessage> context(Exchange exchange) {
        return IntakeContext.of(exchange);
    }

    @Override
    public void read(Exchange exchange) {
        Message in = exchange.getMessage();
        IncomingMessage message = reader.read(IntakeContext.channel(exchange), in.getHeader(Exchange.CONTENT_TYPE, String.class),
                in.getBody(byte[].class));
        senders.check(message, in.getHeader(SenderCheck.ALLOWED_SENDERS_HEADER, String.class));
        IntakeContext.start(exchange, message, message.messageHeaderId(), message.isAcknowledgement());
        metrics.received(message);
    }

    @Override
    public void answer(Exchange exchange) {
        acknowledgements.record(exchange);
    }

    @Override
    public void checkUnanswered(Exchange exchange) {
        duplicates.checkUnanswered(context(exchange));
    }

    /**
     * A Bundle.id another message used, what the parser could not read, MedCom's message rules and, unless the sender
     * is a structural partner, its profiles, decided by the validation policy: errors reject, warnings are kept in the
     * trail and counted.
     */
    @Override
    public void validate(Exchange exchange) {
        IncomingMessage message = incoming(exchange);
        ledger.rejectReusedBundleId(message);
        List<ValidationIssue> findings = metrics.timeValidation(message,
                () -> validation.check(message.bundle(), message.body(), message.readIssues()));
        metrics.validationFindings(message, findings);
        List<ValidationIssue> warnings = findings.stream().filter(i -> "warning".equals(i.severity())).toList();
        if (!warnings.isEmpty()) {
            context(exchange).warned(ValidationSummary.of(warnings));
        }
        List<ValidationIssue> errors = findings.stream().filter(ValidationIssue::isError).toList();
        if (!errors.isEmpty()) {
            throw new MessageRejectedException(errors);
        }
    }

    @Override
    public void route(Exchange exchange) {
        context(exchange).routedTo(receivers.receivers(incoming(exchange).bundle()));
    }

    @Override
    public void accept(Exchange exchange) {
        IntakeContext<IncomingMessage> context = context(exchange);
        Acceptance.Accepted accepted = acceptance.accept(context);
        replies.ack(exchange, accepted.ack(), accepted.encodedAck(), context.document().format(), AckCode.OK);
    }

    /** A MessageHeader.id already answered: the same acknowledgement again (new ids), and no delivery. */
    @Override
    public void duplicate(Exchange exchange) {
        IncomingMessage message = incoming(exchange);
        MessageLedger.StoredAck stored = duplicates.awaitStoredAck(message.messageHeaderId());
        ledger.event(stored.messageId(), null, "duplicate", "via " + message.channel() + ", Bundle.id " + message.bundleId()
                + "; answered " + stored.code() + " again, not delivered again");
        log.info("Duplicate of message {} answered {} again", message.messageHeaderId(), stored.code());
        Bundle storedAck = (Bundle) replies.codec().parse(stored.payload(), FhirFormat.fromContentType(stored.contentType()));
        replies.ack(exchange, acks.reissue(storedAck), message.format(), AckCode.fromCode(stored.code()));
        metrics.duplicate(message);
    }
}
