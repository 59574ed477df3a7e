package dk.medcomgateway.intake;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/** Puts an answer on the exchange the same way for every channel (HTTP status, content type, ack code). */
@Component
public class Replies {

    public static final String ACK_CODE_HEADER = "GatewayAckCode";
    public static final String REPLY_EXTENSION_HEADER = "GatewayReplyExtension";
    /** FHIR's {@code _format} query parameter, which Camel's HTTP consumer puts among the headers. */
    static final String FORMAT_PARAMETER = "_format";

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
     * A MedCom acknowledgement, in the format the caller asks for (see {@link #answerFormat}). HTTP 200 for ok and
     * fatal-error (the message was processed and the ack says how); 503 for transient-error so plain HTTP clients
     * retry too.
     *
     * @param encoded the acknowledgement already encoded in {@code encodedFormat} (as the ledger keeps it), used as
     *                it is when the answer is in that format
     */
    public void ack(Exchange exchange, Bundle ack, byte[] encoded, FhirFormat encodedFormat, AckCode code) {
        FhirFormat format = answerFormat(exchange, encodedFormat);
        write(exchange, format == encodedFormat ? encoded : encode(ack, format), format, code == AckCode.TRANSIENT_ERROR ? 503 : 200);
        exchange.getMessage().setHeader(ACK_CODE_HEADER, code.code());
    }

    /** A MedCom acknowledgement not kept anywhere (a duplicate's new copy, a transient-error). */
    public void ack(Exchange exchange, Bundle ack, FhirFormat requestFormat, AckCode code) {
        FhirFormat format = answerFormat(exchange, requestFormat);
        ack(exchange, ack, encode(ack, format), format, code);
    }

    /** A FHIR resource (an OperationOutcome) as the answer, where there is no message to acknowledge. */
    public void resource(Exchange exchange, IBaseResource resource, FhirFormat requestFormat, int status) {
        FhirFormat format = answerFormat(exchange, requestFormat);
        write(exchange, encode(resource, format), format, status);
    }

    /**
     * FHIR's rules for the answer's format: the {@code _format} parameter, else the Accept header, else the
     * request's own format. Only HTTP carries either; the file drop and JMS answer in the message's format.
     */
    public static FhirFormat answerFormat(Exchange exchange, FhirFormat requestFormat) {
        FhirFormat requested = FhirFormat.requested(exchange.getMessage().getHeader(FORMAT_PARAMETER, String.class),
                exchange.getMessage().getHeader("Accept", String.class));
        return requested != null ? requested : requestFormat;
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
