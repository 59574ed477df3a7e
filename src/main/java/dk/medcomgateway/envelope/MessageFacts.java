package dk.medcomgateway.envelope;

import dk.medcomgateway.ack.AcknowledgementFactory;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.validation.MedComStandard;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;

/**
 * What a network envelope says about the MedCom message it carries, read from the message itself:
 * who sends to whom (SOR and GLN), the ids, the standard and version, and the patient.
 */
public record MessageFacts(Party sender, List<Party> destinations, String messageHeaderId, String bundleId, String eventCode,
                           String version, String patientCpr, String respondsTo) {

    /** An organisation as envelopes name it. Any part may be null when the message does not give it. */
    public record Party(String sor, String gln, String name) {
    }

    public static MessageFacts of(Bundle bundle) {
        MessageHeader header = MessageBundles.header(bundle);
        Optional<Organization> sender = MessageBundles.sender(bundle);
        String senderSor = sender.flatMap(o -> MessageBundles.identifier(o, MessageBundles.SOR_SYSTEM))
                .or(() -> MessageBundles.sorFromEndpoint(header.getSource().getEndpoint())).orElse(null);
        List<Party> destinations = header.getDestination().stream().map(d -> {
            Optional<Organization> org = MessageBundles.organization(bundle, d.getReceiver());
            return new Party(MessageBundles.sorFromEndpoint(d.getEndpoint())
                    .or(() -> org.flatMap(o -> MessageBundles.identifier(o, MessageBundles.SOR_SYSTEM))).orElse(null),
                    org.flatMap(o -> MessageBundles.identifier(o, MessageBundles.GLN_SYSTEM)).orElse(null),
                    org.map(Organization::getName).orElse(null));
        }).toList();
        String cpr = MessageBundles.patientCpr(bundle).orElse(null);
        return new MessageFacts(new Party(senderSor, sender.flatMap(o -> MessageBundles.identifier(o, MessageBundles.GLN_SYSTEM)).orElse(null),
                sender.map(Organization::getName).orElse(null)), destinations, MessageBundles.headerId(bundle),
                bundle.getIdElement().getIdPart(), MessageBundles.eventCode(bundle),
                MedComStandard.of(bundle).map(MedComStandard::version).orElse("unknown"), cpr,
                MessageBundles.isAcknowledgement(bundle) ? AcknowledgementFactory.respondsTo(bundle) : null);
    }

    /** The destination a partner is: by SOR code, else by GLN; the first destination when neither matches. */
    public Party destination(String sor, String gln) {
        return destinations.stream().filter(d -> sor != null && sor.equals(d.sor())).findFirst()
                .or(() -> destinations.stream().filter(d -> gln != null && gln.equals(d.gln())).findFirst())
                .orElse(destinations.isEmpty() ? new Party(null, null, null) : destinations.get(0));
    }
}
