package dk.medcomgateway.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.medcomgateway.support.EnvelopeFixtures;
import dk.medcomgateway.support.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** MedCom's published SBDH samples against the vendored schema, read offline. */
class SbdhSamplesTest {

    static final Path SBDH = EnvelopeFixtures.SBDH_DIR;
    static final Path EXAMPLES = Examples.DIR;
    private final SbdhCodec codec = new SbdhCodec(Clock.systemUTC());

    static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theFullSampleIsValidAndCarriesAFhirMessage() {
        Sbdh sbdh = codec.read(read(SBDH.resolve("ehmisbdh_fullsample.xml")));
        assertThat(sbdh.senderGln()).isEqualTo("5790000121526");
        assertThat(sbdh.receiverGln()).isEqualTo("5790000201389");
        assertThat(sbdh.scope("MESSAGEENVELOPEIDENTIFIER")).isEqualTo("f06c1ac8-6096-5178-a380-2831d2456986");
        assertThat(sbdh.mimeType()).isEqualTo("application/fhir+xml");
        assertThat(new String(sbdh.content(), java.nio.charset.StandardCharsets.UTF_8)).contains("<Bundle xmlns=\"http://hl7.org/fhir\">");
    }

    @Test
    void theShortSamplesAndTheReceiptSampleAreValid() {
        assertThat(codec.read(read(EXAMPLES.resolve("20250429_ehmisbdh_sample.xml"))).standard()).isEqualTo("homecareobservation-message");
        assertThat(codec.read(read(SBDH.resolve("ehmisbdh_fullsample_ack.xml"))).scope("ORIGINALMESSAGEIDENTIFIER"))
                .isEqualTo("f06c1ac8-6096-5178-a380-2831d2456986");
        Sbdh receipt = codec.read(read(SBDH.resolve("ReceiptAcknowledgement_full.xml")));
        assertThat(receipt.isReceipt()).isTrue();
        SbdhCodec.Receipt signal = codec.readReceipt(receipt);
        assertThat(signal.positive()).isTrue();
        assertThat(signal.originalEnvelopeId()).isEqualTo("9a6ff822-08de-5a6f-9670-9fa4b9d2f0dc");
        assertThat(signal.originalMessageId()).isEqualTo("489de4f2-0d8d-4de2-a7ce-ccb93568799f");
    }

    @Test
    void theSbdhackSampleCountsByItsHeaderThoughItsSignalIsNotWellFormed() {
        SbdhCodec.Receipt signal = codec.readReceipt(codec.read(read(SBDH.resolve("ehmisbdh_fullsample_sbdhack.xml"))));
        assertThat(signal.positive()).isTrue();
    }

    @Test
    void theShortAcknowledgementSampleBreaksTheSchemasStandardList() {
        // It says "Acknowledgement-message"; the schema (and the full sample) say "acknowledgement-message".
        assertThatThrownBy(() -> codec.read(read(EXAMPLES.resolve("20250429_ehmisbdh_ack_sample.xml"))))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("Acknowledgement-message");
    }

    @Test
    void anEnvelopeWithADoctypeIsRefusedBeforeAnyEntityIsRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<StandardBusinessDocument xmlns=\"" + SbdhCodec.NS + "\">&x;</StandardBusinessDocument>";
        assertThatThrownBy(() -> codec.read(xxe.getBytes())).isInstanceOf(EnvelopeException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void anEnvelopeMissingItsReceiverIsNotSchemaValid() {
        String sample = new String(read(SBDH.resolve("ehmisbdh_fullsample.xml")), java.nio.charset.StandardCharsets.UTF_8);
        String broken = sample.replaceFirst("(?s)<Receiver>.*?</Receiver>", "");
        assertThatThrownBy(() -> codec.read(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("Not valid against the schema");
    }
}
