package dk.medcomgateway.message;

/**
 * The ledger already holds this MessageHeader.id (or letter key): it was answered, or another copy of the message
 * is being answered right now. The message is answered as the duplicate it is, with the stored answer.
 */
public class AlreadyAnsweredException extends RuntimeException {

    public AlreadyAnsweredException(String messageHeaderId) {
        super("Message " + messageHeaderId + " was already answered");
    }
}
