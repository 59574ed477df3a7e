package dk.medcomgateway.escort.contract;

import org.springframework.http.HttpStatus;

/**
 * A contract request or answer the gateway will not carry out, with the HTTP status and a short
 * machine-readable reason (e.g. {@code no-consent}) besides the text for people.
 */
public class EscortContractException extends RuntimeException {

    private final HttpStatus status;
    private final String reason;

    public EscortContractException(HttpStatus status, String reason, String detail) {
        super(detail);
        this.status = status;
        this.reason = reason;
    }

    public HttpStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    static EscortContractException invalid(String detail) {
        return new EscortContractException(HttpStatus.BAD_REQUEST, "invalid", detail);
    }

    static EscortContractException forbidden(String detail) {
        return new EscortContractException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    static EscortContractException notFound(long id) {
        return new EscortContractException(HttpStatus.NOT_FOUND, "not-found", "No escort contract " + id);
    }
}
