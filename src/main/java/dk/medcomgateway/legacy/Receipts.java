package dk.medcomgateway.legacy;

import dk.medcomgateway.message.LetterSyntax;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Writes MedCom's OIOXML receipts, shaped as MedCom's own examples (CTL03_1.xml, CTL02_1.xml):
 * XCTL03 positive receipts and XCTL02 negative receipts naming the fault. A receipt is written in
 * the character set of the letter it answers; a character that set cannot hold becomes a
 * character reference. EDIFACT letters get OIOXML receipts too (MedCom's examples show no
 * EDIFACT CONTRL); the receipt then uses the interchange's character set.
 */
@Component
public class Receipts {

    static final String POSITIVE = "XCTL03";
    static final String NEGATIVE = "XCTL02";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final LettersProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Receipts(LettersProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** An XCTL03 for a letter taken, from the letter's receiver back to its sender. */
    public Letter positive(Letter letter) {
        return receipt(letter, letter.receiverEan(), null, null);
    }

    /**
     * An XCTL02 for a letter refused. {@code letter} is what could be read of it (null: nothing);
     * the receipt comes from its receiver when that is a partner, else from the gateway's own EAN.
     */
    public Letter negative(Letter letter, boolean fromReceiver, String refuseCode, String reason) {
        String from = fromReceiver && letter != null && letter.receiverEan() != null ? letter.receiverEan() : properties.gatewayEan();
        String text = "Brevet" + (letter == null || letter.letterId() == null ? "" : " med nummeret " + letter.letterId())
                + " kunne ikke modtages på MedCom-gatewayen: " + reason;
        return receipt(letter, from, refuseCode, text);
    }

    private Letter receipt(Letter letter, String from, String refuseCode, String refuseText) {
        boolean positive = refuseCode == null;
        String type = positive ? POSITIVE : NEGATIVE;
        Charset charset = letter == null ? StandardCharsets.UTF_8 : letter.charset();
        String envelopeId = newIdentifier();
        String letterId = newIdentifier();
        String to = letter == null ? null : letter.senderEan();
        ZonedDateTime now = ZonedDateTime.now(clock);
        String element = positive ? "PositiveReceipt" : "NegativeReceipt";
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"").append(charset.name()).append("\"?>\n")
                .append("<Emessage xmlns=\"").append(properties.receiptNamespace()).append("\">")
                .append("<Envelope><Sent><Date>").append(DATE.format(now)).append("</Date><Time>").append(TIME.format(now))
                .append("</Time></Sent><Identifier>").append(envelopeId).append("</Identifier>")
                .append("<AcknowledgementCode>minuspositivkvitt</AcknowledgementCode></Envelope>")
                .append('<').append(element).append("><Letter><Identifier>").append(letterId).append("</Identifier>")
                .append("<VersionCode>").append(positive ? "XC0330Q" : "XC0230Q").append("</VersionCode>")
                .append("<StatisticalCode>").append(type).append("</StatisticalCode></Letter>")
                .append("<Sender><EANIdentifier>").append(escape(from)).append("</EANIdentifier></Sender>")
                .append("<Receiver><EANIdentifier>").append(escape(to)).append("</EANIdentifier></Receiver>")
                .append("<OriginalEmessage><OriginalEnvelopeIdentifier>").append(escape(letter == null ? null : letter.envelopeId()))
                .append("</OriginalEnvelopeIdentifier>")
                .append("<OriginalSender><EANIdentifier>").append(escape(to)).append("</EANIdentifier></OriginalSender>")
                .append("<OriginalReceiver><EANIdentifier>").append(escape(letter == null ? null : letter.receiverEan()))
                .append("</EANIdentifier></OriginalReceiver>")
                .append("<OriginalLetter><OriginalLetterIdentifier>").append(escape(letter == null ? null : letter.letterId()))
                .append("</OriginalLetterIdentifier><OriginalVersionCode>").append(escape(letter == null ? null : letter.versionCode()))
                .append("</OriginalVersionCode>");
        if (!positive) {
            xml.append("<RefuseCode>").append(refuseCode).append("</RefuseCode><RefuseText>").append(escape(refuseText))
                    .append("</RefuseText>");
        }
        xml.append("</OriginalLetter></OriginalEmessage></").append(element).append("></Emessage>\n");
        byte[] body = encode(xml.toString(), charset);
        Letter.Answers answers = new Letter.Answers(letter == null ? null : letter.envelopeId(), to,
                letter == null ? null : letter.letterId(), positive, refuseCode, refuseText);
        return new Letter(LetterSyntax.OIOXML, charset, type, envelopeId, letterId, positive ? "XC0330Q" : "XC0230Q", from, to,
                null, false, answers, null, null, body);
    }

    /** 14 characters, the longest envelope identifier EDIFACT's UNB 0020 allows. */
    private String newIdentifier() {
        StringBuilder id = new StringBuilder(14);
        for (int i = 0; i < 14; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The document in the charset, with each character the charset cannot hold as a character reference. */
    private static byte[] encode(String xml, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder();
        StringBuilder safe = new StringBuilder(xml.length());
        xml.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (encoder.canEncode(ch)) {
                safe.append(ch);
            } else {
                safe.append("&#").append(cp).append(';');
            }
        });
        return safe.toString().getBytes(charset);
    }
}
