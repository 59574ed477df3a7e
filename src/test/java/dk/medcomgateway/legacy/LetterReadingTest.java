package dk.medcomgateway.legacy;

import static dk.medcomgateway.legacy.Letters.example;
import static dk.medcomgateway.legacy.Letters.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.medcomgateway.message.LetterSyntax;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading MedCom's legacy letters, and the receipts written for them, without a gateway around. */
class LetterReadingTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final LettersProperties PROPERTIES = new LettersProperties("5790000000000",
            List.of("http://rep\\.oio\\.dk/(sundcom\\.dk/)?medcom\\.dk/xml/schemas/\\d{4}/\\d{2}/\\d{2}/"),
            "http://rep.oio.dk/sundcom.dk/medcom.dk/xml/schemas/2005/08/07/");
    private final OioxmlLetterReader oioxml = new OioxmlLetterReader(PROPERTIES.oioxmlNamespaces());
    private final EdifactLetterReader edifact = new EdifactLetterReader();
    private final Receipts receipts = new Receipts(PROPERTIES,
            Clock.fixed(Instant.parse("2026-03-03T17:30:00Z"), ZoneId.of("Europe/Copenhagen")));

    @Test
    void the_EDIFACT_DIS20_example_is_read_from_its_envelope_in_the_UNOC_character_set() {
        Letter letter = edifact.read(example("DIS20_1.edi"), null);

        assertThat(letter.syntax()).isEqualTo(LetterSyntax.EDIFACT);
        assertThat(letter.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(letter.type()).isEqualTo("DIS20");
        assertThat(letter.envelopeId()).isEqualTo("123456789");
        assertThat(letter.letterId()).isEqualTo("24681012");
        assertThat(letter.versionCode()).isEqualTo("D2030C");
        assertThat(letter.senderEan()).isEqualTo("5790000143054");
        assertThat(letter.receiverEan()).isEqualTo("5790000143055");
        assertThat(letter.cpr()).isEqualTo("2505544849");
        assertThat(letter.positiveReceiptRequested()).isFalse();
        assertThat(letter.key()).isEqualTo("edi:5790000143054:123456789");
        assertThat(letter.contentType()).isEqualTo("application/edifact; charset=ISO-8859-1");
    }

    @Test
    void an_EDIFACT_interchange_asking_for_acknowledgement_in_UNB_0031_asks_for_a_positive_receipt() {
        assertThat(edifact.read(replace(example("DIS20_1.edi"), "++++0'", "++++1'"), null).positiveReceiptRequested()).isTrue();
    }

    @Test
    void the_OIOXML_examples_are_read_in_their_windows_1252_encoding() {
        Letter discharge = oioxml.read(example("DIS17_1.xml"), null);
        assertThat(discharge.type()).isEqualTo("XDIS17");
        assertThat(discharge.charset()).isEqualTo(WINDOWS_1252);
        assertThat(discharge.dischargeDate()).isEqualTo("2000-01-24");
        assertThat(discharge.receiverEan()).isEqualTo("5790000143055");
        assertThat(discharge.contentType()).isEqualTo("application/xml; charset=windows-1252");

        Letter email = oioxml.read(example("DIS91_1.xml"), null);
        assertThat(email.type()).isEqualTo("XDIS91");
        assertThat(email.subject()).isEqualTo("Forundersøgelse");
        assertThat(email.key()).isEqualTo("edi:5790000120400:KuvertNr012234");
        assertThat(oioxml.read(example("DIS20_1.xml"), WINDOWS_1252).type()).isEqualTo("XDIS20");
    }

    @Test
    void MedComs_receipt_examples_are_read_as_answers_to_the_letter_they_name() {
        Letter positive = oioxml.read(example("CTL03_1.xml"), null);
        assertThat(positive.isReceipt()).isTrue();
        assertThat(positive.answers()).isEqualTo(new Letter.Answers("MEDREF01095", "5790000181872", "1111FRE01095", true, null, null));

        Letter negative = oioxml.read(example("CTL02_1.xml"), null);
        assertThat(negative.type()).isEqualTo("XCTL02");
        assertThat(negative.answers().positive()).isFalse();
        assertThat(negative.answers().refuseCode()).isEqualTo("problem_med_version");
        assertThat(negative.answers().refuseText()).contains("Horsens Sygehus");
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', value = {
            "DIS17_1.xml | </Emessage> | | truncated XML",
            "DIS17_1.xml | 2005/08/07/ | 2005/08/07/wrong/ | wrong namespace",
            "DIS17_1.xml | <Identifier>123456789</Identifier> | | missing envelope identifier",
            "DIS91_1.xml | <Identifier>KuvertNr012234</Identifier> | <Identifier></Identifier> | empty envelope identifier",
            "CTL03_1.xml | <OriginalEnvelopeIdentifier>MEDREF01095</OriginalEnvelopeIdentifier> | | receipt naming no letter",
            "CTL02_1.xml | minuspositivkvitt | kvittering | unknown acknowledgement code",
            "DIS20_1.xml | <?xml version=\"1.0\" encoding=\"windows-1252\"?> | <?xml version=\"1.0\" encoding=\"UTF-8\"?> | Danish letters that are not UTF-8 under a UTF-8 declaration",
    })
    void a_broken_OIOXML_letter_is_a_fault(String example, String from, String to, String what) {
        byte[] broken = from.equals("</Emessage>")
                ? java.util.Arrays.copyOf(example(example), example(example).length - 40)
                : replace(example(example), from, to == null ? "" : to);
        assertThatThrownBy(() -> oioxml.read(broken, null)).isInstanceOf(LetterFault.class);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', value = {
            "UNZ+1+123456789' | | truncated interchange",
            "UNA:+.? ' | UNA:+.? | | segment terminator other than the one UNA declares",
            "PAS+HS' | PAS+HS?' | release character before the segment terminator",
            "UNT+26+ | UNT+25+ | wrong segment count in UNT",
            "UNZ+1+123456789 | UNZ+1+123456780 | UNZ control reference not the UNB one",
            "UNB+UNOC:3 | UNB+UNOB:3 | Danish letters in a UNOB (ASCII) interchange",
            "+123456789++++0' | +++++0' | missing interchange control reference",
    })
    void a_broken_EDIFACT_interchange_is_a_fault(String from, String to, String what) {
        byte[] broken = replace(example("DIS20_1.edi"), from, to == null ? "" : to);
        assertThatThrownBy(() -> edifact.read(broken, null)).isInstanceOf(LetterFault.class)
                .extracting(e -> ((LetterFault) e).refuseCode()).isEqualTo(LetterFault.SYNTAX);
    }

    @Test
    void a_charset_parameter_that_contradicts_the_letter_is_a_fault_and_one_that_agrees_is_not() {
        assertThatThrownBy(() -> oioxml.read(example("DIS17_1.xml"), StandardCharsets.UTF_8)).isInstanceOf(LetterFault.class)
                .hasMessageContaining("contradicts");
        assertThatThrownBy(() -> edifact.read(example("DIS20_1.edi"), StandardCharsets.UTF_8)).isInstanceOf(LetterFault.class)
                .hasMessageContaining("contradicts");
        assertThat(edifact.read(example("DIS20_1.edi"), StandardCharsets.ISO_8859_1).type()).isEqualTo("DIS20");
        assertThat(LetterReader.charsetParameter("application/xml; charset=\"windows-1252\"")).isEqualTo(WINDOWS_1252);
    }

    @Test
    void external_entities_and_entity_expansion_are_refused_before_anything_is_read() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Emessage [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Emessage xmlns=\"http://rep.oio.dk/sundcom.dk/medcom.dk/xml/schemas/2005/08/07/\">&x;</Emessage>";
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;\">]><Emessage>&lol3;</Emessage>";
        for (String hostile : List.of(xxe, laughs)) {
            assertThatThrownBy(() -> oioxml.read(hostile.getBytes(StandardCharsets.UTF_8), null)).isInstanceOf(LetterFault.class)
                    .hasMessageContaining("DOCTYPE").hasMessageNotContaining("root:");
        }
    }

    @Test
    void a_positive_receipt_is_shaped_as_MedComs_XCTL03_example_and_answers_the_letter() {
        Letter letter = oioxml.read(example("DIS17_1.xml"), null);
        Letter receipt = receipts.positive(letter);

        Letter read = oioxml.read(receipt.body(), null);
        assertThat(read.type()).isEqualTo("XCTL03");
        assertThat(read.versionCode()).isEqualTo("XC0330Q");
        assertThat(read.senderEan()).isEqualTo("5790000143055");
        assertThat(read.receiverEan()).isEqualTo("5790000143054");
        assertThat(read.answers()).isEqualTo(new Letter.Answers("123456789", "5790000143054", "24681012", true, null, null));
        assertThat(read.envelopeId()).hasSize(14);
        assertThat(read.charset()).isEqualTo(WINDOWS_1252);
        assertThat(new String(receipt.body(), WINDOWS_1252)).startsWith("<?xml version=\"1.0\" encoding=\"windows-1252\"?>")
                .contains("<Sent><Date>2026-03-03</Date><Time>18:30</Time></Sent>");
    }

    @Test
    void a_negative_receipt_names_the_fault_in_the_letters_own_character_set() {
        Letter letter = oioxml.read(example("DIS17_1.xml"), null);
        Letter receipt = receipts.negative(letter, false, LetterFault.UNKNOWN_LOCATION, "Receiver EAN 5790000143055 is unknown ≠ here");

        Letter read = oioxml.read(receipt.body(), null);
        assertThat(read.type()).isEqualTo("XCTL02");
        assertThat(read.versionCode()).isEqualTo("XC0230Q");
        assertThat(read.senderEan()).as("the gateway answers: the receiver is unknown").isEqualTo("5790000000000");
        assertThat(read.answers().refuseCode()).isEqualTo("ukendt_lokationsnummer");
        assertThat(read.answers().refuseText()).contains("modtages på MedCom-gatewayen", "5790000143055", "≠");
        // "på" in windows-1252 is one byte, 0xE5; "≠" has no windows-1252 byte and is written as a character reference
        assertThat(Letters.latin1(receipt.body())).contains("p\u00e5 MedCom").contains("&#8800;");
    }

    @Test
    void a_receipt_for_an_EDIFACT_interchange_is_OIOXML_in_the_interchanges_character_set() {
        Letter receipt = receipts.positive(edifact.read(example("DIS20_1.edi"), null));
        assertThat(receipt.contentType()).isEqualTo("application/xml; charset=ISO-8859-1");
        assertThat(oioxml.read(receipt.body(), StandardCharsets.ISO_8859_1).answers().envelopeId()).isEqualTo("123456789");
    }
}
