package dk.medcomgateway.envelope;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.xml.validation.Schema;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads and writes EHMI SBDH envelopes (the UN/CEFACT Standard Business Document Header as
 * MedCom's dk-ehmi-sbdh guide profiles it) and the eDelivery receipt signals that answer them.
 * Everything read or written is validated against the vendored SBDH schema.
 */
@Component
public class SbdhCodec {

    public static final String NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";
    public static final String BC_NS = "http://peppol.eu/xsd/ticc/envelope/1.0";
    public static final String SIGNALS_NS = "http://docs.oasis-open.org/ebxml-bp/ebbp-signals-2.0";
    private static final String SCOPE_IDENTIFIER = "dk-medcom-messaging";
    private static final String PROCESS = "urn:ehmi:sdn-emergence";
    private static final String RECEIPT_DOCUMENT_ID =
            "urn:dk:healthcare:messaging:oasis:ebxml:schema:xsd::ehmisbdh-acknowledgement##urn:dk:ehmi:sbdh:ehmisbdh-acknowledgement::1.0";
    /** The schema fixes TimeToAcknowledgeReceipt at this value; the wait the gateway applies is configuration. */
    private static final long SCHEMA_RECEIPT_TIME_MS = 600000;

    private final Schema schema;
    private final Clock clock;

    public SbdhCodec(Clock clock) {
        this.clock = clock;
        // MedCom's schema with the gateway's two changes (envelope/sbdh/README.md); every other file as vendored.
        this.schema = EnvelopeXml.schema("envelope/sbdh", "gateway/ehmiStandardBusinessDocumentHeader.xsd",
                Map.of("ehmiDocumentIdentification-gateway.xsd", "envelope/sbdh/gateway/ehmiDocumentIdentification-gateway.xsd"));
    }

    /** Parses and schema-validates an envelope and decodes its BinaryContent. */
    public Sbdh read(byte[] xml) {
        Document document = EnvelopeXml.parse(xml);
        EnvelopeXml.validate(schema, document);
        Element root = document.getDocumentElement();
        Element header = EnvelopeXml.child(root, NS, "StandardBusinessDocumentHeader");
        Element identification = EnvelopeXml.child(header, NS, "DocumentIdentification");
        Map<String, String> scopes = new LinkedHashMap<>();
        for (Element scope : EnvelopeXml.children(EnvelopeXml.child(header, NS, "BusinessScope"), NS, "Scope")) {
            scopes.putIfAbsent(EnvelopeXml.text(scope, NS, "Type"), EnvelopeXml.text(scope, NS, "InstanceIdentifier"));
        }
        Element binary = EnvelopeXml.child(root, BC_NS, "BinaryContent");
        if (binary == null) {
            binary = EnvelopeXml.child(root, NS, "BinaryContent");
        }
        byte[] content = Base64.getMimeDecoder().decode(binary.getTextContent().trim());
        return new Sbdh(EnvelopeXml.text(EnvelopeXml.child(header, NS, "Sender"), NS, "Identifier"),
                EnvelopeXml.text(EnvelopeXml.child(header, NS, "Receiver"), NS, "Identifier"),
                EnvelopeXml.text(identification, NS, "Standard"), EnvelopeXml.text(identification, NS, "TypeVersion"),
                EnvelopeXml.text(identification, NS, "InstanceIdentifier"), EnvelopeXml.text(identification, NS, "Type"),
                EnvelopeXml.text(identification, NS, "CreationDateAndTime"), scopes, binary.getAttribute("mimeType"),
                binary.hasAttribute("encoding") ? binary.getAttribute("encoding") : "UTF-8", content);
    }

    /** The envelope id a written envelope got, with its bytes. */
    public record Written(String envelopeId, byte[] xml) {
    }

    /**
     * Wraps a MedCom message for one receiver, scopes filled from the message (MESSAGEIDENTIFIER =
     * MessageHeader.id, MESSAGEENVELOPEIDENTIFIER = Bundle.id, SENDERID/RECEIVERID = SOR codes), asking
     * for an eDelivery receipt.
     */
    public Written wrap(MessageFacts facts, MessageFacts.Party receiver, byte[] content, String mimeType) {
        String envelopeId = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        Document document = EnvelopeXml.newDocument();
        Element header = header(document, gln(facts.sender().gln(), "sender"), gln(receiver.gln(), "receiver"), facts.eventCode(),
                facts.version(), envelopeId, "Bundle", now);
        Element scopes = EnvelopeXml.append(header, NS, "BusinessScope", null);
        scope(scopes, "DOCUMENTID", "urn:dk:healthcare:medcom:messaging:fhir:structuredefinition::" + facts.eventCode()
                + "##urn:dk:medcom:fhir:" + facts.eventCode() + "::" + facts.version());
        scope(scopes, "PROCESSID", PROCESS);
        if (facts.patientCpr() != null) {
            scope(scopes, "PATIENTID", facts.patientCpr());
        }
        scope(scopes, "SENDERID", facts.sender().sor());
        scope(scopes, "RECEIVERID", receiver.sor());
        scope(scopes, "MESSAGEIDENTIFIER", facts.messageHeaderId());
        if (facts.respondsTo() != null) {
            scope(scopes, "ORIGINALMESSAGEIDENTIFIER", facts.respondsTo());
        }
        scope(scopes, "MESSAGEENVELOPEIDENTIFIER", facts.bundleId());
        scope(scopes, "StatisticalInformation", "MCM:" + facts.eventCode());
        receiptScope(scopes, "Request", now, envelopeId);
        binaryContent(document, mimeType, content);
        return new Written(envelopeId, validated(document));
    }

    /**
     * The eDelivery receipt for an envelope: a ReceiptAcknowledgement, or (with a failure) an ebBP
     * Exception of type ReceiptException naming the faulty field, wrapped in an SBDH addressed back to
     * the sender, as MedCom's ehmisbdh_fullsample_sbdhack.xml shows.
     */
    public byte[] receipt(Sbdh original, EnvelopeException failure) {
        String receiptId = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        Document document = EnvelopeXml.newDocument();
        Element header = header(document, original.receiver(), original.sender(), Sbdh.RECEIPT_STANDARD, "ebbp-signals-2.0",
                receiptId, failure == null ? Sbdh.RECEIPT_ACKNOWLEDGEMENT : Sbdh.RECEIPT_EXCEPTION, now);
        Element scopes = EnvelopeXml.append(header, NS, "BusinessScope", null);
        scope(scopes, "DOCUMENTID", RECEIPT_DOCUMENT_ID);
        scope(scopes, "PROCESSID", PROCESS);
        optionalScope(scopes, "SENDERID", original.scope("RECEIVERID"));
        optionalScope(scopes, "RECEIVERID", original.scope("SENDERID"));
        scope(scopes, "MESSAGEIDENTIFIER", receiptId);
        optionalScope(scopes, "ORIGINALMESSAGEIDENTIFIER", original.scope("MESSAGEIDENTIFIER"));
        scope(scopes, "MESSAGEENVELOPEIDENTIFIER", receiptId);
        optionalScope(scopes, "ORIGINALMESSAGEENVELOPEIDENTIFIER", original.scope("MESSAGEENVELOPEIDENTIFIER"));
        optionalScope(scopes, "ORIGINALMESSAGESTANDARD", original.standard());
        optionalScope(scopes, "ORIGINALMESSAGEVERSION", original.typeVersion());
        scope(scopes, "ORIGINALENVELOPEIDENTIFIER", original.instanceIdentifier());
        scope(scopes, "StatisticalInformation", "EHMI-ReceiptAcknowledgement");
        OffsetDateTime requested = parseTime(original.creationDateAndTime(), now);
        Element receipt = scope(scopes, "EHMI-ReceiptAcknowledgement", "Response");
        correlation(receipt, requested, original.instanceIdentifier(), "Response");
        binaryContent(document, "application/xml", signal(original, failure, now));
        return validated(document);
    }

    /**
     * The answer to an envelope that cannot be read at all (not XML, a DOCTYPE, not schema-valid): a
     * bare ebBP Exception signal, since there is no readable header to address a receipt envelope to.
     */
    public byte[] unreadable(EnvelopeException failure) {
        Sbdh unknown = new Sbdh("unknown", "unknown", null, null, "unreadable envelope", null, null, Map.of(), null, null, new byte[0]);
        return signal(unknown, failure, now());
    }

    /** The signal inside a receipt envelope: whether it is positive, what it answers and, if negative, why. */
    public record Receipt(String receiptId, boolean positive, String originalEnvelopeId, String originalMessageId, String reason) {
    }

    /**
     * The header's DocumentIdentification/Type says whether the receipt is positive; the signal inside
     * adds the ids and the reason. A signal that is not well-formed (MedCom's own sbdhack sample uses
     * typographic quotes) still counts by its header.
     */
    public Receipt readReceipt(Sbdh envelope) {
        boolean positive = Sbdh.RECEIPT_ACKNOWLEDGEMENT.equals(envelope.type());
        String messageId = envelope.scope("ORIGINALMESSAGEIDENTIFIER");
        String reason = positive ? null : "no reason given";
        try {
            Element signal = EnvelopeXml.parse(envelope.content()).getDocumentElement();
            String signalled = EnvelopeXml.text(signal, SIGNALS_NS, "OriginalMessageIdentifier");
            messageId = messageId != null ? messageId : signalled;
            if (!positive) {
                reason = EnvelopeXml.text(signal, SIGNALS_NS, "Reason") + ": " + EnvelopeXml.text(signal, SIGNALS_NS, "ExceptionMessage");
            }
        } catch (EnvelopeException unreadableSignal) {
            reason = positive ? null : "unreadable signal";
        }
        return new Receipt(envelope.instanceIdentifier(), positive, envelope.scope("ORIGINALENVELOPEIDENTIFIER"), messageId, reason);
    }

    private byte[] signal(Sbdh original, EnvelopeException failure, OffsetDateTime now) {
        Document document = EnvelopeXml.newDocument();
        Element signal = document.createElementNS(SIGNALS_NS, "bpssignal:" + (failure == null ? Sbdh.RECEIPT_ACKNOWLEDGEMENT : "Exception"));
        document.appendChild(signal);
        String messageId = original.scope("MESSAGEIDENTIFIER");
        append(signal, "OriginalMessageIdentifier", messageId != null ? messageId : original.instanceIdentifier());
        optional(signal, "OriginalDocumentIdentifier", original.scope("DOCUMENTID"));
        append(signal, "OriginalMessageDateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(parseTime(original.creationDateAndTime(), now)));
        append(signal, "ThisMessageDateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now));
        append(signal, "FromPartyInfo", original.receiver()).setAttribute("type", "iso6523-actorid-upis");
        append(signal, "ToPartyInfo", original.sender()).setAttribute("type", "iso6523-actorid-upis");
        append(signal, "CollaborationIdentifier", messageId != null ? messageId : original.instanceIdentifier());
        if (failure != null) {
            Element type = append(signal, "ExceptionType", null);
            append(type, failure.fault().exceptionType(), failure.fault().code());
            append(signal, "Reason", failure.field());
            append(signal, "ExceptionMessage", failure.getMessage());
        }
        return EnvelopeXml.serialize(document);
    }

    private Element header(Document document, String sender, String receiver, String standard, String version, String id,
                           String type, OffsetDateTime created) {
        Element root = document.createElementNS(NS, "StandardBusinessDocument");
        root.setAttribute("xmlns:bc", BC_NS);
        document.appendChild(root);
        Element header = EnvelopeXml.append(root, NS, "StandardBusinessDocumentHeader", null);
        EnvelopeXml.append(header, NS, "HeaderVersion", "1.0");
        EnvelopeXml.append(EnvelopeXml.append(header, NS, "Sender", null), NS, "Identifier", sender)
                .setAttribute("Authority", "iso6523-actorid-upis");
        EnvelopeXml.append(EnvelopeXml.append(header, NS, "Receiver", null), NS, "Identifier", receiver)
                .setAttribute("Authority", "iso6523-actorid-upis");
        Element identification = EnvelopeXml.append(header, NS, "DocumentIdentification", null);
        EnvelopeXml.append(identification, NS, "Standard", standard);
        EnvelopeXml.append(identification, NS, "TypeVersion", version);
        EnvelopeXml.append(identification, NS, "InstanceIdentifier", id);
        EnvelopeXml.append(identification, NS, "Type", type);
        EnvelopeXml.append(identification, NS, "MultipleType", "false");
        EnvelopeXml.append(identification, NS, "CreationDateAndTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(created));
        return header;
    }

    private void receiptScope(Element scopes, String direction, OffsetDateTime now, String envelopeId) {
        correlation(scope(scopes, "EHMI-ReceiptAcknowledgement", direction), now, envelopeId, direction);
    }

    private static void correlation(Element scope, OffsetDateTime requested, String requestId, String direction) {
        Element correlation = EnvelopeXml.append(scope, NS, "CorrelationInformation", null);
        EnvelopeXml.append(correlation, NS, "RequestingDocumentCreationDateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(requested));
        EnvelopeXml.append(correlation, NS, "RequestingDocumentInstanceIdentifier", requestId);
        EnvelopeXml.append(correlation, NS, "ExpectedResponseDateTime",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(requested.plus(SCHEMA_RECEIPT_TIME_MS, ChronoUnit.MILLIS)));
        Element service = EnvelopeXml.append(scope, NS, "BusinessService", null);
        EnvelopeXml.append(service, NS, "BusinessServiceName", "EHMI-ReceiptAcknowledgement-" + direction);
        Element transaction = EnvelopeXml.append(service, NS, "ServiceTransaction", null);
        transaction.setAttribute("TypeOfServiceTransaction", "Request".equals(direction)
                ? "RequestingServiceTransaction" : "RespondingServiceTransaction");
        for (String flag : new String[] {"IsNonRepudiationRequired", "IsAuthenticationRequired", "IsNonRepudiationOfReceiptRequired",
                "IsIntelligibleCheckRequired", "IsApplicationErrorResponseRequested"}) {
            transaction.setAttribute(flag, "false");
        }
        transaction.setAttribute("TimeToAcknowledgeReceipt", Long.toString(SCHEMA_RECEIPT_TIME_MS));
        transaction.setAttribute("TimeToAcknowledgeAcceptance", "0");
        transaction.setAttribute("TimeToPerform", "0");
        transaction.setAttribute("Recurrence", "0");
    }

    private static Element scope(Element scopes, String type, String value) {
        if (value == null || value.isBlank()) {
            throw new EnvelopeException(EnvelopeException.Fault.SYNTAX, type, "The message gives no value for the SBDH scope " + type);
        }
        Element scope = EnvelopeXml.append(scopes, NS, "Scope", null);
        EnvelopeXml.append(scope, NS, "Type", type);
        EnvelopeXml.append(scope, NS, "InstanceIdentifier", value);
        EnvelopeXml.append(scope, NS, "Identifier", SCOPE_IDENTIFIER);
        return scope;
    }

    private static void optionalScope(Element scopes, String type, String value) {
        if (value != null && !value.isBlank()) {
            scope(scopes, type, value);
        }
    }

    private static void binaryContent(Document document, String mimeType, byte[] content) {
        Element binary = document.createElementNS(BC_NS, "bc:BinaryContent");
        binary.setAttribute("mimeType", mimeType);
        binary.setAttribute("encoding", "UTF-8");
        binary.setTextContent(Base64.getEncoder().encodeToString(content));
        document.getDocumentElement().appendChild(binary);
    }

    private static Element append(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(SIGNALS_NS, "bpssignal:" + name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    private static void optional(Element parent, String name, String text) {
        if (text != null && !text.isBlank()) {
            append(parent, name, text);
        }
    }

    private byte[] validated(Document document) {
        EnvelopeXml.validate(schema, document);
        return EnvelopeXml.serialize(document);
    }

    private static String gln(String gln, String role) {
        if (gln == null || gln.isBlank()) {
            throw new EnvelopeException(EnvelopeException.Fault.SYNTAX, role, "The " + role
                    + " has no GLN, which an SBDH envelope needs as its 0088: participant identifier");
        }
        return Sbdh.GLN_SCHEME + gln;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    private static OffsetDateTime parseTime(String value, OffsetDateTime fallback) {
        try {
            return value == null ? fallback : OffsetDateTime.parse(value.trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
