package dk.medcomgateway.escort.contract;

import dk.medcomgateway.fhir.MessageBundles;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationPayloadComponent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Builds the MedCom CareCommunication 5.0 messages of the escort flow: a text for the reader and
 * the same content as a PDF form attached, from one organisation to another, in one thread
 * (Communication.identifier) per contract. A message that answers an earlier one names it in its
 * Provenance, as MedCom's reply-message does.
 */
@Component
public class CareCommunications {

    static final String CATEGORY = "carecoordination";
    private static final String BASE = "https://medcomfhir.dk/ig/carecommunication/";
    private static final String IG = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/";
    private static final String CORE = "http://medcomfhir.dk/ig/core/StructureDefinition/";
    private static final String TERMINOLOGY = "http://medcomfhir.dk/ig/terminology/CodeSystem/";
    private static final String DEFINITION =
            "http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|5.0";
    private static final String SOR_ENDPOINT = "https://sor2.sum.dsdn.dk/#id=";

    /** An organisation a message goes from or to. */
    public record Party(String name, String sor, String gln) {
    }

    /** A PDF form attached to the text. */
    public record Form(String title, byte[] pdf) {
    }

    /**
     * @param threadId    the contract's Communication.identifier (urn:uuid:...)
     * @param precedingId the MessageHeader.id of the message this one answers, or null for the first
     */
    public record Draft(Party from, Party to, Patient patient, String threadId, String topic, Contact author, String text,
                       Form form, String precedingId) {
    }

    private final Clock clock;

    public CareCommunications(Clock clock) {
        this.clock = clock;
    }

    public Bundle build(Draft draft) {
        Date now = Date.from(clock.instant());
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE).setTimestamp(now);
        bundle.setId(uuid());
        bundle.getMeta().addProfile(IG + "medcom-careCommunication-message");

        Organization sender = organization(draft.from());
        Organization receiver = organization(draft.to());
        Patient patient = draft.patient().copy();
        patient.setId(uuid());
        patient.setMeta(null);
        patient.getMeta().addProfile(CORE + "medcom-core-patient");
        Practitioner practitioner = new Practitioner();
        practitioner.setId(uuid());
        practitioner.getMeta().addProfile(CORE + "medcom-core-practitioner");
        practitioner.addName().setText(draft.author().name());
        PractitionerRole role = new PractitionerRole();
        role.setId(uuid());
        role.getMeta().addProfile(CORE + "medcom-core-practitionerrole");
        role.setPractitioner(reference(practitioner));
        role.addCode().setText(draft.author().role() == null || draft.author().role().isBlank() ? "Kontaktperson" : draft.author().role());

        Communication communication = new Communication();
        communication.setId(uuid());
        communication.getMeta().addProfile(IG + "medcom-careCommunication-communication");
        communication.addIdentifier(new Identifier().setValue(draft.threadId()));
        communication.setStatus(Communication.CommunicationStatus.UNKNOWN);
        communication.addCategory().addCoding(new Coding(TERMINOLOGY + "medcom-careCommunication-categoryCodes", CATEGORY, null));
        communication.setSubject(reference(patient));
        communication.getTopic().setText(draft.topic());
        String textId = "urn:uuid:" + uuid();
        CommunicationPayloadComponent text = communication.addPayload();
        text.addExtension(CORE + "medcom-core-datetime-extension", new DateTimeType(now));
        text.addExtension(CORE + "medcom-core-identifier-extension", new Identifier().setValue(textId).setAssigner(reference(sender)));
        text.addExtension(CORE + "medcom-core-practitioner-extension", reference(role));
        text.addExtension(CORE + "medcom-core-contact-extension",
                new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(draft.author().phone()));
        text.setContent(new org.hl7.fhir.r4.model.StringType(draft.text()));
        String formId = "urn:uuid:" + uuid();
        CommunicationPayloadComponent form = communication.addPayload();
        form.addExtension(CORE + "medcom-core-datetime-extension", new DateTimeType(now));
        form.addExtension(CORE + "medcom-core-identifier-extension", new Identifier().setValue(formId).setAssigner(reference(sender)));
        form.setContent(new Attachment().setContentType("application/pdf").setData(draft.form().pdf())
                .setTitle(draft.form().title()).setCreationElement(new DateTimeType(now)));

        MessageHeader header = new MessageHeader();
        header.setId(uuid());
        header.getMeta().addProfile(IG + "medcom-careCommunication-messageHeader");
        header.setEvent(new Coding(MessageBundles.EVENT_CODE_SYSTEM, "care-communication-message", null));
        MessageHeader.MessageDestinationComponent destination = header.addDestination()
                .setEndpoint(SOR_ENDPOINT + draft.to().sor()).setReceiver(reference(receiver));
        destination.addExtension("http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension",
                new Coding(TERMINOLOGY + "medcom-messaging-destinationUse", "primary", null));
        header.setSender(reference(sender));
        header.getSource().setEndpoint(SOR_ENDPOINT + draft.from().sor());
        header.addFocus(reference(communication));
        header.setDefinition(DEFINITION);

        Provenance provenance = new Provenance();
        provenance.setId(uuid());
        provenance.getMeta().addProfile(IG + "medcom-careCommunication-provenance");
        provenance.addTarget(reference(header));
        provenance.setOccurred(new DateTimeType(now));
        provenance.setRecorded(now);
        provenance.getActivity().addCoding(new Coding(TERMINOLOGY + "medcom-messaging-activityCodes",
                draft.precedingId() == null ? "new-message" : "reply-message", null));
        provenance.addAgent().setWho(reference(sender));
        provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).getWhat().getIdentifier().setValue(textId);
        provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).getWhat().getIdentifier().setValue(formId);
        if (draft.precedingId() != null) {
            provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.REVISION)
                    .setWhat(new Reference("MessageHeader/" + draft.precedingId()));
        }

        for (Resource resource : List.of(header, patient, communication, role, practitioner, receiver, sender, provenance)) {
            bundle.addEntry().setFullUrl(BASE + resource.fhirType() + "/" + resource.getIdElement().getIdPart()).setResource(resource);
        }
        return bundle;
    }

    /** A new thread id for a contract: Communication.identifier must be a urn:uuid (version 4). */
    static String newThreadId() {
        return "urn:uuid:" + uuid();
    }

    private static Organization organization(Party party) {
        Organization organization = new Organization();
        organization.setId(uuid());
        organization.getMeta().addProfile("http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization");
        if (party.gln() != null && !party.gln().isBlank()) {
            organization.addIdentifier().setSystem(MessageBundles.GLN_SYSTEM).setValue(party.gln());
        }
        organization.addIdentifier().setSystem(MessageBundles.SOR_SYSTEM).setValue(party.sor());
        organization.setName(party.name());
        return organization;
    }

    private static Reference reference(Resource resource) {
        return new Reference(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
