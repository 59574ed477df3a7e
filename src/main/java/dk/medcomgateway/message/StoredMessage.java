package dk.medcomgateway.message;

/** A message as the ledger holds it; {@code bundleId} is its Bundle.id, or a letter's file stem. */
public record StoredMessage(long id, String messageHeaderId, String bundleId, String contentType, byte[] payload) {
}
