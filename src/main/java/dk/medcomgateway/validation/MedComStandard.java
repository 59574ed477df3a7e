package dk.medcomgateway.validation;

import dk.medcomgateway.fhir.MessageBundles;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.MessageHeader;

/**
 * The MedCom message standards the gateway validates, each with the IG package set it pins.
 * The versions of the dependencies differ per standard (two messaging majors), so each standard
 * gets its own package set and validation chain.
 */
public enum MedComStandard {

    HOSPITAL_NOTIFICATION("HospitalNotification", "3.0.2", "hospital-notification-message",
            "http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalNotification-message", null,
            List.of("medcom.fhir.dk.hospitalnotification-3.0.2", "medcom.fhir.dk.messaging-2.1.0",
                    "medcom.fhir.dk.core-2.0.0", "medcom.fhir.dk.terminology-1.1.1", "hl7.fhir.dk.core-2.0.0")),

    ACKNOWLEDGEMENT("Acknowledgement", "2.0.3", "acknowledgement-message",
            "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-messaging-acknowledgement",
            "http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/MedComAcknowledgementMessageDefinition|2.0",
            List.of("medcom.fhir.dk.acknowledgement-2.0.3", "medcom.fhir.dk.messaging-2.1.0",
                    "medcom.fhir.dk.core-2.0.1", "medcom.fhir.dk.terminology-1.4.0", "hl7.fhir.dk.core-2.0.0")),

    CARE_COMMUNICATION("CareCommunication", "5.0.2", "care-communication-message",
            "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-message",
            "http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|5.0",
            List.of("medcom.fhir.dk.carecommunication-5.0.2", "medcom.fhir.dk.messaging-4.0.2",
                    "medcom.fhir.dk.core-3.0.1", "medcom.fhir.dk.terminology-2.0.1", "hl7.fhir.dk.core-3.4.0")),

    /** Messaging itself defines only the empty message (used to test a connection). */
    MESSAGING("Messaging", "4.0.2", "empty-message",
            "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-message", null,
            List.of("medcom.fhir.dk.messaging-4.0.2", "medcom.fhir.dk.core-3.0.1",
                    "medcom.fhir.dk.terminology-2.0.1", "hl7.fhir.dk.core-3.4.0"));

    private final String title;
    private final String version;
    private final String eventCode;
    private final String messageProfile;
    private final String messageDefinition;
    private final List<String> packages;

    MedComStandard(String title, String version, String eventCode, String messageProfile, String messageDefinition,
                   List<String> packages) {
        this.title = title;
        this.version = version;
        this.eventCode = eventCode;
        this.messageProfile = messageProfile;
        this.messageDefinition = messageDefinition;
        this.packages = packages;
    }

    /**
     * Canonical URL (with version) of MedCom's MessageDefinition of this standard (medcom.fhir.dk.messagedefinitions
     * 1.0.0), or null where MedCom publishes none.
     */
    public String messageDefinition() {
        return messageDefinition;
    }

    public String title() {
        return title;
    }

    public String version() {
        return version;
    }

    /** The MessageHeader.eventCoding code of this standard's messages. */
    public String eventCode() {
        return eventCode;
    }

    /** Canonical URL (without version) of the Bundle profile of this standard's messages. */
    public String messageProfile() {
        return messageProfile;
    }

    /** Names (name-version) of the IG packages under classpath fhir-packages/, main package first. */
    public List<String> packages() {
        return packages;
    }

    /**
     * The standard of a message: from the first Bundle.meta.profile the gateway knows (a version
     * suffix is ignored here; the validator still sees it), else from the event code.
     */
    public static Optional<MedComStandard> of(Bundle bundle) {
        for (CanonicalType profile : bundle.getMeta().getProfile()) {
            Optional<MedComStandard> known = forProfile(profile.getValue());
            if (known.isPresent()) {
                return known;
            }
        }
        return forEventCode(MessageBundles.eventCode(bundle));
    }

    static Optional<MedComStandard> forProfile(String canonical) {
        if (canonical == null) {
            return Optional.empty();
        }
        String url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
        return Arrays.stream(values()).filter(s -> s.messageProfile.equals(url)).findFirst();
    }

    static Optional<MedComStandard> forEventCode(String code) {
        return Arrays.stream(values()).filter(s -> s.eventCode.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return title + " " + version;
    }
}
