package dk.medcomgateway.ack;

import dk.medcomgateway.message.ValidationIssue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Maps between the gateway's ValidationIssues and the MedCom acknowledgement OperationOutcome. */
public final class OutcomeIssues {

    private OutcomeIssues() {
    }

    static OperationOutcome newOutcome() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.setId(AckEntries.newId());
        outcome.getMeta().addProfile(MedComUrls.ACK_OUTCOME_PROFILE);
        return outcome;
    }

    /** An outcome for the issues; an error ack without issues still gets one, as the profile demands. */
    static OperationOutcome toOutcome(List<ValidationIssue> issues, AckCode ack) {
        OperationOutcome outcome = newOutcome();
        issues.forEach(issue -> outcome.addIssue(toIssue(issue, ack)));
        if (issues.isEmpty()) {
            outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(fallbackType("error", ack));
        }
        return outcome;
    }

    /** One finding as an OperationOutcome issue: severity, MedCom error code, text naming its rule, location. */
    public static OperationOutcomeIssueComponent toIssue(ValidationIssue issue, AckCode ack) {
        OperationOutcomeIssueComponent component = new OperationOutcomeIssueComponent()
                .setSeverity(severity(issue.severity()))
                .setDiagnostics(diagnostics(issue));
        Optional<AckErrorCode> known = AckErrorCode.find(issue.errorCode());
        component.setCode(known.map(AckErrorCode::issueType).orElseGet(() -> fallbackType(issue.severity(), ack)));
        if (known.isPresent()) {
            component.getDetails().addCoding(new Coding(MedComUrls.ERROR_CODES, known.get().code(), null));
        } else if (issue.errorCode() != null) {
            // details.coding has a required binding: an unknown code as a coding would make the ack invalid.
            component.getDetails().setText(issue.errorCode());
        }
        if (issue.location() != null) {
            component.addExpression(issue.location());
        }
        return component;
    }

    /** The finding's text, naming the rule that found it, so the sender's support can look it up. */
    private static String diagnostics(ValidationIssue issue) {
        return issue.rule() == null ? issue.text() : issue.text() + " (rule " + issue.rule() + ")";
    }

    static List<ValidationIssue> fromOutcome(OperationOutcome outcome) {
        return outcome.getIssue().stream().map(OutcomeIssues::fromIssue).toList();
    }

    static OperationOutcomeIssueComponent duplicateNote(String originalMessageId) {
        return new OperationOutcomeIssueComponent()
                .setSeverity(IssueSeverity.INFORMATION)
                .setCode(IssueType.DUPLICATE)
                .setDiagnostics("Message " + originalMessageId
                        + " was received before; this repeats the acknowledgement sent then.");
    }

    static boolean hasDuplicateNote(OperationOutcome outcome) {
        return outcome.getIssue().stream().anyMatch(issue -> issue.getCode() == IssueType.DUPLICATE);
    }

    private static ValidationIssue fromIssue(OperationOutcomeIssueComponent issue) {
        String errorCode = issue.getDetails().getCoding().stream()
                .map(Coding::getCode).filter(Objects::nonNull).findFirst().orElse(null);
        String location = issue.hasExpression() ? issue.getExpression().get(0).getValue()
                : issue.hasLocation() ? issue.getLocation().get(0).getValue() : null;
        String text = issue.hasDiagnostics() ? issue.getDiagnostics() : issue.getDetails().getText();
        return new ValidationIssue(issue.hasSeverity() ? issue.getSeverity().toCode() : null, errorCode, location, text);
    }

    private static IssueSeverity severity(String code) {
        for (IssueSeverity severity : IssueSeverity.values()) {
            if (code != null && code.equals(severity.toCode())) {
                return severity;
            }
        }
        return IssueSeverity.ERROR;
    }

    private static IssueType fallbackType(String severity, AckCode ack) {
        if ("information".equals(severity)) {
            return IssueType.INFORMATIONAL;
        }
        return ack == AckCode.TRANSIENT_ERROR ? IssueType.TRANSIENT : IssueType.INVALID;
    }
}
