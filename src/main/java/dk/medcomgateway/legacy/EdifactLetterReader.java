package dk.medcomgateway.legacy;

import dk.medcomgateway.message.LetterSyntax;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a MedCom EDIFACT interchange (UNA/UNB ... UNZ) with StAEDI, which checks the envelope's
 * structure and control counts and references (UNT/UNZ) and honours UNA's delimiters and release
 * character. The interchange is one letter to the gateway: its UNB control reference is the
 * envelope identifier, its first message (UNH) the letter. The character set is the UNB syntax
 * identifier's; the bytes are read as ISO-8859-1 (one char per byte, delimiters are ASCII in every
 * syntax level) and the texts the gateway keeps are decoded again in the declared set.
 */
final class EdifactLetterReader {

    /** UN/EDIFACT syntax identifiers (ISO 9735 level A to F, W, Y) and the character sets they mean. */
    private static final Map<String, Charset> SYNTAX_CHARSETS = Map.of(
            "UNOA", StandardCharsets.US_ASCII,
            "UNOB", StandardCharsets.US_ASCII,
            "UNOC", StandardCharsets.ISO_8859_1,
            "UNOD", Charset.forName("ISO-8859-2"),
            "UNOE", Charset.forName("ISO-8859-5"),
            "UNOF", Charset.forName("ISO-8859-7"),
            "UNOW", StandardCharsets.UTF_8,
            "UNOY", StandardCharsets.UTF_8);

    private final EDIInputFactory factory = EDIInputFactory.newFactory();

    EdifactLetterReader() {
        // MedCom's message types (MEDDIS, ...) are not in UN's code list for UNH 0065.
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, false);
    }

    Letter read(byte[] body, Charset httpCharset) {
        Map<String, String> fields = new HashMap<>();
        int messages = 0;
        try (EDIStreamReader reader = factory.createEDIStreamReader(new ByteArrayInputStream(body), StandardCharsets.ISO_8859_1.name())) {
            String segment = null;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> {
                        segment = reader.getText();
                        if ("UNH".equals(segment)) {
                            messages++;
                        }
                    }
                    case ELEMENT_DATA -> {
                        Location at = reader.getLocation();
                        if (messages <= 1) {
                            fields.putIfAbsent(segment + at.getElementPosition() + "." + Math.max(1, at.getComponentPosition()),
                                    reader.getText());
                        }
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> throw new LetterFault(LetterFault.SYNTAX,
                            "EDIFACT error " + reader.getErrorType() + " in segment " + reader.getLocation().getSegmentTag()
                                    + " (segment " + reader.getLocation().getSegmentPosition() + ", element "
                                    + reader.getLocation().getElementPosition() + ")", partial(fields, body));
                    default -> {
                        // loops, composites, interchange and message boundaries: nothing to keep
                    }
                }
            }
        } catch (EDIStreamException | RuntimeException e) {
            if (e instanceof LetterFault fault) {
                throw fault;
            }
            throw new LetterFault(LetterFault.SYNTAX, "The interchange cannot be read as EDIFACT: " + e.getMessage(),
                    partial(fields, body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Charset charset = SYNTAX_CHARSETS.get(fields.get("UNB1.1"));
        Letter partial = partial(fields, body);
        if (charset == null) {
            throw new LetterFault(LetterFault.SYNTAX, "Unknown syntax identifier " + fields.get("UNB1.1") + " in UNB", partial);
        }
        LetterReader.requireAgreement(httpCharset, charset, "the interchange's " + fields.get("UNB1.1") + " (" + charset.name() + ")", partial);
        if (!decodes(body, charset)) {
            throw new LetterFault(LetterFault.SYNTAX, "The interchange has characters outside its syntax identifier "
                    + fields.get("UNB1.1") + " (" + charset.name() + ")", partial);
        }
        if (messages == 0 || partial.envelopeId() == null || partial.senderEan() == null || partial.receiverEan() == null) {
            throw new LetterFault(LetterFault.SYNTAX, "The interchange needs a sender, a recipient, a control reference and a message", partial);
        }
        return partial;
    }

    /** What could be read of the interchange; its character set ISO-8859-1 while the syntax identifier is unknown. */
    private static Letter partial(Map<String, String> fields, byte[] body) {
        Charset text = SYNTAX_CHARSETS.getOrDefault(String.valueOf(fields.get("UNB1.1")), StandardCharsets.ISO_8859_1);
        String type = fields.getOrDefault("UNH3.1", fields.get("UNH2.1"));
        String cpr = "PAT".equals(fields.get("PNA1.1")) && "CPR".equals(fields.get("PNA2.4")) ? fields.get("PNA2.1") : null;
        return new Letter(LetterSyntax.EDIFACT, text, type, fields.get("UNB5.1"), fields.get("UNH1.1"),
                fields.get("UNH2.5"), fields.get("UNB2.1"), fields.get("UNB3.1"), decoded(cpr, text),
                "1".equals(fields.get("UNB9.1")), null, null, null, body);
    }

    /** A text read as ISO-8859-1, decoded again in the interchange's own character set. */
    private static String decoded(String latin1, Charset charset) {
        return latin1 == null ? null : new String(latin1.getBytes(StandardCharsets.ISO_8859_1), charset);
    }

    private static boolean decodes(byte[] body, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
