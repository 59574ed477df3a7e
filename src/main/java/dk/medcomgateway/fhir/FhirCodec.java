package dk.medcomgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * Parses and encodes FHIR R4 resources. One FhirContext for the whole gateway: it is expensive
 * to build and thread-safe once built. Parsers are cheap and not thread-safe, so each call gets one.
 */
@Component
public class FhirCodec {

    private final FhirContext context;

    public FhirCodec() {
        this.context = FhirContext.forR4();
        // Unknown elements are reported by the profile validator, not thrown by the parser.
        this.context.setParserErrorHandler(new LenientErrorHandler(false));
    }

    public FhirContext context() {
        return context;
    }

    /** Parses a body; throws ca.uhn.fhir.parser.DataFormatException when it is not FHIR. */
    public IBaseResource parse(byte[] body, FhirFormat format) {
        String text = new String(body, StandardCharsets.UTF_8);
        return parser(format).parseResource(text);
    }

    public byte[] encode(IBaseResource resource, FhirFormat format) {
        return parser(format).encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
    }

    private IParser parser(FhirFormat format) {
        return format == FhirFormat.XML ? context.newXmlParser() : context.newJsonParser();
    }
}
