package dk.medcomgateway.intake;

import dk.medcomgateway.envelope.CarriedMessage;
import dk.medcomgateway.envelope.EnvelopeException;
import dk.medcomgateway.envelope.MessageFacts;
import dk.medcomgateway.envelope.VansCodec;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.message.TransportEnvelope;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * VANS intake (routes/intake-vans.yaml): a VANS envelope carrying a MedCom FHIR message is checked
 * against the message (Sender/Receiver EAN are the sender's and a receiver's GLN, MetaInformation
 * Identifier is MessageHeader.id, Document Format "HL7", Name "MCM:<type number>" for the message's
 * standard, Version "2.0.0", ServiceTag MCM:MIME the message's format, Transport Type reliable) and fed
 * to the intake pipeline; the answer is a VANSEnvelopeAcknowledgement and the MedCom acknowledgement
 * goes back to the sender separately.
 */
@Component("vansIntake")
public class VansIntake {

    private static final String ENVELOPE = "gatewayVansEnvelope";

    private final VansCodec codec;
    private final FhirCodec fhir;
    private final IntakeOutcome outcome;

    public VansIntake(VansCodec codec, FhirCodec fhir, IntakeOutcome outcome) {
        this.codec = codec;
        this.fhir = fhir;
        this.outcome = outcome;
    }

    public void unwrap(Exchange exchange) {
        Message in = exchange.getMessage();
        byte[] body = in.getBody(byte[].class);
        VansCodec.Vans envelope = null;
        try {
            if (body == null || body.length == 0) {
                throw new EnvelopeException(EnvelopeException.Fault.SYNTAX, "VANSEnvelope", "The request has no body; expected a VANS envelope");
            }
            envelope = codec.read(body);
            FhirFormat format = FhirFormat.fromContentType(envelope.mime());
            if (format == null) {
                throw fault("ServiceTag", "ServiceTag " + VansCodec.MIME_TAG + " must be application/fhir+xml or application/fhir+json, not "
                        + envelope.mime());
            }
            check(envelope, CarriedMessage.parse(fhir, envelope.content(), format, "Data"));
            exchange.setProperty(ENVELOPE, envelope);
            exchange.setProperty(TransportEnvelope.PROPERTY, new TransportEnvelope("VANS", envelope.envelopeId(), VansCodec.VERSION));
            in.setBody(envelope.content());
            in.setHeader(Exchange.CONTENT_TYPE, format.mediaType());
        } catch (EnvelopeException e) {
            outcome.refused("vans", e);
            IntakeOutcome.answer(exchange, codec.acknowledgement(envelope == null ? null : envelope.envelopeId(),
                    envelope == null ? null : envelope.messageIdentifier(), e), 400);
        }
    }

    public void process(Exchange exchange) {
        VansCodec.Vans envelope = exchange.getProperty(ENVELOPE, VansCodec.Vans.class);
        IntakeOutcome.Result result = outcome.process(exchange);
        EnvelopeException failure = result.failure("Data");
        IntakeOutcome.answer(exchange, codec.acknowledgement(envelope.envelopeId(), envelope.messageIdentifier(), failure), result.status());
    }

    private static void check(VansCodec.Vans envelope, Bundle bundle) {
        MessageFacts facts = MessageFacts.of(bundle);
        if (!"reliable".equals(Objects.requireNonNullElse(envelope.transportType(), "reliable"))) {
            throw fault("Type", "Transport/Type must be reliable (or left out) for FHIR messages, not " + envelope.transportType());
        }
        if (!VansCodec.FORMAT.equals(envelope.format())) {
            throw fault("Format", "Document/Format must be " + VansCodec.FORMAT + ", not " + envelope.format());
        }
        String number = VansCodec.typeNumber(facts.eventCode());
        if (number == null || !(envelope.name().equals("MCM:" + number) || envelope.name().startsWith("MCM:" + number + "#"))) {
            throw fault("Name", "Document/Name " + envelope.name() + " does not match the message's standard ("
                    + (number == null ? "no VANS name for " + facts.eventCode() : "MCM:" + number + "#...") + ")");
        }
        if (!VansCodec.VERSION.equals(envelope.version())) {
            throw fault("Version", "Document/Version must be " + VansCodec.VERSION + ", not " + envelope.version());
        }
        if (!envelope.senderEan().equals(facts.sender().gln())) {
            throw fault("Sender", "Sender EAN " + envelope.senderEan() + " does not match the sender Organization's GLN " + facts.sender().gln());
        }
        if (facts.destinations().stream().noneMatch(d -> envelope.receiverEan().equals(d.gln()))) {
            throw fault("Receiver", "Receiver EAN " + envelope.receiverEan() + " is not the GLN of any receiver Organization of the message");
        }
        if (!envelope.messageIdentifier().equals(facts.messageHeaderId())) {
            throw fault("Identifier", "MetaInformation/Identifier " + envelope.messageIdentifier() + " does not match MessageHeader.id "
                    + facts.messageHeaderId());
        }
    }

    private static EnvelopeException fault(String field, String message) {
        return new EnvelopeException(EnvelopeException.Fault.SYNTAX, field, message);
    }
}
