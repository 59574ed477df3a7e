package dk.medcomgateway.eds;

import dk.medcomgateway.envelope.MessageFacts;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.TransportEnvelope;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * EHMI delivery-status AuditEvents shaped by MedCom's EDS profiles (medcomdk/dk-ehmi-eds,
 * input/fsh/edsBasicDeliveryStatus.fsh and edsPatientDeliveryStatus.fsh): type ehmiMessaging, one
 * EHMI subtype, action C, outcome 0, the sender and receiver agents (SOR, with the GLN in the
 * eds-otherId extension), the gateway as reporting MSH device, and the message entities. The patient
 * variant adds the ehmiPatient entity; the basic one (acknowledgements, receipts) has no patient.
 */
@Component
public class DeliveryStatusEvents {

    public static final String EDS = "http://medcomehmi.dk/ig/dk-ehmi-eds";
    public static final String BASIC_PROFILE = EDS + "/StructureDefinition/EdsBasicDeliveryStatus";
    public static final String PATIENT_PROFILE = EDS + "/StructureDefinition/EdsPatientDeliveryStatus";
    public static final String OTHER_ID = EDS + "/StructureDefinition/eds-otherId";
    private static final String TERMINOLOGY = "http://medcomehmi.dk/ig/terminology/CodeSystem/";
    public static final String TYPES = TERMINOLOGY + "ehmi-delivery-status-types";
    public static final String SUBTYPES = TERMINOLOGY + "ehmi-delivery-status-sub-types";
    public static final String ROLES = TERMINOLOGY + "ehmi-delivery-status-participationroletype";
    public static final String WHO_ID_TYPES = TERMINOLOGY + "ehmi-delivery-status-agent-who-identifier-types";
    public static final String SOURCE_TYPES = TERMINOLOGY + "ehmi-delivery-status-source-type";
    public static final String ENTITY_TYPES = TERMINOLOGY + "ehmi-delivery-status-entity-type";

    /** The EHMI subtypes the gateway reports (EhmiDeliveryStatusSubTypes). */
    public enum Subtype {
        MSG_SENT("msg-sent", "Message sent"),
        MSG_RECEIVED("msg-received", "Message received"),
        MSG_RECEIVED_AND_FINALIZED("msg-received-and-finalized", "Message received and finalized");

        private final String code;
        private final String display;

        Subtype(String code, String display) {
            this.code = code;
            this.display = display;
        }

        public String code() {
            return code;
        }
    }

    /** A message as an EDS entity: its id, MedCom type and version, and the id of its Bundle (null for a receipt). */
    public record Message(String id, String type, String version, String bundleId) {

        public static Message of(MessageFacts facts) {
            return new Message(facts.messageHeaderId(), facts.eventCode(), facts.version(), facts.bundleId());
        }
    }

    private final Clock clock;
    private final String deviceId;

    public DeliveryStatusEvents(Clock clock, EdsProperties properties) {
        this.clock = clock;
        this.deviceId = properties.deviceId();
    }

    /**
     * One event. {@code patientCpr} null makes it an EdsBasicDeliveryStatus; {@code transport} and
     * {@code original} (the message an acknowledgement or receipt answers) are optional.
     */
    public AuditEvent event(Subtype subtype, MessageFacts.Party sender, MessageFacts.Party receiver, Message message,
                            TransportEnvelope transport, Message original, String patientCpr) {
        AuditEvent event = new AuditEvent();
        event.setId(UUID.randomUUID().toString());
        event.getMeta().addProfile(patientCpr == null ? BASIC_PROFILE : PATIENT_PROFILE);
        event.setType(new Coding(TYPES, "ehmiMessaging", "EHMI messaging event"));
        event.addSubtype(new Coding(SUBTYPES, subtype.code, subtype.display));
        event.setAction(AuditEvent.AuditEventAction.C);
        event.setRecorded(Date.from(clock.instant()));
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        agent(event, "ehmiSender", "Sender", sender, true);
        agent(event, "ehmiReceiver", "Receiver", receiver, false);
        event.getSource().setObserver(new Reference().setType("Device").setIdentifier(new Identifier().setValue(deviceId))
                .setDisplay("MedCom gateway")).addType(new Coding(SOURCE_TYPES, "MSH", "MSH (Application Server)"));
        messageEntity(event, "ehmiMessage", "Message", message);
        if (message.bundleId() != null) {
            entity(event, "ehmiMessageEnvelope", "Message Envelope", message.bundleId())
                    .addDetail().setType("ehmiMessageEnvelopeType").setValue(new StringType("Bundle"));
        }
        if (transport != null) {
            var entity = entity(event, original == null ? "ehmiTransportEnvelope" : "ehmiOrigTransportEnvelope",
                    original == null ? "Transport Envelope" : "Original Transport Envelope", transport.id());
            entity.addDetail().setType("ehmiTransportEnvelopeType").setValue(new StringType(transport.type()));
            entity.addDetail().setType("ehmiTransportEnvelopeVersion").setValue(new StringType(transport.version()));
        }
        if (original != null) {
            messageEntity(event, "ehmiOrigMessage", "Original Message", original);
        }
        if (patientCpr != null) {
            entity(event, "ehmiPatient", "Patient", null).setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"))
                    .getWhat().setIdentifier(new Identifier().setSystem(MessageBundles.CPR_SYSTEM).setValue(patientCpr));
        }
        return event;
    }

    private static void agent(AuditEvent event, String role, String display, MessageFacts.Party party, boolean requestor) {
        AuditEvent.AuditEventAgentComponent agent = event.addAgent();
        agent.setType(new CodeableConcept(new Coding(ROLES, role, display)));
        agent.setRequestor(requestor);
        agent.setName(party.name() != null ? party.name() : party.sor());
        agent.setWho(new Reference().setType("Organization").setDisplay(party.name())
                .setIdentifier(new Identifier().setSystem(MessageBundles.SOR_SYSTEM).setValue(party.sor())));
        if (party.gln() != null) {
            agent.addExtension(OTHER_ID, new Identifier().setType(new CodeableConcept(new Coding(WHO_ID_TYPES, "GLN", "GLN")))
                    .setValue(party.gln()));
        }
    }

    private static void messageEntity(AuditEvent event, String code, String display, Message message) {
        var entity = entity(event, code, display, message.id());
        entity.addDetail().setType("ehmiMessageType").setValue(new StringType(message.type()));
        entity.addDetail().setType("ehmiMessageVersion").setValue(new StringType(message.version()));
    }

    private static AuditEvent.AuditEventEntityComponent entity(AuditEvent event, String code, String display, String id) {
        AuditEvent.AuditEventEntityComponent entity = event.addEntity();
        entity.setType(new Coding(ENTITY_TYPES, code, display));
        if (id != null) {
            entity.setWhat(new Reference().setIdentifier(new Identifier().setValue(id)));
        }
        return entity;
    }
}
