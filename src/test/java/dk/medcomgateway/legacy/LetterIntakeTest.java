package dk.medcomgateway.legacy;

import static dk.medcomgateway.legacy.Letters.DIS_CPR;
import static dk.medcomgateway.legacy.Letters.HOSPITAL;
import static dk.medcomgateway.legacy.Letters.LYNGBY_MUNICIPALITY_EAN;
import static dk.medcomgateway.legacy.Letters.fresh;
import static dk.medcomgateway.legacy.Letters.latin1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.privacy.PatientPseudonymizer;
import dk.medcomgateway.support.TestReceiver;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Legacy letters through the whole gateway: POST /edi and the file drop, to loopback receivers by EAN. */
class LetterIntakeTest extends LetterGatewayTestBase {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Autowired
    PatientPseudonymizer pseudonymizer;

    @Test
    void an_OIOXML_letter_is_delivered_byte_for_byte_to_the_partner_its_receiver_EAN_names_in_its_own_charset() {
        Letters.Fresh letter = fresh("DIS20_1.xml");

        Answer answer = postLetter(letter.bytes(), "application/xml");

        assertThat(answer.status()).as("taken; the envelope asks for no positive receipt").isEqualTo(202);
        assertThat(answer.body()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> !receivedAt("/lyngby", letter.envelope()).isEmpty());
        TestReceiver.Received received = receivedAt("/lyngby", letter.envelope()).get(0);
        assertThat(received.bytes()).isEqualTo(letter.bytes());
        assertThat(new String(received.bytes(), WINDOWS_1252)).contains("Lyngby Taarbæk Kommune");
        assertThat(received.contentType()).isEqualTo("application/xml; charset=windows-1252");
        awaitStatus(letter.key(), "FINALISED");
        Map<String, Object> row = jdbc.queryForMap("SELECT event_code, sender, patient_hash, content_type FROM message WHERE message_header_id = ?",
                letter.key());
        assertThat(row).containsEntry("EVENT_CODE", "XDIS20").containsEntry("SENDER", HOSPITAL)
                .containsEntry("PATIENT_HASH", pseudonymizer.hash(DIS_CPR));
        assertThat(String.join(" ", jdbc.queryForList("SELECT e.detail FROM message_event e JOIN message m ON m.id = e.message_id"
                + " WHERE m.message_header_id = ?", String.class, letter.key()))).doesNotContain(DIS_CPR);
    }

    @Test
    void an_EDIFACT_interchange_is_delivered_byte_for_byte_as_application_edifact_in_its_UNOC_charset() {
        Letters.Fresh letter = fresh("DIS20_1.edi");

        assertThat(postLetter(letter.bytes(), "application/edifact").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> !receivedAt("/lyngby", letter.envelope()).isEmpty());
        TestReceiver.Received received = receivedAt("/lyngby", letter.envelope()).get(0);
        assertThat(received.bytes()).isEqualTo(letter.bytes());
        assertThat(new String(received.bytes(), StandardCharsets.ISO_8859_1)).contains("Lyngby Taarbæk Kommune");
        assertThat(received.contentType()).isEqualTo("application/edifact; charset=ISO-8859-1");
        assertThat(jdbc.queryForObject("SELECT event_code FROM message WHERE message_header_id = ?", String.class, letter.key()))
                .isEqualTo("DIS20");
        awaitStatus(letter.key(), "FINALISED");
    }

    @Test
    void a_letter_asking_for_a_positive_receipt_gets_an_XCTL03_in_its_charset_which_also_goes_back_to_the_sender() {
        Letters.Fresh letter = fresh("DIS20_1.xml").askingForReceipt();

        Answer answer = postLetter(letter.bytes(), "application/xml; charset=windows-1252");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/xml");
        assertThat(answer.charset()).isEqualTo(WINDOWS_1252);
        Letter receipt = answer.receipt();
        assertThat(receipt.type()).isEqualTo("XCTL03");
        assertThat(receipt.senderEan()).isEqualTo(LYNGBY_MUNICIPALITY_EAN);
        assertThat(receipt.receiverEan()).isEqualTo(HOSPITAL);
        assertThat(receipt.answers().envelopeId()).isEqualTo(letter.envelope());
        await().atMost(Duration.ofSeconds(30)).until(() -> !receivedAt("/ouh", letter.envelope()).isEmpty());
        assertThat(receivedAt("/ouh", letter.envelope()).get(0).bytes()).as("the same receipt, queued back").isEqualTo(answer.body());
        await().atMost(Duration.ofSeconds(30)).until(() -> !receivedAt("/lyngby", letter.envelope()).isEmpty());
        awaitStatus(letter.key(), "DELIVERED");
        assertThat(trailSteps(letter.key())).contains("receipt", "delivered");

        Letters.Fresh interchange = fresh("DIS20_1.edi").askingForReceipt();
        Answer edifact = postLetter(interchange.bytes(), "application/edifact");
        assertThat(edifact.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(edifact.receipt().answers().envelopeId()).isEqualTo(interchange.envelope());
    }

    @Test
    void a_duplicate_envelope_is_answered_with_the_same_receipt_and_delivered_once() {
        Letters.Fresh asking = fresh("DIS20_1.edi").askingForReceipt();
        Answer first = postLetter(asking.bytes(), "application/edifact");
        Answer again = postLetter(asking.bytes(), "application/edifact");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(trailSteps(asking.key())).contains("duplicate").containsOnlyOnce("accepted");

        // A letter asking for no receipt is final once handed over, so no resend can blur the count.
        Letters.Fresh silent = fresh("DIS20_1.xml");
        assertThat(postLetter(silent.bytes(), "application/xml").status()).isEqualTo(202);
        awaitStatus(silent.key(), "FINALISED");
        assertThat(postLetter(silent.bytes(), "application/xml").status()).isEqualTo(202);
        sleep(1000);
        assertThat(receivedAt("/lyngby", silent.envelope())).hasSize(1);
        assertThat(receivedAt("/ouh", asking.envelope())).as("one receipt back to the sender").hasSize(1);
    }

    @Test
    void a_letter_for_an_unknown_receiver_gets_an_XCTL02_naming_it_and_its_resend_gets_the_same() {
        Letters.Fresh letter = fresh("DIS20_1.xml").with(LYNGBY_MUNICIPALITY_EAN, "5790000999999");

        Answer answer = postLetter(letter.bytes(), "application/xml");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/xml");
        assertThat(answer.charset()).isEqualTo(WINDOWS_1252);
        Letter receipt = answer.receipt();
        assertThat(receipt.type()).isEqualTo("XCTL02");
        assertThat(receipt.answers().refuseCode()).isEqualTo("ukendt_lokationsnummer");
        assertThat(receipt.answers().refuseText()).contains("5790000999999");
        assertThat(latin1(answer.body())).as("Danish letters as windows-1252 bytes").contains("modtages p\u00e5 MedCom-gatewayen");
        assertThat(messageStatus(letter.key())).isEqualTo("REJECTED");
        assertThat(postLetter(letter.bytes(), "application/xml").body()).isEqualTo(answer.body());
        await().atMost(Duration.ofSeconds(30)).until(() -> !receivedAt("/ouh", letter.envelope()).isEmpty());
        assertThat(receivedAt("/ouh", letter.envelope()).get(0).bytes()).isEqualTo(answer.body());
    }

    @ParameterizedTest(name = "{4}")
    @CsvSource(delimiter = '|', value = {
            "DIS17_1.xml | </NotificationOfDischarge></Emessage> | </NotificationOfDischarge> | syntaksfejl | truncated OIOXML letter",
            "DIS20_1.xml | 2005/08/07/ | 2005/08/07/wrong/ | problem_med_version | wrong namespace",
            "DIS17_1.xml | <Identifier>123456789</Identifier> | <Identifier/> | syntaksfejl | missing envelope identifier",
            "DIS20_1.edi | UNZ+1+123456789' | UNZ+1+123456789 | syntaksfejl | truncated interchange",
            "DIS20_1.edi | UNA:+.? ' | UNA:+.? ~ | syntaksfejl | segment terminator other than UNA's",
            "DIS20_1.edi | PAS+HS' | PAS+HS?' | syntaksfejl | release character escaping the segment terminator",
            "DIS20_1.edi | +123456789++++0' | +++++0' | syntaksfejl | missing interchange control reference",
    })
    void a_malformed_letter_gets_HTTP_400_and_an_XCTL02_naming_the_fault(String example, String from, String to, String refuseCode,
                                                                         String what) {
        byte[] broken = Letters.replace(Letters.example(example), from, to);

        Answer answer = postLetter(broken, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/xml");
        assertThat(answer.charset()).as("the letter's own charset").isIn(WINDOWS_1252, StandardCharsets.ISO_8859_1);
        assertThat(answer.field("StatisticalCode")).isEqualTo("XCTL02");
        assertThat(answer.field("RefuseCode")).isEqualTo(refuseCode);
        assertThat(answer.field("RefuseText")).isNotBlank();
    }

    @Test
    void external_entities_and_entity_expansion_are_refused_without_reading_any_file() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Emessage [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Emessage xmlns=\"http://rep.oio.dk/sundcom.dk/medcom.dk/xml/schemas/2005/08/07/\"><Envelope>&x;</Envelope></Emessage>";
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<Emessage>&lol2;</Emessage>";
        for (String hostile : List.of(xxe, laughs)) {
            Answer answer = postLetter(hostile.getBytes(StandardCharsets.UTF_8), "application/xml");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("DOCTYPE").doesNotContain("root:").doesNotContain("lollol");
        }
    }

    @Test
    void a_charset_parameter_contradicting_the_letters_declaration_is_refused_rather_than_mangling_it() {
        Answer answer = postLetter(fresh("DIS20_1.xml").bytes(), "application/xml; charset=UTF-8");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.field("RefuseText")).contains("contradicts");
    }

    @Test
    void a_partner_may_send_letters_only_as_its_own_EANs_and_only_when_logged_in() {
        byte[] spoofed = fresh("DIS20_1.xml").with(HOSPITAL, "5790000111111").bytes();

        assertThat(postLetter(spoofed, "application/xml").status()).isEqualTo(403);
        assertThat(postLetter(fresh("DIS20_1.xml").bytes(), "application/xml", null).status()).isEqualTo(401);
        assertThat(postLetter(fresh("DIS20_1.xml").bytes(), "application/xml", SUPPORT).status()).isEqualTo(403);
    }

    @Test
    void a_positive_receipt_from_the_receiver_finalises_the_letters_delivery() {
        Letters.Fresh letter = fresh("DIS20_1.xml").askingForReceipt();
        postLetter(letter.bytes(), "application/xml");
        awaitStatus(letter.key(), "DELIVERED");

        Answer answer = postLetter(Letters.receiptFor("CTL03_1.xml", letter.envelope()), "application/xml");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).as("a receipt is never receipted").isEmpty();
        awaitStatus(letter.key(), "FINALISED");
        assertThat(jdbc.queryForList("SELECT d.receiver_ack FROM delivery d JOIN message m ON m.id = d.message_id"
                + " WHERE m.message_header_id = ?", String.class, letter.key())).containsExactly("ok");
        assertThat(trailSteps(letter.key())).contains("receiver-ack");
    }

    @Test
    void a_negative_receipt_from_the_receiver_marks_the_letter_rejected_and_opens_a_support_case() {
        Letters.Fresh letter = fresh("DIS20_1.edi").askingForReceipt();
        postLetter(letter.bytes(), "application/edifact");
        awaitStatus(letter.key(), "DELIVERED");

        assertThat(postLetter(Letters.receiptFor("CTL02_1.xml", letter.envelope()), "application/xml").status()).isEqualTo(202);

        awaitStatus(letter.key(), "RECEIVER_REJECTED");
        assertThat(jdbc.queryForList("SELECT c.detail FROM support_case c JOIN message m ON m.id = c.message_id"
                + " WHERE m.message_header_id = ? AND c.kind = 'receiver-fatal-error'", String.class, letter.key()))
                .singleElement().asString().contains("problem_med_version");
        assertThat(postLetter(Letters.receiptFor("CTL03_1.xml", "NOSUCHENVELOPE"), "application/xml").status())
                .as("a receipt about no letter of the gateway's").isEqualTo(404);
    }

    @Test
    void a_letter_dropped_in_the_edi_inbox_is_delivered_and_its_receipt_written_beside_the_outbox() throws Exception {
        Letters.Fresh asking = fresh("DIS20_1.edi").askingForReceipt();
        Letters.Fresh silent = fresh("DIS20_1.xml");
        Path inbox = Files.createDirectories(DATA_DIR.resolve("inbox-edi"));
        Path receipts = DATA_DIR.resolve("outbox").resolve("receipts");

        Files.write(inbox.resolve("a-" + asking.envelope() + ".edi"), asking.bytes());
        Files.write(inbox.resolve("b-" + silent.envelope() + ".xml"), silent.bytes());
        Files.write(inbox.resolve("c-broken.edi"), Letters.replace(Letters.example("DIS20_1.edi"), "UNT+26+", "UNT+25+"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !receivedAt("/lyngby", asking.envelope()).isEmpty()
                && !receivedAt("/lyngby", silent.envelope()).isEmpty());
        assertThat(receivedAt("/lyngby", asking.envelope()).get(0).bytes()).isEqualTo(asking.bytes());
        Path receipt = receipts.resolve("a-" + asking.envelope() + "-receipt.xml");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(receipt) && Files.exists(receipts.resolve("c-broken-receipt.xml")));
        OioxmlLetterReader reader = new OioxmlLetterReader(List.of(".*"));
        assertThat(reader.read(Files.readAllBytes(receipt), null).answers().envelopeId()).isEqualTo(asking.envelope());
        assertThat(reader.read(Files.readAllBytes(receipts.resolve("c-broken-receipt.xml")), null).type()).isEqualTo("XCTL02");
        assertThat(receipts.resolve("b-" + silent.envelope() + "-receipt.xml")).as("no positive receipt asked").doesNotExist();
    }
}
