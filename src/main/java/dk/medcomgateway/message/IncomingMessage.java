package dk.medcomgateway.message;

import dk.medcomgateway.fhir.FhirFormat;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A message as it came in, with the facts the ledger records about it. {@code patientHash} is
 * the keyed hash of the patient's CPR number, never the number itself. {@code readIssues} are the
 * values the parser had to leave out (a wrong datatype, a code outside a required binding); they
 * reject the message, with its acknowledgement naming them.
 */
public record IncomingMessage(String channel, FhirFormat format, byte[] body, Bundle bundle, String messageHeaderId,
                              String bundleId, String eventCode, String sender, String receivers, String patientHash,
                              List<ValidationIssue> readIssues) {

    public IncomingMessage {
        readIssues = readIssues == null ? List.of() : List.copyOf(readIssues);
    }

    /** A message the parser read whole. */
    public IncomingMessage(String channel, FhirFormat format, byte[] body, Bundle bundle, String messageHeaderId,
                           String bundleId, String eventCode, String sender, String receivers, String patientHash) {
        this(channel, format, body, bundle, messageHeaderId, bundleId, eventCode, sender, receivers, patientHash, List.of());
    }

    public boolean isAcknowledgement() {
        return dk.medcomgateway.fhir.MessageBundles.isAcknowledgement(bundle);
    }
}
