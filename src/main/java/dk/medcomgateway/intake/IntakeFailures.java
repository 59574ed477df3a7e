package dk.medcomgateway.intake;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.ack.AcknowledgementFactory;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.AlreadyAnsweredException;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.message.MessageRejectedException;
import dk.medcomgateway.message.RefusedMessageException;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.metrics.GatewayMetrics;
import dk.medcomgateway.privacy.CprMask;
import java.util.List;
import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the intake answers when a message cannot be accepted (the doCatch handlers of
 * routes/intake-pipeline.yaml). Content problems get a fatal-error
 * acknowledgement that is stored with the message's arrival in one transaction, so a resend of
 * the same message gets the same answer; problems of the gateway's own get a transient-error and
 * leave nothing in the ledger's duplicate key, so the sender's retry is processed afresh.
 */
@Component("intakeFailures")
public class IntakeFailures implements IntakePipeline.Failures {

    private static final Logger log = LoggerFactory.getLogger(IntakeFailures.class);

    private final AcknowledgementFactory acks;
    private final Replies replies;
    private final MessageLedger ledger;
    private final IntakeSteps steps;
    private final TransactionTemplate transaction;
    private final GatewayMetrics metrics;

    public IntakeFailures(AcknowledgementFactory acks, Replies replies, MessageLedger ledger, IntakeSteps steps,
                          TransactionTemplate transaction, GatewayMetrics metrics) {
        this.acks = acks;
        this.replies = replies;
        this.ledger = ledger;
        this.steps = steps;
        this.transaction = transaction;
        this.metrics = metrics;
    }

    @Override
    public void refused(Exchange exchange) {
        RefusedMessageException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RefusedMessageException.class);
        String channel = IntakeContext.channel(exchange);
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        log.warn("Message via {} refused: {}", channel, e.getMessage());
        try {
            ledger.recordRefused(channel, contentType, e.getMessage());
        } catch (RuntimeException ledgerDown) {
            log.warn("Could not record the refused message in the ledger: {}", ledgerDown.getMessage());
        }
        FhirFormat format = FhirFormat.fromContentType(contentType);
        replies.resource(exchange, outcome(OperationOutcome.IssueType.STRUCTURE, e.getMessage()),
                format == null ? FhirFormat.JSON : format, e.httpStatus());
        exchange.getMessage().setHeader(Replies.ACK_CODE_HEADER, "unreadable");
        metrics.refused();
    }

    @Override
    public void rejected(Exchange exchange) {
        MessageRejectedException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, MessageRejectedException.class);
        IncomingMessage message = IntakeSteps.incoming(exchange);
        List<ValidationIssue> issues = e.issues();
        Bundle ackBundle = acks.acknowledge(message.bundle(), AckCode.FATAL_ERROR, issues);
        byte[] ack = replies.encode(ackBundle, message.format());
        IntakeContext<IncomingMessage> context = IntakeContext.of(exchange);
        if (context.unanswered()) {
            try {
                transaction.executeWithoutResult(tx -> {
                    long ledgerId = ledger.recordReceived(message);
                    if (context.validationWarnings() != null) {
                        ledger.validationWarnings(ledgerId, context.validationWarnings());
                    }
                    ledger.reject(ledgerId, message.format().mediaType(), ack, issues);
                });
            } catch (AlreadyAnsweredException anotherCopy) {
                steps.duplicate(exchange);
                return;
            }
        }
        log.info("Rejected message {} ({}): {} issue(s), first: {}", message.messageHeaderId(), message.eventCode(),
                issues.size(), CprMask.mask(e.getMessage()));
        replies.ack(exchange, ackBundle, ack, message.format(), AckCode.FATAL_ERROR);
        metrics.rejected(message);
    }

    @Override
    public void transientError(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        IncomingMessage message = IntakeSteps.incoming(exchange);
        metrics.transientError(message);
        log.warn("Could not take message {} right now: {}", message == null ? "(unread)" : message.messageHeaderId(),
                CprMask.mask(String.valueOf(e)));
        String reason = "The gateway cannot take the message right now; send it again later";
        if (message == null) {
            replies.resource(exchange, outcome(OperationOutcome.IssueType.TRANSIENT, reason), FhirFormat.JSON, 503);
            exchange.getMessage().setHeader(Replies.ACK_CODE_HEADER, AckCode.TRANSIENT_ERROR.code());
            return;
        }
        List<ValidationIssue> issues = List.of(new ValidationIssue("error", "MSG_Mailbox_Out_Of_Operation", null, reason));
        replies.ack(exchange, acks.acknowledge(message.bundle(), AckCode.TRANSIENT_ERROR, issues), message.format(),
                AckCode.TRANSIENT_ERROR);
    }

    static OperationOutcome outcome(OperationOutcome.IssueType type, String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(text);
        return outcome;
    }
}
