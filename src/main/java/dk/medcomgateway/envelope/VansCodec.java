package dk.medcomgateway.envelope;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Provenance;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * MedCom VANS envelopes for FHIR messages (MedCom-FHIR-Communication, FHIRMessages_NetworkEnvelopes
 * and Reliable_Messaging-VANSEnvelope): the message base64 in VANSEnvelope/Message/Data,
 * MetaInformation/Document Format "HL7", Name "MCM:<type number>#<postfix>", Version from MedCom's
 * standards catalogue, Transport/ServiceTag name="MCM:MIME" the FHIR media type, Transport/Type
 * "reliable". MedCom publishes the VANSEnvelope only as diagrams, so the element layout around those
 * fields (EnvelopeIdentifier, Sender/Receiver EAN, the acknowledgement) is the gateway's reading of them.
 */
@Component
public class VansCodec {

    public static final String FORMAT = "HL7";
    public static final String VERSION = "2.0.0";
    public static final String MIME_TAG = "MCM:MIME";
    /** VANS type numbers of the MedCom FHIR messages (the standards catalogue's "Type nr."). */
    private static final Map<String, String> TYPE_NUMBERS = Map.of(
            "hospital-notification-message", "FDIS20",
            "care-communication-message", "FDIS91",
            "acknowledgement-message", "FCTL");

    /** A VANS envelope as read. */
    public record Vans(String envelopeId, String senderEan, String receiverEan, String messageIdentifier, String format,
                       String name, String version, String transportType, String mime, byte[] content) {
    }

    public Vans read(byte[] xml) {
        Element root = EnvelopeXml.parse(xml).getDocumentElement();
        if (!"VANSEnvelope".equals(root.getLocalName())) {
            throw fault("VANSEnvelope", "The root element is " + root.getLocalName() + ", not VANSEnvelope");
        }
        Element message = required(root, "Message");
        Element meta = required(message, "MetaInformation");
        Element document = required(meta, "Document");
        Element transport = required(meta, "Transport");
        String mime = null;
        for (Element tag : EnvelopeXml.children(transport, "", "ServiceTag")) {
            if (MIME_TAG.equals(tag.getAttribute("name"))) {
                mime = tag.getTextContent().trim();
            }
        }
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(text(message, "Data"));
        } catch (IllegalArgumentException e) {
            throw fault("Data", "Message/Data is not base64");
        }
        return new Vans(text(root, "EnvelopeIdentifier"), text(required(root, "Sender"), "EAN"), text(required(root, "Receiver"), "EAN"),
                text(meta, "Identifier"), text(document, "Format"), text(document, "Name"), text(document, "Version"),
                EnvelopeXml.text(transport, "", "Type"), mime, content);
    }

    /** The Name a message gets: MCM:, the type number and the statistical postfix the document names for the type. */
    public static Optional<String> name(Bundle bundle, String eventCode) {
        return Optional.ofNullable(TYPE_NUMBERS.get(eventCode)).map(number -> "MCM:" + number + postfix(bundle, eventCode).map(p -> "#" + p).orElse(""));
    }

    public static String typeNumber(String eventCode) {
        return TYPE_NUMBERS.get(eventCode);
    }

    public SbdhCodec.Written wrap(Bundle bundle, MessageFacts facts, MessageFacts.Party receiver, byte[] content, String mimeType) {
        String envelopeId = UUID.randomUUID().toString();
        String name = name(bundle, facts.eventCode()).orElseThrow(() -> fault("Name",
                "MedCom defines no VANS Name for " + facts.eventCode() + " messages"));
        Document document = EnvelopeXml.newDocument();
        Element root = document.createElementNS(null, "VANSEnvelope");
        document.appendChild(root);
        EnvelopeXml.append(root, "", "EnvelopeIdentifier", envelopeId);
        EnvelopeXml.append(EnvelopeXml.append(root, "", "Sender", null), "", "EAN", required(facts.sender().gln(), "Sender"));
        EnvelopeXml.append(EnvelopeXml.append(root, "", "Receiver", null), "", "EAN", required(receiver.gln(), "Receiver"));
        Element message = EnvelopeXml.append(root, "", "Message", null);
        Element meta = EnvelopeXml.append(message, "", "MetaInformation", null);
        EnvelopeXml.append(meta, "", "Identifier", facts.messageHeaderId());
        Element doc = EnvelopeXml.append(meta, "", "Document", null);
        EnvelopeXml.append(doc, "", "Format", FORMAT);
        EnvelopeXml.append(doc, "", "Name", name);
        EnvelopeXml.append(doc, "", "Version", VERSION);
        Element transport = EnvelopeXml.append(meta, "", "Transport", null);
        EnvelopeXml.append(transport, "", "Type", "reliable");
        EnvelopeXml.append(transport, "", "ServiceTag", mimeType).setAttribute("name", MIME_TAG);
        EnvelopeXml.append(message, "", "Data", Base64.getEncoder().encodeToString(content));
        return new SbdhCodec.Written(envelopeId, EnvelopeXml.serialize(document));
    }

    /** The VANSEnvelopeAcknowledgement: positive, or negative naming the field at fault. */
    public byte[] acknowledgement(String envelopeId, String messageIdentifier, EnvelopeException failure) {
        Document document = EnvelopeXml.newDocument();
        Element root = document.createElementNS(null, "VANSEnvelopeAcknowledgement");
        document.appendChild(root);
        EnvelopeXml.append(root, "", "EnvelopeIdentifier", envelopeId == null ? "unknown" : envelopeId);
        if (messageIdentifier != null) {
            EnvelopeXml.append(root, "", "MessageIdentifier", messageIdentifier);
        }
        EnvelopeXml.append(root, "", "Status", failure == null ? "positive" : "negative");
        if (failure != null) {
            EnvelopeXml.append(root, "", "Reason", failure.getMessage()).setAttribute("field", failure.field());
        }
        return EnvelopeXml.serialize(document);
    }

    private static Optional<String> postfix(Bundle bundle, String eventCode) {
        return switch (eventCode) {
            case "acknowledgement-message" -> Optional.ofNullable(((MessageHeader) bundle.getEntryFirstRep().getResource()).getResponse().getCode())
                    .map(MessageHeader.ResponseType::toCode);
            case "hospital-notification-message" -> bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Provenance.class::isInstance).map(Provenance.class::cast)
                    .reduce((first, second) -> second).map(p -> p.getActivity().getCodingFirstRep().getCode());
            case "care-communication-message" -> bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Communication.class::isInstance).map(Communication.class::cast).findFirst()
                    .map(c -> c.getCategoryFirstRep().getCodingFirstRep().getCode());
            default -> Optional.empty();
        };
    }

    private static Element required(Element parent, String name) {
        Element child = EnvelopeXml.child(parent, "", name);
        if (child == null) {
            throw fault(name, parent.getLocalName() + " has no " + name);
        }
        return child;
    }

    private static String text(Element parent, String name) {
        String text = EnvelopeXml.text(parent, "", name);
        if (text == null || text.isEmpty()) {
            throw fault(name, parent.getLocalName() + " has no " + name);
        }
        return text;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw fault(field, "The " + field.toLowerCase() + " has no GLN/EAN location number for the VANS envelope");
        }
        return value;
    }

    private static EnvelopeException fault(String field, String message) {
        return new EnvelopeException(EnvelopeException.Fault.SYNTAX, field, message);
    }
}
