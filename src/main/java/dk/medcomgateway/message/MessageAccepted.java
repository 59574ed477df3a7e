package dk.medcomgateway.message;

/**
 * Published when the intake has accepted a FHIR message: stored, its copies queued, its {@code ok} acknowledgement
 * stored. What follows acceptance (delivery-status events, metrics, escort replies) listens for it; a listener that
 * fails is logged and counted and does not change the sender's answer.
 *
 * @param ledgerId  the message's ledger id
 * @param transport the envelope it came in (SBDH, VANS), or null
 */
public record MessageAccepted(IncomingMessage message, long ledgerId, TransportEnvelope transport) {
}
