package dk.medcomgateway.fhir;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Reading the parts of a MedCom message Bundle that the gateway routes and records by. */
public final class MessageBundles {

    public static final String SOR_SYSTEM = "urn:oid:1.2.208.176.1.1";
    public static final String GLN_SYSTEM = "https://www.gs1.org/gln";
    public static final String CPR_SYSTEM = "urn:oid:1.2.208.176.1.2";
    public static final String EVENT_CODE_SYSTEM = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes";
    public static final String ACKNOWLEDGEMENT_EVENT = "acknowledgement-message";

    private MessageBundles() {
    }

    /** The MessageHeader, which MedCom messaging requires as the first entry; null when it is not there. */
    public static MessageHeader header(Bundle bundle) {
        if (bundle == null || !bundle.hasEntry()) {
            return null;
        }
        Resource first = bundle.getEntryFirstRep().getResource();
        return first instanceof MessageHeader header ? header : null;
    }

    public static String headerId(Bundle bundle) {
        MessageHeader header = header(bundle);
        return header == null || !header.hasIdElement() ? null : header.getIdElement().getIdPart();
    }

    public static String eventCode(Bundle bundle) {
        MessageHeader header = header(bundle);
        return header != null && header.hasEventCoding() ? header.getEventCoding().getCode() : null;
    }

    public static boolean isAcknowledgement(Bundle bundle) {
        return ACKNOWLEDGEMENT_EVENT.equals(eventCode(bundle));
    }

    /**
     * The entry a reference points at. An absolute reference (URL or urn:) must equal an entry's
     * fullUrl; a relative one ("Organization/x") matches the Type/id tail of a fullUrl, or the type
     * and id of an entry without fullUrl. MedCom examples use both styles.
     */
    public static Optional<Resource> resolve(Bundle bundle, Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        String ref = reference.getReference();
        IdType target = new IdType(ref);
        boolean relative = !target.hasBaseUrl() && !ref.startsWith("urn:") && target.hasResourceType();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            if (ref.equals(entry.getFullUrl()) || (relative && target.getResourceType().equals(resource.fhirType())
                    && target.getIdPart().equals(entryIdPart(entry)))) {
                return Optional.of(resource);
            }
        }
        return Optional.empty();
    }

    /** Id part of an entry: from its fullUrl when that is a RESTful URL, else from the resource. */
    private static String entryIdPart(Bundle.BundleEntryComponent entry) {
        if (entry.hasFullUrl() && !entry.getFullUrl().startsWith("urn:")) {
            return new IdType(entry.getFullUrl()).getIdPart();
        }
        return entry.getResource().getIdElement().getIdPart();
    }

    public static Optional<Organization> organization(Bundle bundle, Reference reference) {
        return resolve(bundle, reference).filter(Organization.class::isInstance).map(Organization.class::cast);
    }

    public static Optional<Organization> sender(Bundle bundle) {
        MessageHeader header = header(bundle);
        return header == null ? Optional.empty() : organization(bundle, header.getSender());
    }

    public static Optional<Patient> patient(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst();
    }

    /** The patient's CPR number: person data, to be hashed (privacy.PatientPseudonymizer), never stored or logged. */
    public static Optional<String> patientCpr(Bundle bundle) {
        return patient(bundle).flatMap(p -> p.getIdentifier().stream()
                .filter(id -> CPR_SYSTEM.equals(id.getSystem()) && id.hasValue()).map(Identifier::getValue).findFirst());
    }

    public static Optional<String> identifier(Organization organization, String system) {
        return organization.getIdentifier().stream()
                .filter(id -> system.equals(id.getSystem()) && id.hasValue())
                .map(Identifier::getValue).findFirst();
    }

    /** The SOR code in a MedCom endpoint URL such as {@code https://sor2.sum.dsdn.dk/#id=953741000016009}. */
    public static Optional<String> sorFromEndpoint(String endpoint) {
        if (endpoint == null) {
            return Optional.empty();
        }
        int at = endpoint.indexOf("#id=");
        if (at < 0) {
            return Optional.empty();
        }
        String sor = endpoint.substring(at + 4).trim();
        return sor.isEmpty() ? Optional.empty() : Optional.of(sor);
    }

    /** A short label for an organisation in the ledger: SOR code, else GLN, else its name. */
    public static String label(Optional<Organization> organization) {
        return organization.map(o -> identifier(o, SOR_SYSTEM)
                .or(() -> identifier(o, GLN_SYSTEM))
                .orElse(o.getName())).orElse(null);
    }
}
