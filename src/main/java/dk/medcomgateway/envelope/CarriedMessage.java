package dk.medcomgateway.envelope;

import ca.uhn.fhir.parser.DataFormatException;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.privacy.CprMask;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/** The FHIR message an envelope carries, read so the envelope can be checked against it. */
public final class CarriedMessage {

    private CarriedMessage() {
    }

    /** The message Bundle, or a fault naming the envelope field that carries it. */
    public static Bundle parse(FhirCodec codec, byte[] content, FhirFormat format, String field) {
        IBaseResource resource;
        try {
            resource = codec.parse(content, format);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new EnvelopeException(EnvelopeException.Fault.SYNTAX, field, field + " is not a FHIR message: " + CprMask.mask(e.getMessage()));
        }
        if (!(resource instanceof Bundle bundle) || MessageBundles.header(bundle) == null) {
            throw new EnvelopeException(EnvelopeException.Fault.SYNTAX, field, field + " is not a FHIR message Bundle with a MessageHeader");
        }
        return bundle;
    }
}
