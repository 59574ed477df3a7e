package dk.medcomgateway.delivery;

/**
 * Published when a receiver has taken a message (handed over, before its acknowledgement):
 * features that follow what reached whom (discharge tracking) listen for it. Published once per
 * receiver, and again if a support person resends the message; listeners must be idempotent.
 *
 * @param messageId the message's ledger id (MessageLedger.message(id) gives its payload)
 * @param partnerId   the receiver's partner id (SOR code, else GLN)
 * @param contentType the message's stored Content-Type, so a listener can pass over what it does not follow
 *                    (FHIR messages, legacy letters) without loading it
 */
public record MessageDelivered(long messageId, String partnerId, String contentType) {
}
