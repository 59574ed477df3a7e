package dk.medcomgateway.outage;

/** An outage report or update that lacks what the procedure requires; answered HTTP 400. */
public class InvalidOutageException extends RuntimeException {

    public InvalidOutageException(String message) {
        super(message);
    }
}
