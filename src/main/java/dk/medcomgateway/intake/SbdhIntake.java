package dk.medcomgateway.intake;

import dk.medcomgateway.envelope.CarriedMessage;
import dk.medcomgateway.envelope.EnvelopeException;
import dk.medcomgateway.envelope.MessageFacts;
import dk.medcomgateway.envelope.Sbdh;
import dk.medcomgateway.envelope.SbdhCodec;
import dk.medcomgateway.envelope.SbdhContentCheck;
import dk.medcomgateway.envelope.SbdhReceipts;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.message.TransportEnvelope;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The steps of SBDH intake (routes/intake-sbdh.yaml): read and check the envelope, hand its MedCom
 * message to the intake pipeline, and answer with the eDelivery receipt. The MedCom acknowledgement
 * goes back to the sender as a message of its own ({@link AckReturn}).
 */
@Component("sbdhIntake")
public class SbdhIntake {

    public static final String ENVELOPE = "gatewayEnvelope";


    private final SbdhCodec codec;
    private final FhirCodec fhir;
    private final SbdhReceipts receipts;
    private final IntakeOutcome outcome;

    public SbdhIntake(SbdhCodec codec, FhirCodec fhir, SbdhReceipts receipts, IntakeOutcome outcome) {
        this.outcome = outcome;
        this.codec = codec;
        this.fhir = fhir;
        this.receipts = receipts;
    }

    /**
     * Reads the envelope and checks it against the message it carries; the message becomes the body.
     * A receipt (the answer to an envelope the gateway sent) is handed to the delivery waiting for it.
     * Anything wrong is answered here with a negative receipt, and the message goes nowhere.
     */
    public void unwrap(Exchange exchange) {
        Message in = exchange.getMessage();
        byte[] body = in.getBody(byte[].class);
        Sbdh envelope = null;
        try {
            if (body == null || body.length == 0) {
                throw new EnvelopeException(EnvelopeException.Fault.SYNTAX, "envelope", "The request has no body; expected an SBDH envelope");
            }
            envelope = codec.read(body);
            if (envelope.isReceipt()) {
                receipts.arrived(codec.readReceipt(envelope));
                IntakeOutcome.answer(exchange, new byte[0], 204);
                return;
            }
            FhirFormat format = FhirFormat.fromContentType(envelope.mimeType());
            if (format == null) {
                throw new EnvelopeException(EnvelopeException.Fault.SYNTAX, "BinaryContent",
                        "BinaryContent has mimeType " + envelope.mimeType() + "; the gateway carries FHIR messages (application/fhir+xml or +json)");
            }
            byte[] content = asUtf8(envelope, format);
            SbdhContentCheck.check(envelope, MessageFacts.of(CarriedMessage.parse(fhir, content, format, "BinaryContent")));
            exchange.setProperty(ENVELOPE, envelope);
            exchange.setProperty(TransportEnvelope.PROPERTY, new TransportEnvelope("SBDH", envelope.instanceIdentifier(), "1.0"));
            in.setBody(content);
            in.setHeader(Exchange.CONTENT_TYPE, format.mediaType());
        } catch (EnvelopeException e) {
            refuse(exchange, envelope, e);
        }
    }

    /** Runs the message through the intake pipeline and answers with the receipt that matches how it went. */
    public void process(Exchange exchange) {
        Sbdh envelope = exchange.getProperty(ENVELOPE, Sbdh.class);
        IntakeOutcome.Result result = outcome.process(exchange);
        EnvelopeException failure = result.failure("BinaryContent");
        IntakeOutcome.answer(exchange, codec.receipt(envelope, failure), result.status());
    }

    /** JSON is UTF-8 by definition; an envelope that declares ISO-8859-1 content gets it re-encoded. XML declares its own. */
    private static byte[] asUtf8(Sbdh envelope, FhirFormat format) {
        if (format == FhirFormat.JSON && "ISO-8859-1".equalsIgnoreCase(envelope.encoding())) {
            return new String(envelope.content(), StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
        }
        return envelope.content();
    }

    private void refuse(Exchange exchange, Sbdh envelope, EnvelopeException e) {
        outcome.refused("sbdh", e);
        IntakeOutcome.answer(exchange, envelope == null ? codec.unreadable(e) : codec.receipt(envelope, e), 400);
    }
}
