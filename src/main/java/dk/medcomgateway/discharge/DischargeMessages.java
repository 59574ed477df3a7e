package dk.medcomgateway.discharge;

import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.privacy.PatientPseudonymizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Reads what discharge tracking needs from a message: a HospitalNotification's activity, patient,
 * episode and ward, or whether a CareCommunication is a document a discharge waits for (as
 * config/discharge.yaml classifies it). The patient is kept only as the CPR number's keyed hash.
 */
@Component
public class DischargeMessages {

    static final String HOSPITAL_NOTIFICATION = "hospital-notification-message";
    static final String CARE_COMMUNICATION = "care-communication-message";

    private final DischargeProperties properties;
    private final PatientPseudonymizer pseudonymizer;

    public DischargeMessages(DischargeProperties properties, PatientPseudonymizer pseudonymizer) {
        this.properties = properties;
        this.pseudonymizer = pseudonymizer;
    }

    /**
     * A HospitalNotification as the episode sees it.
     *
     * @param patientHash    the keyed hash of the patient's CPR number
     * @param episodeKey     the Encounter's episode of care identifier, {@code system|value}
     * @param encounterClass Encounter.class code (IMP inpatient, EMER acute ambulant)
     * @param ward           the sender organisation's SOR code (else GLN): the ward that sent it
     */
    public record Notification(String patientHash, String episodeKey, String encounterClass, String ward, Activity activity) {
    }

    /** A document a discharge may be waiting for, for a patient and (when the message names it) an episode. */
    public record Document(String patientHash, Optional<String> episodeKey, Set<DocumentKind> kinds) {
    }

    public Optional<Notification> notification(Bundle message) {
        if (!HOSPITAL_NOTIFICATION.equals(MessageBundles.eventCode(message))) {
            return Optional.empty();
        }
        Optional<String> cpr = MessageBundles.patientCpr(message);
        Optional<Encounter> encounter = resources(message, Encounter.class).stream().findFirst();
        Optional<String> episodeKey = encounter.flatMap(DischargeMessages::episodeKey);
        Optional<Activity> activity = currentActivity(message);
        if (cpr.isEmpty() || episodeKey.isEmpty() || activity.isEmpty()) {
            return Optional.empty();
        }
        boolean deceased = MessageBundles.patient(message).map(DischargeMessages::isDeceased).orElse(false);
        String encounterClass = encounter.get().hasClass_() ? encounter.get().getClass_().getCode() : null;
        String ward = MessageBundles.label(MessageBundles.sender(message));
        return Optional.of(new Notification(pseudonymizer.hash(cpr.get()), episodeKey.get(), encounterClass, ward,
                deceased ? activity.get().deceased() : activity.get()));
    }

    public Optional<Document> document(Bundle message) {
        if (!CARE_COMMUNICATION.equals(MessageBundles.eventCode(message))) {
            return Optional.empty();
        }
        Optional<Communication> communication = resources(message, Communication.class).stream().findFirst();
        Optional<String> cpr = MessageBundles.patientCpr(message);
        if (communication.isEmpty() || cpr.isEmpty()) {
            return Optional.empty();
        }
        List<String> categories = communication.get().getCategory().stream().flatMap(c -> c.getCoding().stream())
                .map(Coding::getCode).toList();
        String topic = communication.get().hasTopic() ? communication.get().getTopic().getText() : null;
        Set<DocumentKind> kinds = EnumSet.noneOf(DocumentKind.class);
        if (properties.report().match().matches(categories, topic)) {
            kinds.add(DocumentKind.DISCHARGE_REPORT);
        }
        if (properties.rehabilitationPlan().enabled() && properties.rehabilitationPlan().match().matches(categories, topic)) {
            kinds.add(DocumentKind.REHABILITATION_PLAN);
        }
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> episodeKey = MessageBundles.resolve(message, communication.get().getEncounter())
                .filter(Encounter.class::isInstance).map(Encounter.class::cast).flatMap(DischargeMessages::episodeKey);
        return Optional.of(new Document(pseudonymizer.hash(cpr.get()), episodeKey, kinds));
    }

    /**
     * A legacy letter that is a discharge report (config/discharge.yaml {@code report.letters}):
     * letters name no episode, so it ends the patient's earliest awaited report.
     */
    public Optional<Document> letterDocument(String cpr, String letterType, String subject) {
        if (cpr == null || properties.report().letters().stream().noneMatch(m -> m.matches(List.of(letterType), subject))) {
            return Optional.empty();
        }
        return Optional.of(new Document(pseudonymizer.hash(cpr), Optional.empty(), EnumSet.of(DocumentKind.DISCHARGE_REPORT)));
    }

    /**
     * A legacy discharge advice (XDIS17) as a discharge notification. Letters name no episode of care: the episode is
     * the discharging ward's EAN with the discharge date, {@code edi:<ward EAN>|<discharge date>}.
     */
    public Notification letterNotification(String cpr, String wardEan, String dischargeDate, String letterType) {
        return new Notification(pseudonymizer.hash(cpr), "edi:" + wardEan + "|" + dischargeDate, null, wardEan,
                new Activity(Activity.Event.DISCHARGE, Activity.Modifier.NEW, letterType));
    }

    /**
     * The activity this message reports: its own Provenance (the one whose target is this
     * MessageHeader); earlier Provenances are the history it carries along. When none targets the
     * header, the most recently recorded one.
     */
    static Optional<Activity> currentActivity(Bundle message) {
        String headerId = MessageBundles.headerId(message);
        List<Provenance> provenances = resources(message, Provenance.class);
        Optional<Provenance> own = provenances.stream()
                .filter(p -> p.getTarget().stream().map(Reference::getReference)
                        .anyMatch(ref -> ref != null && headerId != null && ref.endsWith(headerId)))
                .findFirst()
                .or(() -> provenances.stream().filter(Provenance::hasRecorded).max(Comparator.comparing(Provenance::getRecorded)));
        return own.flatMap(p -> p.getActivity().getCoding().stream()
                .filter(c -> Activity.SYSTEM.equals(c.getSystem()))
                .map(c -> Activity.of(c.getCode())).flatMap(Optional::stream).findFirst());
    }

    /** MORS: Patient.deceasedBoolean true or a deceasedDateTime. */
    private static boolean isDeceased(Patient patient) {
        if (patient.hasDeceasedBooleanType()) {
            return patient.getDeceasedBooleanType().booleanValue();
        }
        return patient.hasDeceasedDateTimeType();
    }

    private static Optional<String> episodeKey(Encounter encounter) {
        return encounter.getEpisodeOfCare().stream().filter(Reference::hasIdentifier).map(Reference::getIdentifier)
                .filter(Identifier::hasValue).findFirst()
                .map(id -> (id.hasSystem() ? id.getSystem() : "") + "|" + id.getValue());
    }

    private static <T extends Resource> List<T> resources(Bundle message, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : message.getEntry()) {
            if (type.isInstance(entry.getResource())) {
                found.add(type.cast(entry.getResource()));
            }
        }
        return found;
    }
}
