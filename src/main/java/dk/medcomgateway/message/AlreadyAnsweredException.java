package dk.medcomgateway.message;

/**
 * The ledger already holds an answer for this MessageHeader.id although the duplicate store let
 * it through (e.g. the store was cleared): the message is answered as the duplicate it is.
 */
public class AlreadyAnsweredException extends RuntimeException {

    public AlreadyAnsweredException(String messageHeaderId) {
        super("Message " + messageHeaderId + " was already answered");
    }
}
