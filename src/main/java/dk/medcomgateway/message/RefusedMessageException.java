package dk.medcomgateway.message;

/**
 * The body is not taken as a message at all: it cannot be read as one (not FHIR, not a message
 * Bundle, no MessageHeader id, too large) or the caller may not send it. There is nothing to
 * acknowledge, so the caller gets an OperationOutcome with the HTTP status.
 */
public class RefusedMessageException extends RuntimeException {

    /**
     * The longest reason given. A parser's message may quote the offending value whole (a 500 kB
     * string); the answer, the log line and the ledger get a reason, not an echo of the input.
     */
    static final int MAX_REASON = 1000;

    private final int httpStatus;

    public RefusedMessageException(int httpStatus, String message) {
        super(abbreviate(message));
        this.httpStatus = httpStatus;
    }

    private static String abbreviate(String message) {
        return message == null || message.length() <= MAX_REASON ? message
                : message.substring(0, MAX_REASON) + "... (" + (message.length() - MAX_REASON) + " more characters)";
    }

    public int httpStatus() {
        return httpStatus;
    }
}
