package dk.medcomgateway.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.EnvelopeFixtures;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import dk.medcomgateway.support.TestReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Delivery to partners configured with delivery.envelope: sbdh. */
class SbdhDeliveryTest extends GatewayTestBase {

    @Autowired
    SbdhCodec codec;

    private static List<TestReceiver.Received> envelopesAt(String path, String messageHeaderId) {
        return RECEIVER.received(path).stream()
                .filter(r -> EnvelopeFixtures.value(r.body(), "<Type>MESSAGEIDENTIFIER</Type>\\s*<InstanceIdentifier>\\s*(.*?)\\s*</InstanceIdentifier>")
                        .equals(messageHeaderId)).toList();
    }

    @Test
    void aMessageForAnSbdhPartnerArrivesWrappedWithScopesFromTheMessageAndRoundTripsThroughTheGatewaysIntake() {
        String stin = Examples.addressedTo(Examples.freshStin(), SBDH_SOR);
        String headerId = Examples.headerId(stin);
        assertThat(postJson(stin).ackCode()).isEqualTo("ok");

        await().atMost(Duration.ofSeconds(20)).until(() -> envelopesAt("/sbdh-receiver", headerId).size() == 1);
        TestReceiver.Received got = envelopesAt("/sbdh-receiver", headerId).get(0);
        assertThat(got.contentType()).startsWith("application/xml");
        Sbdh envelope = codec.read(got.body().getBytes(StandardCharsets.UTF_8)); // schema-validated
        assertThat(envelope.sender()).isEqualTo("0088:" + EnvelopeFixtures.STIN_SENDER_GLN);
        assertThat(envelope.receiver()).isEqualTo("0088:" + STIN_RECEIVER_GLN);
        assertThat(envelope.standard()).isEqualTo("hospital-notification-message");
        assertThat(envelope.typeVersion()).isEqualTo("3.0.2");
        assertThat(envelope.scope("SENDERID")).isEqualTo(EnvelopeFixtures.STIN_SENDER_SOR);
        assertThat(envelope.scope("RECEIVERID")).isEqualTo(SBDH_SOR);
        assertThat(envelope.scope("MESSAGEIDENTIFIER")).isEqualTo(headerId);
        assertThat(envelope.scope("MESSAGEENVELOPEIDENTIFIER")).isEqualTo(Examples.bundleId(stin));
        assertThat(envelope.scope("PATIENTID")).isEqualTo(EnvelopeFixtures.STIN_PATIENT);
        assertThat(envelope.scope("EHMI-ReceiptAcknowledgement")).isEqualTo("Request");
        assertThat(envelope.mimeType()).isEqualTo("application/fhir+json");
        assertThat(new String(envelope.content(), StandardCharsets.UTF_8)).isEqualTo(stin);
        await().atMost(Duration.ofSeconds(10)).until(() -> trailSteps(headerId).contains("receipt"));

        // What the receiver got is an envelope the gateway's own intake takes: positive receipt, delivered once.
        Reply again = postTo("/sbdh", got.body(), "application/xml", PARTNER);
        assertThat(again.status()).isEqualTo(200);
        assertThat(codec.readReceipt(codec.read(again.body().getBytes(StandardCharsets.UTF_8))).positive()).isTrue();
        assertThat(trailSteps(headerId)).contains("duplicate");

        // The receiver's MedCom acknowledgement comes back in an SBDH of its own and finalises the message.
        String ack = receiverAck(stin);
        MessageFacts ackFacts = MessageFacts.of(Examples.parse(ack));
        byte[] wrappedAck = codec.wrap(ackFacts, ackFacts.destinations().get(0), ack.getBytes(StandardCharsets.UTF_8),
                "application/fhir+json").xml();
        Reply ackReply = postTo("/sbdh", new String(wrappedAck, StandardCharsets.UTF_8), "application/xml", PARTNER);
        assertThat(ackReply.status()).isEqualTo(200);
        awaitFinalised(headerId);
        assertThat(envelopesAt("/sbdh-receiver", headerId)).hasSize(1);
    }

    @Test
    void aTransferWithoutItsReceiptInTimeCountsAsFailedAndIsRetriedUntilAReceiptArrives() {
        String stin = Examples.addressedTo(Examples.freshStin(), SBDH_LATE_SOR);
        String headerId = Examples.headerId(stin);
        assertThat(postJson(stin).ackCode()).isEqualTo("ok");

        // The late partner answers every envelope with an empty body; the first transfer times out and is sent again.
        await().atMost(Duration.ofSeconds(20)).until(() -> envelopesAt("/sbdh-late", headerId).size() >= 2);
        assertThat(trailSteps(headerId)).contains("attempt-failed");
        assertThat(jdbc.queryForList("SELECT e.detail FROM message_event e JOIN message m ON m.id = e.message_id"
                + " WHERE m.message_header_id = ? AND e.step = 'attempt-failed'", String.class, headerId))
                .anyMatch(d -> d.contains("no eDelivery receipt"));
        List<TestReceiver.Received> sent = envelopesAt("/sbdh-late", headerId);
        String first = EnvelopeFixtures.value(sent.get(0).body(), "<DocumentIdentification>.*?<InstanceIdentifier>\\s*(.*?)\\s*</InstanceIdentifier>");
        String second = EnvelopeFixtures.value(sent.get(1).body(), "<DocumentIdentification>.*?<InstanceIdentifier>\\s*(.*?)\\s*</InstanceIdentifier>");
        assertThat(second).as("each transfer is a new envelope").isNotEqualTo(first);

        // Now the partner's access point posts its receipt for the latest envelope: the transfer counts.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<TestReceiver.Received> now = envelopesAt("/sbdh-late", headerId);
            postTo("/sbdh", EnvelopeFixtures.receiptFor(now.get(now.size() - 1).body()), "application/xml", PARTNER);
            return trailSteps(headerId).contains("receipt");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT d.status FROM delivery d JOIN message m"
                + " ON m.id = d.message_id WHERE m.message_header_id = ?", String.class, headerId).equals("TRANSFERRED"));
    }
}
