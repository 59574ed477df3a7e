package dk.medcomgateway.envelope;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.routing.Envelope;
import dk.medcomgateway.routing.Partner;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * Puts a MedCom message (or acknowledgement) into the envelope its receiving partner takes
 * (partners.yaml {@code delivery.envelope}), with the envelope's fields filled from the message.
 */
@Component
public class EnvelopeWrapping {

    /** What goes to the partner: the envelope id (null when bare) and the bytes with their content type. */
    public record Wrapped(String envelopeId, byte[] body, String contentType) {
    }

    private final FhirCodec codec;
    private final SbdhCodec sbdh;
    private final VansCodec vans;

    public EnvelopeWrapping(FhirCodec codec, SbdhCodec sbdh, VansCodec vans) {
        this.codec = codec;
        this.sbdh = sbdh;
        this.vans = vans;
    }

    public Wrapped wrap(Partner partner, byte[] payload, String contentType) {
        if (partner.envelope() == Envelope.NONE) {
            return new Wrapped(null, payload, contentType);
        }
        FhirFormat format = FhirFormat.fromContentType(contentType);
        if (format == null) {
            format = FhirFormat.sniff(payload);
        }
        Bundle bundle = (Bundle) codec.parse(payload, format);
        MessageFacts facts = MessageFacts.of(bundle);
        MessageFacts.Party receiver = receiver(facts, partner);
        SbdhCodec.Written written = partner.envelope() == Envelope.SBDH
                ? sbdh.wrap(facts, receiver, payload, format.mediaType())
                : vans.wrap(bundle, facts, receiver, payload, format.mediaType());
        return new Wrapped(written.envelopeId(), written.xml(), "application/xml");
    }

    /** The partner as the message names it, with the partner directory's GLN (its network address) taking precedence. */
    public static MessageFacts.Party receiver(MessageFacts facts, Partner partner) {
        MessageFacts.Party named = facts.destination(partner.sor(), partner.gln());
        return new MessageFacts.Party(named.sor() != null ? named.sor() : partner.sor(),
                partner.gln() != null ? partner.gln() : named.gln(), named.name());
    }
}
