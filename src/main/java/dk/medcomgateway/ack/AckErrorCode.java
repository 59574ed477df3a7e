package dk.medcomgateway.ack;

import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The codes of CodeSystem medcom-acknowledgement-error-codes (terminology 1.4.0), each with the FHIR issue type
 * an acknowledgement reports it under. The CodeSystem is case-insensitive, hence {@link #find}.
 */
public enum AckErrorCode {
    RECEIVER_IDENTIFIER_UNKNOWN("MSG_Receiver_Identifier_UNKNOWN", IssueType.NOTFOUND),
    RECEIVER_IDENTIFIER_MISSING("MSG_Receiver_Identifier_MISSING", IssueType.REQUIRED),
    RECEIVER_UNABLE_TO_RECEIVE_MSG_TYPE("MSG_RECEIVER_UNABLE_TO_RECEIVE_MSG_TYPE", IssueType.NOTSUPPORTED),
    VALUESET_VALUE_UNKNOWN("MSG_VALUESET_VALUE_UNKNOWN", IssueType.CODEINVALID),
    CODESYSTEM_VALUE_UNKNOWN("MSG_CodeSystem_VALUE_UNKNOWN", IssueType.CODEINVALID),
    ELEMENT_TOO_LONG("MSG_Element_To_Long", IssueType.TOOLONG),
    DATATYPE_WRONG("MSG_Datatype_Wrong", IssueType.STRUCTURE),
    MAILBOX_OUT_OF_OPERATION("MSG_Mailbox_Out_Of_Operation", IssueType.TRANSIENT),
    // Resending the same message can succeed, so it is transient rather than a content error.
    DAMAGED_DURING_TRANSPORT("MSG_Damaged_durin_transport", IssueType.TRANSIENT);

    private final String code;
    private final IssueType issueType;

    AckErrorCode(String code, IssueType issueType) {
        this.code = code;
        this.issueType = issueType;
    }

    /** The code exactly as the CodeSystem spells it (typos included). */
    public String code() {
        return code;
    }

    public IssueType issueType() {
        return issueType;
    }

    public static Optional<AckErrorCode> find(String code) {
        for (AckErrorCode value : values()) {
            if (value.code.equalsIgnoreCase(code)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
