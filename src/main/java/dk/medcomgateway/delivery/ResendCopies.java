package dk.medcomgateway.delivery;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.message.StoredMessage;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * MedCom's resend rule: a message sent again gets a new Bundle.id and keeps its MessageHeader.id,
 * so the receiver can tell it is the same message. Used by the acknowledgement timeout and the
 * support desk alike.
 */
@Component
public class ResendCopies {

    /** A stored FHIR message re-encoded, in the format it came in, under a new Bundle.id. */
    public record Copy(String bundleId, byte[] payload) {
    }

    private final FhirCodec codec;

    public ResendCopies(FhirCodec codec) {
        this.codec = codec;
    }

    public Copy of(StoredMessage stored) {
        if (!FhirFormat.isFhirMediaType(stored.contentType())) {
            // A legacy letter goes again exactly as it came: its receiver knows a resend by the envelope identifier.
            return new Copy(stored.bundleId(), stored.payload());
        }
        FhirFormat format = FhirFormat.fromContentType(stored.contentType());
        Bundle bundle = (Bundle) codec.parse(stored.payload(), format);
        String bundleId = UUID.randomUUID().toString();
        bundle.setId(bundleId);
        return new Copy(bundleId, codec.encode(bundle, format));
    }
}
