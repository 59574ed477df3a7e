package dk.medcomgateway.intake;

/**
 * The body is not taken as a message at all: it cannot be read as one (not FHIR, not a message
 * Bundle, no MessageHeader id, too large) or the caller may not send it. There is nothing to
 * acknowledge, so the caller gets an OperationOutcome with the HTTP status.
 */
public class RefusedMessageException extends RuntimeException {

    private final int httpStatus;

    public RefusedMessageException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
