package dk.medcomgateway.escort.contract;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.intake.IntakeContext;
import dk.medcomgateway.intake.Replies;
import dk.medcomgateway.privacy.CprMask;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * Sends a message the escort flow wrote through the same intake pipeline as every partner's
 * message (routes/intake-pipeline.yaml): recorded in the ledger, validated against MedCom's
 * profiles, routed by the partner directory, and queued for delivery. So it has a trail in the
 * support desk, is retried and held like any message, and is never delivered twice.
 */
@Component
public class EscortMessageSender {

    /** The channel the ledger shows for messages the escort flow wrote. */
    public static final String CHANNEL = "escort";

    private final ProducerTemplate producer;
    private final FhirCodec codec;

    public EscortMessageSender(ProducerTemplate producer, FhirCodec codec) {
        this.producer = producer;
        this.codec = codec;
    }

    /** Returns the MessageHeader.id once the gateway has accepted the message; throws when it did not. */
    public String send(Bundle message) {
        byte[] body = codec.encode(message, FhirFormat.JSON);
        Exchange answer = producer.request("direct:process-message", exchange -> {
            exchange.getMessage().setHeader(IntakeContext.CHANNEL_HEADER, CHANNEL);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, FhirFormat.JSON.mediaType());
            exchange.getMessage().setBody(body);
        });
        String code = answer.getMessage().getHeader(Replies.ACK_CODE_HEADER, String.class);
        if (!"ok".equals(code)) {
            byte[] reply = answer.getMessage().getBody(byte[].class);
            String why = answer.getException() != null ? answer.getException().getMessage()
                    : reply == null ? "" : new String(reply, StandardCharsets.UTF_8);
            throw new IllegalStateException("The gateway did not accept escort message " + MessageBundles.headerId(message)
                    + " (" + code + "): " + CprMask.mask(why));
        }
        return MessageBundles.headerId(message);
    }
}
