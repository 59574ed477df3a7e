package dk.medcomgateway.intake;

import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.message.RefusedMessageException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * A partner system may send messages only as the organisations it is registered for (users.yaml
 * {@code senders}): the sender Organization's SOR or GLN, or the SOR in the source endpoint, must be
 * one of them. HTTP intake carries the caller's list in a header set by the security filter; the
 * file and JMS channels are trusted local channels and carry none.
 */
@Component
public class SenderCheck {

    public static final String ALLOWED_SENDERS_HEADER = "X-Gateway-Allowed-Senders";

    public void check(IncomingMessage message, String allowedSenders) {
        check(claimedSenders(message.bundle()), allowedSenders);
    }

    /** The codes a message claims to come from: the sender Organization's SOR and GLN, and the SOR in the source endpoint. */
    public static Set<String> claimedSenders(Bundle bundle) {
        Set<String> claimed = new HashSet<>();
        MessageBundles.sender(bundle).ifPresent(org -> {
            MessageBundles.identifier(org, MessageBundles.SOR_SYSTEM).ifPresent(claimed::add);
            MessageBundles.identifier(org, MessageBundles.GLN_SYSTEM).ifPresent(claimed::add);
        });
        MessageBundles.sorFromEndpoint(MessageBundles.header(bundle).getSource().getEndpoint()).ifPresent(claimed::add);
        return claimed;
    }

    /** The caller may send as at least one of the identifiers the message claims (SOR codes, GLN/EAN numbers). */
    public void check(Set<String> claimed, String allowedSenders) {
        if (!allows(claimed, allowedSenders)) {
            throw new RefusedMessageException(403, "This account may not send messages as " + (claimed.isEmpty()
                    ? "an unidentified sender" : String.join(" / ", claimed)));
        }
    }

    /** Whether the caller may send as one of the claimed identifiers; a null list (file, JMS) or {@code *} (admin) allows all. */
    public boolean allows(Set<String> claimed, String allowedSenders) {
        if (allowedSenders == null || "*".equals(allowedSenders.trim())) {
            return true;
        }
        Set<String> allowed = new HashSet<>(Arrays.asList(allowedSenders.split(",")));
        return claimed.stream().anyMatch(allowed::contains);
    }
}
