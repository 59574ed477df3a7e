package dk.medcomgateway.outage;

/** No outage with that id; answered HTTP 404. */
public class OutageNotFoundException extends RuntimeException {

    public OutageNotFoundException(long id) {
        super("No outage " + id);
    }
}
