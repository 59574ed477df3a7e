package dk.medcomgateway.eds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import dk.medcomgateway.envelope.MessageFacts;
import dk.medcomgateway.envelope.SbdhCodec;
import dk.medcomgateway.support.EnvelopeFixtures;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Identifier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * EHMI delivery-status AuditEvents, checked field by field against MedCom's EDS profiles
 * (dk-ehmi-eds input/fsh/edsBasicDeliveryStatus.fsh, edsPatientDeliveryStatus.fsh).
 */
class DeliveryStatusTest extends GatewayTestBase {

    private static final String AUDIT_EVENTS = "/eds/AuditEvent";
    private static final FhirContext FHIR = FhirContext.forR4();

    @Autowired
    SbdhCodec codec;

    private static List<AuditEvent> eventsAbout(String messageHeaderId) {
        return EDS_SERVICE.received(AUDIT_EVENTS).stream().filter(r -> r.body().contains(messageHeaderId))
                .map(r -> (AuditEvent) FHIR.newJsonParser().parseResource(r.body())).toList();
    }

    private static AuditEvent only(List<AuditEvent> events, String subtype, String messageType) {
        List<AuditEvent> matching = events.stream().filter(e -> e.getSubtypeFirstRep().getCode().equals(subtype))
                .filter(e -> entity(e, "ehmiMessage").map(m -> detail(m, "ehmiMessageType").equals(messageType)).orElse(false)).toList();
        assertThat(matching).as(subtype + " " + messageType).hasSize(1);
        return matching.get(0);
    }

    private static Optional<AuditEvent.AuditEventEntityComponent> entity(AuditEvent event, String type) {
        return event.getEntity().stream().filter(e -> e.getType().getCode().equals(type)).findFirst();
    }

    private static String detail(AuditEvent.AuditEventEntityComponent entity, String type) {
        return entity.getDetail().stream().filter(d -> d.getType().equals(type)).findFirst().orElseThrow().getValue().primitiveValue();
    }

    private static AuditEvent.AuditEventAgentComponent agent(AuditEvent event, String role) {
        return event.getAgent().stream().filter(a -> a.getType().getCodingFirstRep().getCode().equals(role)).findFirst().orElseThrow();
    }

    /** What both EDS profiles require of every event. */
    private static void assertBasicShape(AuditEvent event, String senderSor, String senderGln, String receiverSor, String receiverGln) {
        assertThat(event.getIdElement().getIdPart()).isNotBlank();
        assertThat(event.getType().getSystem()).isEqualTo(DeliveryStatusEvents.TYPES);
        assertThat(event.getType().getCode()).isEqualTo("ehmiMessaging");
        assertThat(event.getSubtype()).hasSize(1);
        assertThat(event.getSubtypeFirstRep().getSystem()).isEqualTo(DeliveryStatusEvents.SUBTYPES);
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
        assertThat(event.hasPeriod()).isFalse();
        assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(event.hasOutcomeDesc()).isFalse();
        assertThat(event.hasPurposeOfEvent()).isFalse();
        assertThat(event.getAgent()).hasSizeBetween(2, 4);
        assertAgent(agent(event, "ehmiSender"), senderSor, senderGln);
        assertAgent(agent(event, "ehmiReceiver"), receiverSor, receiverGln);
        assertThat(agent(event, "ehmiReceiver").getName()).isNotBlank();
        assertThat(event.getSource().getObserver().getType()).isEqualTo("Device");
        assertThat(event.getSource().getObserver().getIdentifier().getValue()).isEqualTo("medcom-gateway");
        assertThat(event.getSource().getTypeFirstRep().getSystem()).isEqualTo(DeliveryStatusEvents.SOURCE_TYPES);
        assertThat(event.getSource().getTypeFirstRep().getCode()).isEqualTo("MSH");
        assertThat(event.getEntity()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(event.getEntity()).allSatisfy(e -> assertThat(e.getType().getSystem()).isEqualTo(DeliveryStatusEvents.ENTITY_TYPES));
        AuditEvent.AuditEventEntityComponent message = entity(event, "ehmiMessage").orElseThrow();
        assertThat(message.getWhat().getIdentifier().getValue()).isNotBlank();
        assertThat(message.getDetail()).hasSizeBetween(2, 3);
        assertThat(detail(message, "ehmiMessageVersion")).isNotBlank();
    }

    private static void assertAgent(AuditEvent.AuditEventAgentComponent agent, String sor, String gln) {
        assertThat(agent.getType().getCodingFirstRep().getSystem()).isEqualTo(DeliveryStatusEvents.ROLES);
        assertThat(agent.getWho().getType()).isEqualTo("Organization");
        assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo(sor);
        Identifier otherId = (Identifier) agent.getExtensionByUrl(DeliveryStatusEvents.OTHER_ID).getValue();
        assertThat(otherId.getType().getCodingFirstRep().getSystem()).isEqualTo(DeliveryStatusEvents.WHO_ID_TYPES);
        assertThat(otherId.getType().getCodingFirstRep().getCode()).isEqualTo("GLN");
        assertThat(otherId.getValue()).isEqualTo(gln);
    }

    private static void assertPatient(AuditEvent event, boolean expected) {
        assertThat(event.getMeta().getProfile().get(0).getValue()).isEqualTo(expected ? DeliveryStatusEvents.PATIENT_PROFILE : DeliveryStatusEvents.BASIC_PROFILE);
        Optional<AuditEvent.AuditEventEntityComponent> patient = entity(event, "ehmiPatient");
        assertThat(patient.isPresent()).isEqualTo(expected);
        patient.ifPresent(p -> {
            assertThat(p.getRole().getCode()).isEqualTo("1");
            assertThat(p.getWhat().getIdentifier().getValue()).isEqualTo(EnvelopeFixtures.STIN_PATIENT);
        });
    }

    @Test
    void aFullDeliveryOverSbdhIsReportedAtEveryHopWithTheProfilesFields() {
        String stin = Examples.addressedTo(Examples.freshStin(), SBDH_SOR);
        String headerId = Examples.headerId(stin);
        assertThat(postJson(stin).ackCode()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(20)).until(() -> trailSteps(headerId).contains("receipt"));
        String ack = receiverAck(stin);
        String ackId = Examples.headerId(ack);
        MessageFacts ackFacts = MessageFacts.of(Examples.parse(ack));
        byte[] wrapped = codec.wrap(ackFacts, ackFacts.destinations().get(0), ack.getBytes(StandardCharsets.UTF_8), "application/fhir+json").xml();
        assertThat(postTo("/sbdh", new String(wrapped, StandardCharsets.UTF_8), "application/xml", PARTNER).status()).isEqualTo(200);
        awaitFinalised(headerId);
        await().atMost(Duration.ofSeconds(20)).until(() -> eventsAbout(headerId).size() >= 4);
        List<AuditEvent> events = eventsAbout(headerId);

        String hospitalGln = EnvelopeFixtures.STIN_SENDER_GLN;
        String hospitalSor = EnvelopeFixtures.STIN_SENDER_SOR;
        AuditEvent received = only(events, "msg-received", "hospital-notification-message");
        assertBasicShape(received, hospitalSor, hospitalGln, SBDH_SOR, STIN_RECEIVER_GLN);
        assertPatient(received, true);
        assertThat(entity(received, "ehmiMessage").orElseThrow().getWhat().getIdentifier().getValue()).isEqualTo(headerId);
        assertThat(entity(received, "ehmiMessageEnvelope").orElseThrow().getWhat().getIdentifier().getValue()).isEqualTo(Examples.bundleId(stin));
        assertThat(agent(received, "ehmiSender").getRequestor()).isTrue();

        AuditEvent sent = only(events, "msg-sent", "hospital-notification-message");
        assertBasicShape(sent, hospitalSor, hospitalGln, SBDH_SOR, STIN_RECEIVER_GLN);
        assertPatient(sent, true);

        AuditEvent receipt = only(events, "msg-received-and-finalized", "SBDH_Ack");
        assertBasicShape(receipt, SBDH_SOR, STIN_RECEIVER_GLN, hospitalSor, hospitalGln);
        assertPatient(receipt, false);
        assertThat(entity(receipt, "ehmiOrigMessage").orElseThrow().getWhat().getIdentifier().getValue()).isEqualTo(headerId);
        assertThat(detail(entity(receipt, "ehmiOrigTransportEnvelope").orElseThrow(), "ehmiTransportEnvelopeType")).isEqualTo("SBDH");

        AuditEvent acknowledged = only(events, "msg-received", "acknowledgement-message");
        assertPatient(acknowledged, false);
        assertThat(entity(acknowledged, "ehmiMessage").orElseThrow().getWhat().getIdentifier().getValue()).isEqualTo(ackId);
        assertThat(entity(acknowledged, "ehmiOrigMessage").orElseThrow().getWhat().getIdentifier().getValue()).isEqualTo(headerId);
        assertThat(agent(acknowledged, "ehmiSender").getWho().getIdentifier().getValue()).isEqualTo(EnvelopeFixtures.STIN_RECEIVER_SOR);

        // The support desk's trail shows the same events.
        assertThat(trailSteps(headerId)).contains("eds-msg-received", "eds-msg-sent", "eds-msg-received-and-finalized");
        assertThat(get("/api/messages/" + headerId)).contains("eds-msg-sent").contains("EdsPatientDeliveryStatus");
    }

    @Test
    void eventsWaitWhileTheStatusServiceIsDownAndAllArriveWhenItReturns() {
        EDS_SERVICE.defaultStatus(AUDIT_EVENTS, 503);
        String stin = Examples.freshStin();
        String headerId = Examples.headerId(stin);
        try {
            assertThat(postJson(stin).ackCode()).isEqualTo("ok");
            awaitFinalised(headerId);
            sleep(1500);
            assertThat(eventsAbout(headerId)).isEmpty();
        } finally {
            EDS_SERVICE.defaultStatus(AUDIT_EVENTS, 200);
        }
        long reported = trailSteps(headerId).stream().filter(s -> s.startsWith("eds-")).count();
        assertThat(reported).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> eventsAbout(headerId).size() == reported);
        assertThat(eventsAbout(headerId)).extracting(e -> e.getSubtypeFirstRep().getCode())
                .containsExactlyInAnyOrder("msg-received", "msg-sent", "msg-received");
    }
}
