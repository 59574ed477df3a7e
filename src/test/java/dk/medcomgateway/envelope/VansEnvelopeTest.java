package dk.medcomgateway.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.EnvelopeFixtures;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import dk.medcomgateway.support.TestReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** FHIR messages in MedCom VANS envelopes, in on POST /vans and out to delivery.envelope: vans partners. */
class VansEnvelopeTest extends GatewayTestBase {

    /** A VANS envelope as MedCom's network-envelope document describes it, around a message. */
    private static String vans(String fhirJson, String identifier, String name, String senderEan) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <VANSEnvelope>
                  <EnvelopeIdentifier>%s</EnvelopeIdentifier>
                  <Sender><EAN>%s</EAN></Sender>
                  <Receiver><EAN>%s</EAN></Receiver>
                  <Message>
                    <MetaInformation>
                      <Identifier>%s</Identifier>
                      <Document><Format>HL7</Format><Name>%s</Name><Version>2.0.0</Version></Document>
                      <Transport><Type>reliable</Type><ServiceTag name="MCM:MIME">application/fhir+json</ServiceTag></Transport>
                    </MetaInformation>
                    <Data>%s</Data>
                  </Message>
                </VANSEnvelope>
                """.formatted(UUID.randomUUID(), senderEan, STIN_RECEIVER_GLN, identifier, name,
                Base64.getEncoder().encodeToString(fhirJson.getBytes(StandardCharsets.UTF_8)));
    }

    private Reply postVans(String envelope) {
        return postTo("/vans", envelope, "application/xml", PARTNER);
    }

    @Test
    void aHospitalNotificationInAVansEnvelopeIsDeliveredAndAcknowledgedPositively() {
        String stin = Examples.freshStin();
        String headerId = Examples.headerId(stin);
        Reply reply = postVans(vans(stin, headerId, "MCM:FDIS20#admit-inpatient", EnvelopeFixtures.STIN_SENDER_GLN));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("<VANSEnvelopeAcknowledgement>").contains("<Status>positive</Status>")
                .contains("<MessageIdentifier>" + headerId + "</MessageIdentifier>");
        awaitFinalised(headerId);
        assertThat(RECEIVER.received("/herlev").stream().filter(r -> r.body().contains(headerId))).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> trailSteps(headerId).contains("ack-returned"));
    }

    @Test
    void aVansEnvelopeThatDisagreesWithItsMessageIsAcknowledgedNegativelyAndNothingIsDelivered() {
        String stin = Examples.freshStin();
        String headerId = Examples.headerId(stin);
        Reply wrongId = postVans(vans(stin, UUID.randomUUID().toString(), "MCM:FDIS20#admit-inpatient", EnvelopeFixtures.STIN_SENDER_GLN));
        Reply wrongName = postVans(vans(stin, headerId, "MCM:FDIS91#other", EnvelopeFixtures.STIN_SENDER_GLN));
        Reply wrongSender = postVans(vans(stin, headerId, "MCM:FDIS20", "5790000000998"));

        assertThat(wrongId.status()).isEqualTo(400);
        assertThat(wrongId.body()).contains("<Status>negative</Status>").contains("field=\"Identifier\"");
        assertThat(wrongName.body()).contains("field=\"Name\"");
        assertThat(wrongSender.body()).contains("field=\"Sender\"");
        sleep(500);
        assertThat(messageStatus(headerId)).isNull();
        assertThat(deliveredCount(headerId)).isZero();
    }

    @Test
    void aMessageForAVansPartnerArrivesInAVansEnvelopeAndRoundTripsThroughTheGatewaysIntake() {
        String stin = Examples.addressedTo(Examples.freshStin(), VANS_SOR);
        String headerId = Examples.headerId(stin);
        assertThat(postJson(stin).ackCode()).isEqualTo("ok");

        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVER.received("/vans-receiver").stream()
                .anyMatch(r -> r.body().contains("<Identifier>" + headerId + "</Identifier>")));
        TestReceiver.Received got = RECEIVER.received("/vans-receiver").stream()
                .filter(r -> r.body().contains("<Identifier>" + headerId + "</Identifier>")).findFirst().orElseThrow();
        assertThat(got.contentType()).startsWith("application/xml");
        assertThat(got.body()).contains("<Format>HL7</Format>", "<Name>MCM:FDIS20#admit-inpatient</Name>", "<Version>2.0.0</Version>",
                "<ServiceTag name=\"MCM:MIME\">application/fhir+json</ServiceTag>", "<Type>reliable</Type>",
                "<Sender>", "<EAN>" + EnvelopeFixtures.STIN_SENDER_GLN + "</EAN>", "<EAN>" + STIN_RECEIVER_GLN + "</EAN>");
        String data = EnvelopeFixtures.value(got.body(), "<Data>\\s*(.*?)\\s*</Data>");
        assertThat(new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8)).isEqualTo(stin);

        Reply again = postVans(got.body());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("<Status>positive</Status>");
        assertThat(trailSteps(headerId)).contains("duplicate");
    }
}
