package dk.medcomgateway.intake;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/** Puts an answer on the exchange the same way for every channel (HTTP status, content type, ack code). */
@Component
public class Replies {

    public static final String ACK_CODE_HEADER = "GatewayAckCode";
    public static final String REPLY_EXTENSION_HEADER = "GatewayReplyExtension";

    private final FhirCodec codec;
    private final long duplicateWaitMs;

    public Replies(FhirCodec codec, GatewayProperties properties) {
        this.codec = codec;
        this.duplicateWaitMs = properties.intake().duplicateWaitMs();
    }

    FhirCodec codec() {
        return codec;
    }

    long duplicateWaitMs() {
        return duplicateWaitMs;
    }

    public byte[] encode(IBaseResource resource, FhirFormat format) {
        return codec.encode(resource, format);
    }

    /**
     * A MedCom acknowledgement. HTTP 200 for ok and fatal-error (the message was processed and
     * the ack says how); 503 for transient-error so plain HTTP clients retry too.
     */
    public void ack(Exchange exchange, byte[] ack, FhirFormat format, AckCode code) {
        write(exchange, ack, format, code == AckCode.TRANSIENT_ERROR ? 503 : 200);
        exchange.getMessage().setHeader(ACK_CODE_HEADER, code.code());
    }

    /** A FHIR resource (an OperationOutcome) as the answer, where there is no message to acknowledge. */
    public void resource(Exchange exchange, IBaseResource resource, FhirFormat format, int status) {
        write(exchange, encode(resource, format), format, status);
    }

    public void write(Exchange exchange, byte[] body, FhirFormat format, int status) {
        Message out = exchange.getMessage();
        out.setBody(body);
        out.setHeader(Exchange.CONTENT_TYPE, format.mediaType() + "; charset=UTF-8");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(REPLY_EXTENSION_HEADER, format == FhirFormat.XML ? "xml" : "json");
        out.removeHeader(ACK_CODE_HEADER);
    }
}
