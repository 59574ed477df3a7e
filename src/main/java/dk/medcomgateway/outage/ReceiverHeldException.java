package dk.medcomgateway.outage;

/** A delivery was stopped because its receiver is held; the message goes back to the head of its queue. */
public class ReceiverHeldException extends RuntimeException {

    public ReceiverHeldException(String partnerId) {
        super("Receiver " + partnerId + " is held by an outage; the message stays on its queue");
    }
}
