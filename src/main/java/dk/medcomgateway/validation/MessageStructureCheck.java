package dk.medcomgateway.validation;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.MessageHeader.MessageDestinationComponent;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.springframework.stereotype.Component;

/**
 * Cheap structural checks on a MedCom message, run before the (much slower) profile validation.
 * They catch what routing and acknowledging depend on, with the MedCom acknowledgement error code
 * that fits, so a broken message gets a precise answer even when profile validation is not reached.
 */
@Component
public class MessageStructureCheck {

    public static final String EVENT_CODE_SYSTEM = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes";
    public static final String SOR_SYSTEM = "urn:oid:1.2.208.176.1.1";
    public static final String GLN_SYSTEM = "https://www.gs1.org/gln";

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
            issues.add(ValidationIssue.error(null, "Bundle.type",
                    "Bundle.type must be 'message', was '" + bundle.getTypeElement().getValueAsString() + "'"));
        }
        MessageHeader header = messageHeader(bundle);
        if (header == null) {
            issues.add(ValidationIssue.error(null, "Bundle.entry[0]", "The first entry of a message must be a MessageHeader"));
            return issues;
        }
        // HAPI's parser sets the id from the entry's fullUrl, so this fails only when both are missing.
        if (header.getIdElement().getIdPart() == null) {
            issues.add(ValidationIssue.error(null, HEADER + ".id", "The MessageHeader has no id"));
        }
        checkEvent(header, issues);
        checkSenderAndSource(bundle, header, issues);
        checkDestinations(bundle, header, issues);
        String event = eventCode(header);
        if (event != null && !EVENTS_WITHOUT_PATIENT.contains(event) && findPatient(bundle) == null) {
            issues.add(ValidationIssue.error(null, "Bundle.entry", "A '" + event + "' message must contain a Patient"));
        }
        if (bundle.getEntry().stream().noneMatch(e -> e.getResource() instanceof Provenance)) {
            issues.add(ValidationIssue.error(null, "Bundle.entry", "A MedCom message must contain at least one Provenance"));
        }
        return issues;
    }

    /** A missing, foreign or unknown event all mean: no value from MedCom's event CodeSystem. */
    private void checkEvent(MessageHeader header, List<ValidationIssue> issues) {
        String code = AckErrorCodes.CODESYSTEM_VALUE_UNKNOWN;
        if (!header.hasEventCoding()) {
            issues.add(ValidationIssue.error(code, HEADER + ".event", "The MessageHeader has no eventCoding"));
        } else if (!EVENT_CODE_SYSTEM.equals(header.getEventCoding().getSystem())) {
            issues.add(ValidationIssue.error(code, HEADER + ".eventCoding.system",
                    "eventCoding.system must be " + EVENT_CODE_SYSTEM + ", was " + header.getEventCoding().getSystem()));
        } else if (!eventCodes.contains(header.getEventCoding().getCode())) {
            issues.add(ValidationIssue.error(code, HEADER + ".eventCoding.code",
                    "'" + header.getEventCoding().getCode() + "' is not a MedCom event code " + eventCodes));
        }
    }

    private void checkSenderAndSource(Bundle bundle, MessageHeader header, List<ValidationIssue> issues) {
        if (!header.getSender().hasReference()) {
            issues.add(ValidationIssue.error(null, HEADER + ".sender", "The MessageHeader has no sender reference"));
        } else if (senderOrganization(bundle) == null) {
            issues.add(ValidationIssue.error(null, HEADER + ".sender", "The sender reference '"
                    + header.getSender().getReference() + "' does not resolve to an Organization in the message"));
        }
        if (!header.getSource().hasEndpoint()) {
            issues.add(ValidationIssue.error(null, HEADER + ".source.endpoint", "The MessageHeader has no source endpoint"));
        }
    }

    /** Without a receiver identified by SOR or GLN the message cannot be routed. */
    private void checkDestinations(Bundle bundle, MessageHeader header, List<ValidationIssue> issues) {
        String code = AckErrorCodes.RECEIVER_IDENTIFIER_MISSING;
        if (header.getDestination().isEmpty()) {
            issues.add(ValidationIssue.error(code, HEADER + ".destination", "The MessageHeader has no destination"));
        }
        for (int i = 0; i < header.getDestination().size(); i++) {
            MessageDestinationComponent destination = header.getDestination().get(i);
            String location = HEADER + ".destination[" + i + "].receiver";
            Organization receiver = receiverOrganization(bundle, destination);
            if (receiver == null) {
                issues.add(ValidationIssue.error(code, location, "The receiver reference '"
                        + destination.getReceiver().getReference() + "' does not resolve to an Organization in the message"));
            } else if (!hasSorOrGln(receiver)) {
                issues.add(ValidationIssue.error(code, location,
                        "The receiver Organization has no SOR (" + SOR_SYSTEM + ") or GLN (" + GLN_SYSTEM + ") identifier"));
            }
        }
    }

    private static boolean hasSorOrGln(Organization organization) {
        return organization.getIdentifier().stream().anyMatch(id -> id.hasValue()
                && (SOR_SYSTEM.equals(id.getSystem()) || GLN_SYSTEM.equals(id.getSystem())));
    }

    /** The MessageHeader in the first entry, or null when the first entry is something else. */
    public static MessageHeader messageHeader(Bundle bundle) {
        if (bundle.getEntry().isEmpty()) {
            return null;
        }
        return bundle.getEntryFirstRep().getResource() instanceof MessageHeader header ? header : null;
    }

    /** The header's event code, or null when eventCoding is absent (event may also be an uri in R4). */
    public static String eventCode(MessageHeader header) {
        return header.hasEventCoding() ? header.getEventCoding().getCode() : null;
    }

    public static Organization senderOrganization(Bundle bundle) {
        MessageHeader header = messageHeader(bundle);
        return header == null ? null : resolve(bundle, header.getSender()) instanceof Organization o ? o : null;
    }

    public static Organization receiverOrganization(Bundle bundle, MessageDestinationComponent destination) {
        return resolve(bundle, destination.getReceiver()) instanceof Organization o ? o : null;
    }

    /** The first Patient entry, or null. */
    public static Patient findPatient(Bundle bundle) {
        return bundle.getEntry().stream().map(BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElse(null);
    }

    /**
     * The entry a reference points at, or null. An absolute reference (URL or urn:) must equal an
     * entry's fullUrl; a relative one ("Organization/x") matches the Type/id tail of a fullUrl, or
     * the type and id of an entry without fullUrl.
     */
    public static Resource resolve(Bundle bundle, Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return null;
        }
        String ref = reference.getReference();
        IdType target = new IdType(ref);
        boolean relative = !target.hasBaseUrl() && !ref.startsWith("urn:") && target.hasResourceType();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            if (ref.equals(entry.getFullUrl())) {
                return resource;
            }
            if (relative && target.getResourceType().equals(resource.fhirType())
                    && target.getIdPart().equals(entryIdPart(entry))) {
                return resource;
            }
        }
        return null;
    }

    /** Id part of an entry: from its fullUrl when that is a RESTful URL, else from the resource. */
    private static String entryIdPart(BundleEntryComponent entry) {
        if (entry.hasFullUrl() && !entry.getFullUrl().startsWith("urn:")) {
            return new IdType(entry.getFullUrl()).getIdPart();
        }
        return entry.getResource().getIdElement().getIdPart();
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
