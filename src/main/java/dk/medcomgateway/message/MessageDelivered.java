package dk.medcomgateway.message;

import dk.medcomgateway.message.StoredMessage;

/**
 * Published when a receiver has taken a message (handed over, before its acknowledgement):
 * features that follow what reached whom (discharge tracking, letter receipts, EDS) listen for it.
 * Published once per receiver, and again if a support person resends the message; listeners must be
 * idempotent.
 *
 * @param partnerId the receiver's partner id (SOR code, else GLN)
 * @param message   the copy handed over, as the delivery had it in hand (a resend's copy has its own
 *                  Bundle.id), so that listeners need not read the message from the ledger again
 */
public record MessageDelivered(String partnerId, StoredMessage message) {

    /** The message's ledger id. */
    public long messageId() {
        return message.id();
    }

    /** The message's Content-Type, so a listener can pass over what it does not follow (FHIR messages, legacy letters). */
    public String contentType() {
        return message.contentType();
    }
}
