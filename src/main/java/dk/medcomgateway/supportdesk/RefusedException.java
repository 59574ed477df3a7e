package dk.medcomgateway.supportdesk;

import org.springframework.http.HttpStatus;

/** A support desk request that is not carried out (and not audited), answered with a problem JSON. */
public class RefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public RefusedException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    static RefusedException badRequest(String detail) {
        return new RefusedException(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }

    static RefusedException notFound(String detail) {
        return new RefusedException(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    static RefusedException conflict(String title, String detail) {
        return new RefusedException(HttpStatus.CONFLICT, title, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
