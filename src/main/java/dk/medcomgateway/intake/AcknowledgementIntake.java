package dk.medcomgateway.intake;

import dk.medcomgateway.delivery.ReceiverAcks;
import dk.medcomgateway.message.IncomingMessage;
import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * The intake's branch for an acknowledgement a receiver sends about a message the gateway delivered: recorded
 * on that message ({@link ReceiverAcks}) and answered with an informational OperationOutcome, never acknowledged.
 */
@Component("acknowledgementIntake")
public class AcknowledgementIntake {

    private final ReceiverAcks receiverAcks;
    private final Replies replies;

    public AcknowledgementIntake(ReceiverAcks receiverAcks, Replies replies) {
        this.receiverAcks = receiverAcks;
        this.replies = replies;
    }

    public void record(Exchange exchange) {
        IncomingMessage ack = IntakeSteps.incoming(exchange);
        boolean known = receiverAcks.record(ack.bundle(), ack.format(), ack.body(), "via " + ack.channel());
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(known ? OperationOutcome.IssueSeverity.INFORMATION : OperationOutcome.IssueSeverity.WARNING)
                .setCode(known ? OperationOutcome.IssueType.INFORMATIONAL : OperationOutcome.IssueType.NOTFOUND)
                .setDiagnostics(known ? "Acknowledgement recorded" : "Acknowledgement recorded in the log, but it answers no message this gateway delivered");
        replies.resource(exchange, outcome, ack.format(), 200);
        exchange.getMessage().setHeader(Replies.ACK_CODE_HEADER, ReceiverAcks.RECORDED);
    }
}
