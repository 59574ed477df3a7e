package dk.medcomgateway.intake;

/**
 * The body cannot be read as a MedCom message at all (not FHIR, not a message Bundle, no
 * MessageHeader id), so there is nothing to acknowledge: the caller gets an OperationOutcome.
 */
public class UnreadableMessageException extends RuntimeException {

    private final int httpStatus;

    public UnreadableMessageException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
