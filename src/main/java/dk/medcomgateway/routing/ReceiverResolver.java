package dk.medcomgateway.routing;

import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.MessageRejectedException;
import dk.medcomgateway.message.ValidationIssue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.stereotype.Component;

/**
 * Finds the partner each destination of a message is addressed to: by the SOR code in the
 * destination endpoint, then the receiver Organization's SOR identifier, then its GLN.
 * A destination the directory does not know rejects the whole message: parking it silently
 * would leave the sender believing it was delivered.
 */
@Component
public class ReceiverResolver {

    static final String UNKNOWN_RECEIVER = "MSG_Receiver_Identifier_UNKNOWN";

    private final PartnerDirectory directory;

    public ReceiverResolver(PartnerDirectory directory) {
        this.directory = directory;
    }

    public List<Partner> receivers(Bundle bundle) {
        MessageHeader header = MessageBundles.header(bundle);
        LinkedHashSet<Partner> found = new LinkedHashSet<>();
        List<ValidationIssue> unknown = new ArrayList<>();
        for (int i = 0; i < header.getDestination().size(); i++) {
            MessageHeader.MessageDestinationComponent destination = header.getDestination().get(i);
            Optional<Organization> receiver = MessageBundles.organization(bundle, destination.getReceiver());
            Optional<Partner> partner = MessageBundles.sorFromEndpoint(destination.getEndpoint()).flatMap(directory::bySor)
                    .or(() -> receiver.flatMap(o -> MessageBundles.identifier(o, MessageBundles.SOR_SYSTEM)).flatMap(directory::bySor))
                    .or(() -> receiver.flatMap(o -> MessageBundles.identifier(o, MessageBundles.GLN_SYSTEM)).flatMap(directory::byGln));
            if (partner.isPresent()) {
                found.add(partner.get());
            } else {
                unknown.add(ValidationIssue.error("MEDCOM_RECEIVER_UNKNOWN", UNKNOWN_RECEIVER, "MessageHeader.destination[" + i + "]",
                        "Receiver " + describe(destination, receiver) + " is not in the gateway's partner directory"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new MessageRejectedException(unknown);
        }
        if (found.isEmpty()) {
            throw new MessageRejectedException(List.of(ValidationIssue.error("MEDCOM_RECEIVER_UNKNOWN", UNKNOWN_RECEIVER,
                    "MessageHeader.destination", "The message names no receiver")));
        }
        return List.copyOf(found);
    }

    private static String describe(MessageHeader.MessageDestinationComponent destination, Optional<Organization> receiver) {
        List<String> parts = new ArrayList<>();
        MessageBundles.sorFromEndpoint(destination.getEndpoint()).ifPresent(sor -> parts.add("SOR " + sor));
        receiver.flatMap(o -> MessageBundles.identifier(o, MessageBundles.SOR_SYSTEM))
                .filter(sor -> !parts.contains("SOR " + sor)).ifPresent(sor -> parts.add("SOR " + sor));
        receiver.flatMap(o -> MessageBundles.identifier(o, MessageBundles.GLN_SYSTEM)).ifPresent(gln -> parts.add("GLN " + gln));
        if (parts.isEmpty()) {
            parts.add(destination.hasEndpoint() ? destination.getEndpoint() : "(unidentified)");
        }
        return String.join(" / ", parts);
    }
}
