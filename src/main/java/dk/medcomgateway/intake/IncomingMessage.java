package dk.medcomgateway.intake;

import dk.medcomgateway.fhir.FhirFormat;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A message as it came in, with the facts the ledger records about it. {@code patientHash} is
 * the keyed hash of the patient's CPR number, never the number itself.
 */
public record IncomingMessage(String channel, FhirFormat format, byte[] body, Bundle bundle, String messageHeaderId,
                              String bundleId, String eventCode, String sender, String receivers, String patientHash) {

    public boolean isAcknowledgement() {
        return dk.medcomgateway.fhir.MessageBundles.isAcknowledgement(bundle);
    }
}
