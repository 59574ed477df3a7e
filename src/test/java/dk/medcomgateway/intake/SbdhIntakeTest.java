package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.envelope.Sbdh;
import dk.medcomgateway.envelope.SbdhCodec;
import dk.medcomgateway.support.EnvelopeFixtures;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** SBDH intake on POST /sbdh and the file drop: MedCom's sample envelope around real MedCom messages. */
class SbdhIntakeTest extends GatewayTestBase {

    private static final String HERLEV = "/herlev";
    private static final String HOSPITAL = "/hospital";

    @Autowired
    SbdhCodec codec;

    private Reply postSbdh(String envelope) {
        return postTo("/sbdh", envelope, "application/xml", PARTNER);
    }

    private Sbdh receipt(Reply reply) {
        assertThat(reply.contentType()).startsWith("application/xml");
        Sbdh receipt = codec.read(reply.body().getBytes(StandardCharsets.UTF_8));
        assertThat(receipt.isReceipt()).isTrue();
        return receipt;
    }

    private static String signalOf(Sbdh receipt) {
        return new String(receipt.content(), StandardCharsets.UTF_8);
    }

    private static int receivedBy(String path, String messageHeaderId) {
        return (int) RECEIVER.received(path).stream().filter(r -> r.body().contains(messageHeaderId)).count();
    }

    @Test
    void aHospitalNotificationInMedComsSampleEnvelopeIsDeliveredAndAnsweredWithAReceiptAcknowledgement() {
        String stin = Examples.freshStin();
        Map<String, String> fields = EnvelopeFixtures.stinFields(stin);
        Reply reply = postSbdh(EnvelopeFixtures.sbdh(Examples.toXml(stin), "application/fhir+xml", fields));

        assertThat(reply.status()).isEqualTo(200);
        Sbdh receipt = receipt(reply);
        assertThat(receipt.type()).isEqualTo("ReceiptAcknowledgement");
        assertThat(receipt.scope("ORIGINALENVELOPEIDENTIFIER")).isEqualTo(fields.get("InstanceIdentifier"));
        assertThat(receipt.scope("ORIGINALMESSAGEIDENTIFIER")).isEqualTo(Examples.headerId(stin));
        assertThat(receipt.sender()).isEqualTo(fields.get("Receiver"));
        assertThat(receipt.receiver()).isEqualTo(fields.get("Sender"));
        SbdhCodec.Receipt signal = codec.readReceipt(receipt);
        assertThat(signal.positive()).isTrue();
        assertThat(signal.originalMessageId()).isEqualTo(Examples.headerId(stin));

        awaitFinalised(Examples.headerId(stin));
        assertThat(receivedBy(HERLEV, Examples.headerId(stin))).isEqualTo(1);
        // The MedCom acknowledgement goes back to the sender's partner entry as a message of its own.
        await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVER.received(HOSPITAL).stream()
                .anyMatch(r -> r.body().contains(Examples.headerId(stin)) && r.body().contains("acknowledgement-message")));
        assertThat(trailSteps(Examples.headerId(stin))).contains("ack-returned");
        assertThat(jdbc.queryForObject("SELECT channel FROM message WHERE message_header_id = ?", String.class,
                Examples.headerId(stin))).isEqualTo("sbdh");
    }

    @ParameterizedTest(name = "{0} not matching the message")
    @CsvSource({
            "Receiver, 0088:5790000000999",
            "Sender, 0088:5790000000998",
            "SENDERID, 123456789012345",
            "RECEIVERID, 1042981000016003",
            "MESSAGEIDENTIFIER, 6b5d0c59-2d4a-4b0e-8b1e-2f8c1d9f0a11",
            "MESSAGEENVELOPEIDENTIFIER, 0f4e2b8e-6a55-4b8e-9a3c-3c2d5e7f9b21",
            "PATIENTID, 0101010227",
            "Standard, care-communication-message"})
    void anEnvelopeThatDisagreesWithItsMessageGetsAReceiptExceptionNamingTheFieldAndNothingIsDelivered(String field, String value) {
        String stin = Examples.freshStin();
        Map<String, String> fields = EnvelopeFixtures.stinFields(stin);
        fields.put(field, value);
        Reply reply = postSbdh(EnvelopeFixtures.sbdh(Examples.toXml(stin), "application/fhir+xml", fields));

        assertThat(reply.status()).isEqualTo(400);
        Sbdh receipt = receipt(reply);
        assertThat(receipt.type()).isEqualTo("ReceiptException");
        SbdhCodec.Receipt signal = codec.readReceipt(receipt);
        assertThat(signal.positive()).isFalse();
        assertThat(signal.reason()).startsWith(field.equals("Standard") ? "DocumentIdentification/Standard" : field);
        assertThat(signalOf(receipt)).contains("ReceiptException>Syntax<").doesNotContain(EnvelopeFixtures.STIN_PATIENT);
        sleep(500);
        assertThat(messageStatus(Examples.headerId(stin))).isNull();
        assertThat(deliveredCount(Examples.headerId(stin))).isZero();
    }

    @Test
    void medComsFullSampleAsPublishedIsRefusedBecauseItsScopesDoNotMatchTheMessageItCarries() {
        Reply reply = postSbdh(EnvelopeFixtures.read("ehmisbdh_fullsample.xml"));

        assertThat(reply.status()).isEqualTo(400);
        SbdhCodec.Receipt signal = codec.readReceipt(receipt(reply));
        assertThat(signal.positive()).isFalse();
        assertThat(signal.reason()).contains("does not match");
    }

    @Test
    void anEnvelopeThatIsNotSchemaValidGetsAnExceptionSignal() {
        String stin = Examples.freshStin();
        String envelope = EnvelopeFixtures.sbdh(Examples.toXml(stin), "application/fhir+xml", EnvelopeFixtures.stinFields(stin))
                .replaceFirst("(?s)<HeaderVersion>1.0</HeaderVersion>", "");
        Reply reply = postSbdh(envelope);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("ReceiptException>Syntax<").contains("Not valid against the schema");
        assertThat(messageStatus(Examples.headerId(stin))).isNull();
    }

    @Test
    void anEnvelopeDeclaringAnExternalEntityIsRefusedWithoutReadingIt() throws Exception {
        Path secret = Files.writeString(DATA_DIR.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE StandardBusinessDocument [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<StandardBusinessDocument xmlns=\"http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader\">&x;</StandardBusinessDocument>";
        Reply reply = postSbdh(xxe);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("DOCTYPE").doesNotContain("TOP-SECRET-CONTENT");
    }

    @Test
    void aDuplicateEnvelopeGetsTheSameReceiptAndItsMessageIsDeliveredOnce() {
        String stin = Examples.freshStin();
        String envelope = EnvelopeFixtures.sbdh(Examples.toXml(stin), "application/fhir+xml", EnvelopeFixtures.stinFields(stin));
        assertThat(codec.readReceipt(receipt(postSbdh(envelope))).positive()).isTrue();
        assertThat(codec.readReceipt(receipt(postSbdh(envelope))).positive()).isTrue();

        awaitFinalised(Examples.headerId(stin));
        assertThat(receivedBy(HERLEV, Examples.headerId(stin))).isEqualTo(1);
        assertThat(trailSteps(Examples.headerId(stin))).contains("duplicate");
    }

    @Test
    void aPartnerMayNotSendAsAnotherOrganisationInsideAnEnvelope() {
        // The engine account may send as the hospital ward and the nursing home, not as this municipality.
        String stin = Examples.freshStin().replace("265161000016000", "1042981000016003");
        Map<String, String> fields = EnvelopeFixtures.stinFields(stin);
        fields.put("SENDERID", "1042981000016003");
        Reply reply = postSbdh(EnvelopeFixtures.sbdh(Examples.toXml(stin), "application/fhir+xml", fields));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(signalOf(receipt(reply))).contains("ReceiptException>Authorization<");
    }

    @Test
    void theSbdhIntakeAsksForCredentials() {
        String stin = Examples.freshStin();
        Reply reply = postTo("/sbdh", EnvelopeFixtures.sbdh(Examples.toXml(stin), "application/fhir+xml",
                EnvelopeFixtures.stinFields(stin)), "application/xml", null);
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void anEnvelopeDroppedInTheSbdhInboxIsProcessedAndItsReceiptWritten() throws Exception {
        String stin = Examples.freshStin();
        Path inbox = Files.createDirectories(DATA_DIR.resolve("inbox").resolve("sbdh"));
        Path drop = inbox.resolve("stin-" + Examples.headerId(stin) + ".xml");
        Files.writeString(drop, EnvelopeFixtures.sbdh(Examples.toXml(stin), "application/fhir+xml", EnvelopeFixtures.stinFields(stin)));

        Path receipt = DATA_DIR.resolve("outbox").resolve("receipts").resolve("stin-" + Examples.headerId(stin) + "-receipt.xml");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(receipt));
        assertThat(codec.read(Files.readAllBytes(receipt)).type()).isEqualTo("ReceiptAcknowledgement");
        awaitFinalised(Examples.headerId(stin));
    }
}
