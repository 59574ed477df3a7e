package dk.medcomgateway.validation;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.ValidationIssue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MessageHeader.MessageDestinationComponent;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.springframework.stereotype.Component;

/**
 * Cheap structural checks on a MedCom message, run before the (much slower) profile validation.
 * They catch what routing and acknowledging depend on, with the MedCom acknowledgement error code
 * that fits, so a broken message gets a precise answer even when profile validation is not reached.
 */
@Component
public class MessageStructureCheck {

    static final String EVENT_CODE_SYSTEM = MessageBundles.EVENT_CODE_SYSTEM;
    static final String SOR_SYSTEM = MessageBundles.SOR_SYSTEM;
    static final String GLN_SYSTEM = MessageBundles.GLN_SYSTEM;

    /** Events whose messages carry no Patient (MedCom Messaging and Acknowledgement). */
    private static final Set<String> EVENTS_WITHOUT_PATIENT = Set.of("empty-message", "acknowledgement-message");

    private static final String HEADER = "Bundle.entry[0].resource";

    private final Set<String> eventCodes;

    public MessageStructureCheck(FhirCodec codec) {
        this.eventCodes = loadEventCodes(codec);
    }

    /** The MedCom event codes this check accepts, from the vendored terminology packages. */
    public Set<String> eventCodes() {
        return eventCodes;
    }

    public List<ValidationIssue> check(Bundle bundle) {
        List<ValidationIssue> issues = new ArrayList<>();
        if (bundle.getType() != Bundle.BundleType.MESSAGE) {
            issues.add(ValidationIssue.error("MEDCOM_BUNDLE_TYPE", null, "Bundle.type",
                    "Bundle.type must be 'message', was '" + bundle.getTypeElement().getValueAsString() + "'"));
        }
        MessageHeader header = MessageBundles.header(bundle);
        if (header == null) {
            issues.add(ValidationIssue.error("MEDCOM_HEADER_FIRST", null, "Bundle.entry[0]", "The first entry of a message must be a MessageHeader"));
            return issues;
        }
        // HAPI's parser sets the id from the entry's fullUrl, so this fails only when both are missing.
        if (header.getIdElement().getIdPart() == null) {
            issues.add(ValidationIssue.error("MEDCOM_HEADER_ID", null, HEADER + ".id", "The MessageHeader has no id"));
        }
        checkEvent(header, issues);
        checkSenderAndSource(bundle, header, issues);
        checkDestinations(bundle, header, issues);
        String event = header.hasEventCoding() ? header.getEventCoding().getCode() : null;
        if (event != null && !EVENTS_WITHOUT_PATIENT.contains(event) && MessageBundles.patient(bundle).isEmpty()) {
            issues.add(ValidationIssue.error("MEDCOM_PATIENT", null, "Bundle.entry", "A '" + event + "' message must contain a Patient"));
        }
        if (bundle.getEntry().stream().noneMatch(e -> e.getResource() instanceof Provenance)) {
            issues.add(ValidationIssue.error("MEDCOM_PROVENANCE", null, "Bundle.entry", "A MedCom message must contain at least one Provenance"));
        }
        return issues;
    }

    /** A missing, foreign or unknown event all mean: no value from MedCom's event CodeSystem. */
    private void checkEvent(MessageHeader header, List<ValidationIssue> issues) {
        String code = AckErrorCodes.CODESYSTEM_VALUE_UNKNOWN;
        if (!header.hasEventCoding()) {
            issues.add(ValidationIssue.error("MEDCOM_EVENT_CODE", code, HEADER + ".event", "The MessageHeader has no eventCoding"));
        } else if (!EVENT_CODE_SYSTEM.equals(header.getEventCoding().getSystem())) {
            issues.add(ValidationIssue.error("MEDCOM_EVENT_CODE", code, HEADER + ".eventCoding.system",
                    "eventCoding.system must be " + EVENT_CODE_SYSTEM + ", was " + header.getEventCoding().getSystem()));
        } else if (!eventCodes.contains(header.getEventCoding().getCode())) {
            issues.add(ValidationIssue.error("MEDCOM_EVENT_CODE", code, HEADER + ".eventCoding.code",
                    "'" + header.getEventCoding().getCode() + "' is not a MedCom event code " + eventCodes));
        }
    }

    private void checkSenderAndSource(Bundle bundle, MessageHeader header, List<ValidationIssue> issues) {
        if (!header.getSender().hasReference()) {
            issues.add(ValidationIssue.error("MEDCOM_SENDER", null, HEADER + ".sender", "The MessageHeader has no sender reference"));
        } else if (MessageBundles.sender(bundle).isEmpty()) {
            issues.add(ValidationIssue.error("MEDCOM_SENDER", null, HEADER + ".sender", "The sender reference '"
                    + header.getSender().getReference() + "' does not resolve to an Organization in the message"));
        }
        if (!header.getSource().hasEndpoint()) {
            issues.add(ValidationIssue.error("MEDCOM_SOURCE", null, HEADER + ".source.endpoint", "The MessageHeader has no source endpoint"));
        }
    }

    /** Without a receiver identified by SOR or GLN the message cannot be routed. */
    private void checkDestinations(Bundle bundle, MessageHeader header, List<ValidationIssue> issues) {
        String code = AckErrorCodes.RECEIVER_IDENTIFIER_MISSING;
        if (header.getDestination().isEmpty()) {
            issues.add(ValidationIssue.error("MEDCOM_RECEIVER", code, HEADER + ".destination", "The MessageHeader has no destination"));
        }
        for (int i = 0; i < header.getDestination().size(); i++) {
            MessageDestinationComponent destination = header.getDestination().get(i);
            String location = HEADER + ".destination[" + i + "].receiver";
            Organization receiver = MessageBundles.organization(bundle, destination.getReceiver()).orElse(null);
            if (receiver == null) {
                issues.add(ValidationIssue.error("MEDCOM_RECEIVER", code, location, "The receiver reference '"
                        + destination.getReceiver().getReference() + "' does not resolve to an Organization in the message"));
            } else if (!hasSorOrGln(receiver)) {
                issues.add(ValidationIssue.error("MEDCOM_RECEIVER", code, location,
                        "The receiver Organization has no SOR (" + SOR_SYSTEM + ") or GLN (" + GLN_SYSTEM + ") identifier"));
            }
        }
    }

    private static boolean hasSorOrGln(Organization organization) {
        return organization.getIdentifier().stream().anyMatch(id -> id.hasValue()
                && (SOR_SYSTEM.equals(id.getSystem()) || GLN_SYSTEM.equals(id.getSystem())));
    }

    /** Union of the event codes in the terminology packages the standards pin (newer ones add events). */
    private static Set<String> loadEventCodes(FhirCodec codec) {
        Set<String> codes = new TreeSet<>();
        Arrays.stream(MedComStandard.values()).flatMap(s -> s.packages().stream())
                .filter(name -> name.startsWith("medcom.fhir.dk.terminology-")).distinct()
                .forEach(name -> collectCodes(readEventCodeSystem(codec, FhirPackages.load(name)).getConcept(), codes));
        if (codes.isEmpty()) {
            throw new IllegalStateException("No MedCom event codes found in the vendored terminology packages");
        }
        return Set.copyOf(codes);
    }

    private static CodeSystem readEventCodeSystem(FhirCodec codec, NpmPackage npm) {
        try (InputStream in = npm.load("package", "CodeSystem-medcom-messaging-eventCodes.json")) {
            if (in == null) {
                throw new IllegalStateException("No event CodeSystem in " + npm.name() + " " + npm.version());
            }
            return (CodeSystem) codec.parse(in.readAllBytes(), FhirFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collectCodes(List<ConceptDefinitionComponent> concepts, Set<String> codes) {
        for (ConceptDefinitionComponent concept : concepts) {
            codes.add(concept.getCode());
            collectCodes(concept.getConcept(), codes);
        }
    }
}
