package dk.medcomgateway.intake;

import ca.uhn.fhir.parser.DataFormatException;
import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.message.RefusedMessageException;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.privacy.CprMask;
import dk.medcomgateway.privacy.PatientPseudonymizer;
import dk.medcomgateway.validation.AckErrorCodes;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.springframework.stereotype.Component;

/** Turns a received body into an {@link IncomingMessage}, or says clearly why it cannot be one. */
@Component
public class IncomingMessageReader {

    private final FhirCodec codec;
    private final PatientPseudonymizer pseudonymizer;
    private final long maxBodyBytes;
    private final int maxBundleEntries;

    public IncomingMessageReader(FhirCodec codec, PatientPseudonymizer pseudonymizer, GatewayProperties properties) {
        this.codec = codec;
        this.pseudonymizer = pseudonymizer;
        this.maxBodyBytes = properties.intake().maxBodySize().toBytes();
        this.maxBundleEntries = properties.intake().maxBundleEntries();
    }

    public IncomingMessage read(String channel, String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            throw new RefusedMessageException(400, "The request has no body; expected a FHIR message Bundle");
        }
        if (body.length > maxBodyBytes) {
            throw new RefusedMessageException(413, "The message is " + body.length + " bytes; the gateway takes at most " + maxBodyBytes);
        }
        FhirFormat format = FhirFormat.fromContentType(contentType);
        if (format == null && contentType != null && !contentType.isBlank() && !"file".equals(channel) && !"jms".equals(channel)) {
            throw new RefusedMessageException(415, "Content-Type " + contentType
                    + " is not supported; send application/fhir+json or application/fhir+xml");
        }
        if (format == null) {
            format = FhirFormat.sniff(body);
        }
        if (format == null) {
            throw new RefusedMessageException(400, "The body is neither FHIR JSON nor FHIR XML");
        }
        FhirCodec.Parsed parsed;
        try {
            parsed = codec.parseReporting(body, format);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new RefusedMessageException(400, "The body is not valid FHIR " + format + ": " + CprMask.mask(e.getMessage()));
        }
        IBaseResource resource = parsed.resource();
        if (!(resource instanceof Bundle bundle)) {
            throw new RefusedMessageException(400, "Expected a Bundle of type message, got a " + resource.fhirType());
        }
        if (bundle.getEntry().size() > maxBundleEntries) {
            throw new RefusedMessageException(400, "The Bundle has " + bundle.getEntry().size()
                    + " entries; the gateway takes messages of at most " + maxBundleEntries);
        }
        MessageHeader header = MessageBundles.header(bundle);
        String headerId = MessageBundles.headerId(bundle);
        if (header == null || headerId == null || headerId.isBlank()) {
            throw new RefusedMessageException(400,
                    "The Bundle has no MessageHeader with an id as its first entry, so it cannot be acknowledged");
        }
        return new IncomingMessage(channel, format, body, bundle, headerId,
                bundle.getIdElement().getIdPart(),
                MessageBundles.eventCode(bundle),
                MessageBundles.label(MessageBundles.sender(bundle)),
                header.getDestination().stream()
                        .map(d -> MessageBundles.sorFromEndpoint(d.getEndpoint())
                                .orElseGet(() -> MessageBundles.label(MessageBundles.organization(bundle, d.getReceiver()))))
                        .filter(s -> s != null).collect(Collectors.joining(",")),
                MessageBundles.patientCpr(bundle).map(pseudonymizer::hash).orElse(null),
                parsed.invalidValues().stream().map(IncomingMessageReader::issue).toList());
    }

    /**
     * The finding for a value the parser left out. HAPI passes on only its exception's message: an enumerated
     * code it does not know reads "Unknown ... code '...'", anything else is a value that is not of its datatype.
     */
    static ValidationIssue issue(FhirCodec.InvalidValue invalid) {
        String problem = CprMask.mask(String.valueOf(invalid.problem()));
        boolean unknownCode = problem.startsWith("Unknown ") && problem.contains(" code ");
        String value = CprMask.mask(abbreviate(invalid.value()));
        return ValidationIssue.error(unknownCode ? "FHIR_CODE_UNKNOWN" : "FHIR_DATATYPE",
                unknownCode ? AckErrorCodes.VALUESET_VALUE_UNKNOWN : AckErrorCodes.DATATYPE_WRONG, invalid.path(),
                (unknownCode ? "Code '" + value + "' is not in the required value set of " : "'" + value + "' is not a valid value of ")
                        + invalid.path() + ": " + abbreviate(problem));
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
