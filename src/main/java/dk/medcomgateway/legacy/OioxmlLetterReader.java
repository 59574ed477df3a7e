package dk.medcomgateway.legacy;

import dk.medcomgateway.message.LetterSyntax;
import dk.medcomgateway.message.SafeXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an OIOXML {@code Emessage}: its Envelope and the one letter in it. XXE-safe: a DOCTYPE
 * is refused outright, so neither external entities nor entity expansion (billion laughs) can
 * happen. The character set is the XML declaration's (UTF-8 without one); an HTTP charset that
 * contradicts the declaration is a fault rather than a guess.
 */
final class OioxmlLetterReader {

    private final List<Pattern> namespaces;

    OioxmlLetterReader(List<String> namespacePatterns) {
        this.namespaces = namespacePatterns.stream().map(Pattern::compile).toList();
    }

    Letter read(byte[] body, Charset httpCharset) {
        Document document = parse(body, httpCharset);
        Charset charset = charsetOf(document, httpCharset);
        Element root = document.getDocumentElement();
        Element envelope = child(root, "Envelope");
        List<Element> parts = children(root);
        Element letter = parts.size() == 2 ? parts.get(1) : null;
        Letter partial = letter(charset, envelope, letter, body);
        LetterReader.requireAgreement(httpCharset, charset, "the letter's encoding " + charset.name(), partial);
        String ns = root.getNamespaceURI();
        if (!"Emessage".equals(root.getLocalName())) {
            throw new LetterFault(LetterFault.SYNTAX, "The document is a " + root.getLocalName() + ", not an OIOXML Emessage", null);
        }
        if (ns == null || namespaces.stream().noneMatch(p -> p.matcher(ns).matches())) {
            throw new LetterFault(LetterFault.VERSION, "Namespace " + ns + " is not a MedCom OIOXML namespace", partial);
        }
        if (envelope == null || letter == null || partial.envelopeId() == null) {
            throw new LetterFault(LetterFault.SYNTAX, "The Emessage must hold an Envelope with an Identifier and one letter", partial);
        }
        require(partial.type(), "Letter/StatisticalCode", partial);
        require(partial.letterId(), "Letter/Identifier", partial);
        require(partial.senderEan(), "Sender/EANIdentifier", partial);
        require(partial.receiverEan(), "Receiver/EANIdentifier", partial);
        String ack = text(envelope, "AcknowledgementCode");
        if (!"pluspositivkvitt".equals(ack) && !"minuspositivkvitt".equals(ack)) {
            throw new LetterFault(LetterFault.SYNTAX, "Envelope/AcknowledgementCode must be pluspositivkvitt or minuspositivkvitt", partial);
        }
        if (partial.isReceipt() && (partial.answers().envelopeId() == null || partial.answers().senderEan() == null)) {
            throw new LetterFault(LetterFault.SYNTAX, "A receipt must name OriginalEnvelopeIdentifier and OriginalSender/EANIdentifier", partial);
        }
        return partial;
    }

    private static void require(String value, String what, Letter partial) {
        if (value == null) {
            throw new LetterFault(LetterFault.SYNTAX, "The letter has no " + what, partial);
        }
    }

    private static Letter letter(Charset charset, Element envelope, Element letter, byte[] body) {
        Element head = child(letter, "Letter");
        Element original = child(letter, "OriginalEmessage");
        Letter.Answers answers = null;
        if (original != null) {
            Element originalLetter = child(original, "OriginalLetter");
            answers = new Letter.Answers(text(original, "OriginalEnvelopeIdentifier"), text(child(original, "OriginalSender"), "EANIdentifier"),
                    text(originalLetter, "OriginalLetterIdentifier"), "PositiveReceipt".equals(letter.getLocalName()),
                    text(originalLetter, "RefuseCode"), text(originalLetter, "RefuseText"));
        }
        return new Letter(LetterSyntax.OIOXML, charset, text(head, "StatisticalCode"), text(envelope, "Identifier"),
                text(head, "Identifier"), text(head, "VersionCode"), text(child(letter, "Sender"), "EANIdentifier"),
                text(child(letter, "Receiver"), "EANIdentifier"), text(child(letter, "Patient"), "CivilRegistrationNumber"),
                "pluspositivkvitt".equals(text(envelope, "AcknowledgementCode")), answers,
                text(child(letter, "Discharge"), "Date"), text(child(letter, "AdditionalInformation"), "Subject"), body);
    }

    private static Document parse(byte[] body, Charset httpCharset) {
        try {
            DocumentBuilder builder = SafeXml.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            InputSource source = new InputSource(new ByteArrayInputStream(body));
            if (httpCharset != null && declaredEncoding(body) == null) {
                source.setEncoding(httpCharset.name());
            }
            return builder.parse(source);
        } catch (SAXException | IOException e) {
            throw new LetterFault(LetterFault.SYNTAX, "The letter is not well-formed XML: " + e.getMessage(), unreadable(body));
        }
    }

    /** The declared encoding, else the HTTP charset, else UTF-8 (XML's default). */
    private static Charset charsetOf(Document document, Charset httpCharset) {
        String declared = document.getXmlEncoding();
        if (declared == null) {
            return httpCharset != null ? httpCharset : StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(declared);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new LetterFault(LetterFault.SYNTAX, "Unknown character set " + declared, null);
        }
    }

    private static final Pattern DECLARED_ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    /** A document that cannot be parsed: only its declared encoding is known, so its negative receipt can use it. */
    private static Letter unreadable(byte[] body) {
        String declared = declaredEncoding(body);
        Charset charset = StandardCharsets.UTF_8;
        try {
            if (declared != null && Charset.isSupported(declared)) {
                charset = Charset.forName(declared);
            }
        } catch (IllegalCharsetNameException unusable) {
            // keep UTF-8
        }
        return new Letter(LetterSyntax.OIOXML, charset, null, null, null, null, null, null, null, false, null, null, null, body);
    }

    /** The encoding the XML declaration names, or null (the declaration is ASCII-compatible in every charset a letter may use). */
    private static String declaredEncoding(byte[] body) {
        var declared = DECLARED_ENCODING.matcher(new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1));
        return declared.find() ? declared.group(1) : null;
    }

    private static List<Element> children(Element parent) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element child(Element parent, String localName) {
        return children(parent).stream().filter(e -> localName.equals(e.getLocalName())).findFirst().orElse(null);
    }

    /** The trimmed text of a child element, or null when it is missing or empty. */
    private static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        String text = e == null ? null : e.getTextContent().trim();
        return text == null || text.isEmpty() ? null : text;
    }
}
