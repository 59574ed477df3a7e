package dk.medcomgateway.conformance;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.ack.OutcomeIssues;
import dk.medcomgateway.intake.IncomingMessageReader;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.message.MessageRejectedException;
import dk.medcomgateway.message.RefusedMessageException;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.routing.ReceiverResolver;
import dk.medcomgateway.validation.MessageValidation;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * What the gateway's intake would answer to a message, without taking it: read it as the intake reads it,
 * validate it with the same validation and policy, and find its receivers in the same partner directory.
 * Serves {@code POST /fhir/$validate} and the {@code validate} command, for partners testing before go-live.
 * It holds no state, so what depends on earlier messages (a duplicate MessageHeader.id, a reused Bundle.id)
 * is not judged here.
 */
@Component
public class ConformanceCheck {

    /**
     * @param answer     the acknowledgement code the intake would give, or null when it would refuse the body
     *                   (HTTP 4xx, {@code refusal} says why: no MessageHeader.id can be read)
     * @param httpStatus the intake's HTTP status for a refused body
     * @param findings   errors and warnings as the policy decided them
     */
    public record Verdict(AckCode answer, String messageHeaderId, boolean acknowledgement, List<ValidationIssue> findings,
                          int httpStatus, String refusal) {

        public long count(String severity) {
            return findings.stream().filter(f -> severity.equals(f.severity())).count();
        }

        public boolean accepted() {
            return answer == AckCode.OK;
        }
    }

    private final IncomingMessageReader reader;
    private final MessageValidation validation;
    private final ReceiverResolver receivers;

    /**
     * @param receivers the partner directory's resolver, or null to leave receivers unchecked (the validate command
     *                  run where no partner directory is)
     */
    public ConformanceCheck(IncomingMessageReader reader, MessageValidation validation, ReceiverResolver receivers) {
        this.reader = reader;
        this.validation = validation;
        this.receivers = receivers;
    }

    public Verdict check(String contentType, byte[] body) {
        IncomingMessage message;
        try {
            message = reader.read("validate", contentType, body);
        } catch (RefusedMessageException e) {
            return new Verdict(null, null, false, List.of(), e.httpStatus(), e.getMessage());
        }
        List<ValidationIssue> findings = new ArrayList<>(validation.check(message.bundle(), message.body(), message.readIssues()));
        if (receivers != null && findings.stream().noneMatch(ValidationIssue::isError) && !message.isAcknowledgement()) {
            try {
                receivers.receivers(message.bundle());
            } catch (MessageRejectedException unknownReceiver) {
                findings.addAll(unknownReceiver.issues());
            }
        }
        // The intake records an acknowledgement whatever its findings (it is never answered), so it is never refused.
        boolean rejected = !message.isAcknowledgement() && findings.stream().anyMatch(ValidationIssue::isError);
        AckCode answer = rejected ? AckCode.FATAL_ERROR : AckCode.OK;
        return new Verdict(answer, message.messageHeaderId(), message.isAcknowledgement(), List.copyOf(findings), 200, null);
    }

    /** The verdict as FHIR's $validate answers: an OperationOutcome, its first issue the verdict itself. */
    public OperationOutcome outcome(Verdict verdict) {
        OperationOutcome outcome = new OperationOutcome();
        if (verdict.answer() == null) {
            outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.STRUCTURE)
                    .setDiagnostics("The gateway would refuse this body with HTTP " + verdict.httpStatus() + ": " + verdict.refusal());
            return outcome;
        }
        outcome.addIssue().setSeverity(verdict.accepted() ? IssueSeverity.INFORMATION : IssueSeverity.ERROR)
                .setCode(verdict.accepted() ? IssueType.INFORMATIONAL : IssueType.INVALID)
                .setDiagnostics(summary(verdict));
        verdict.findings().forEach(finding -> outcome.addIssue(OutcomeIssues.toIssue(finding, verdict.answer())));
        return outcome;
    }

    static String summary(Verdict verdict) {
        String what = verdict.acknowledgement()
                ? "This acknowledgement would be recorded (acknowledgements are never acknowledged)"
                : "The gateway would acknowledge message " + verdict.messageHeaderId() + " '" + verdict.answer().code() + "'";
        return what + ": " + verdict.count("error") + " error(s), " + verdict.count("warning")
                + " warning(s), as the validation policy decides them";
    }
}
