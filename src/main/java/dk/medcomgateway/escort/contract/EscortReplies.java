package dk.medcomgateway.escort.contract;

import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.intake.SenderCheck;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.message.MessageAccepted;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication.CommunicationPayloadComponent;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads a municipality's CareCommunication reply to a contract message as its answer, when the
 * intake has accepted it ({@link MessageAccepted}) for delivery to the ward like any message. The rule (config/escort.yaml, gateway.escort.contracts.reply):
 * the reply names the contract's message as its preceding message in a Provenance (role revision)
 * or carries the contract's Communication.identifier; it comes from the contract's municipality;
 * and its newest text matches exactly one of the accept and decline patterns. Anything else is
 * left as an ordinary message. Never fails the intake: the reply is already accepted.
 */
@Component("escortReplies")
public class EscortReplies {

    private static final Logger log = LoggerFactory.getLogger(EscortReplies.class);
    private static final String CORE = "http://medcomfhir.dk/ig/core/StructureDefinition/";

    private final EscortContractStore store;
    private final EscortContracts contracts;
    private final PartnerDirectory partners;
    private final MessageLedger ledger;
    /** config/escort.yaml's reply patterns, compiled once rather than per reply; a bad one stops the gateway at start-up. */
    private final Pattern acceptPattern;
    private final Pattern declinePattern;

    public EscortReplies(EscortContractStore store, EscortContracts contracts, PartnerDirectory partners, MessageLedger ledger,
                         EscortContractProperties properties) {
        this.store = store;
        this.contracts = contracts;
        this.partners = partners;
        this.ledger = ledger;
        this.acceptPattern = Pattern.compile(properties.reply().acceptPattern());
        this.declinePattern = Pattern.compile(properties.reply().declinePattern());
    }

    /** A municipality's reply to an escort contract is also its answer; a message it cannot read so is left as it is. */
    @EventListener
    public void recognise(MessageAccepted accepted) {
        IncomingMessage message = accepted.message();
        try {
            if (EscortMessageSender.CHANNEL.equals(message.channel())
                    || !"care-communication-message".equals(message.eventCode())) {
                return;
            }
            Bundle bundle = message.bundle();
            Optional<Communication> communication = resources(bundle, Communication.class).stream().findFirst();
            if (communication.isEmpty()) {
                return;
            }
            String thread = communication.get().getIdentifier().stream().map(i -> i.getValue()).findFirst().orElse(null);
            Optional<EscortContract> contract = store.answeredBy(precedingMessages(bundle), thread);
            if (contract.isEmpty()) {
                return;
            }
            long ledgerId = accepted.ledgerId();
            if (!fromMunicipality(bundle, contract.get())) {
                ledger.event(ledgerId, null, "escort-answer", "not read as an answer to escort contract " + contract.get().id()
                        + ": it does not come from the contract's municipality " + contract.get().municipality());
                return;
            }
            Optional<CommunicationPayloadComponent> newest = newestText(communication.get());
            String text = newest.map(p -> p.getContentStringType().getValue()).orElse("");
            boolean accepts = acceptPattern.matcher(text).find();
            boolean declines = declinePattern.matcher(text).find();
            if (accepts == declines) {
                ledger.event(ledgerId, null, "escort-answer", "reply to escort contract " + contract.get().id()
                        + " says neither clearly accept nor decline; answer it by API or with a clear reply");
                return;
            }
            ledger.event(ledgerId, null, "escort-answer", "read as " + (accepts ? "accepting" : "declining")
                    + " escort contract " + contract.get().id());
            contracts.answeredByReply(contract.get(), accepts, message.messageHeaderId(), author(bundle, newest.get()));
        } catch (RuntimeException e) {
            log.warn("Could not read message {} as an escort answer: {}", message.messageHeaderId(),
                    e.getMessage());
        }
    }

    /** MessageHeader ids the reply's Provenances name as preceding messages. */
    private static List<String> precedingMessages(Bundle bundle) {
        List<String> ids = new ArrayList<>();
        for (Provenance provenance : resources(bundle, Provenance.class)) {
            provenance.getEntity().stream().filter(e -> e.getRole() == Provenance.ProvenanceEntityRole.REVISION)
                    .map(e -> e.getWhat().getReference()).filter(ref -> ref != null && ref.contains("MessageHeader/"))
                    .map(ref -> new IdType(ref).getIdPart()).forEach(ids::add);
        }
        return ids;
    }

    private boolean fromMunicipality(Bundle bundle, EscortContract contract) {
        Optional<Partner> municipality = partners.byCode(contract.municipality());
        if (municipality.isEmpty()) {
            return false;
        }
        Set<String> codes = SenderCheck.claimedSenders(bundle);
        return codes.contains(municipality.get().sor()) || codes.contains(municipality.get().gln());
    }

    /** The reply's own text: of the text payloads, the one written last (a reply repeats the earlier ones). */
    private static Optional<CommunicationPayloadComponent> newestText(Communication communication) {
        List<CommunicationPayloadComponent> texts = communication.getPayload().stream().filter(p -> p.hasContentStringType()).toList();
        return texts.stream().filter(p -> p.hasExtension(CORE + "medcom-core-datetime-extension"))
                .max(Comparator.comparing(p -> ((DateTimeType) p.getExtensionByUrl(CORE + "medcom-core-datetime-extension").getValue())
                        .getValue()))
                .or(() -> texts.isEmpty() ? Optional.empty() : Optional.of(texts.get(texts.size() - 1)));
    }

    /** Who wrote the reply's text, to name as the author of the note the ward gets on a decline. */
    private static Contact author(Bundle bundle, CommunicationPayloadComponent text) {
        Extension practitioner = text.getExtensionByUrl(CORE + "medcom-core-practitioner-extension");
        Optional<PractitionerRole> role = practitioner == null ? Optional.empty()
                : MessageBundles.resolve(bundle, (Reference) practitioner.getValue())
                .filter(PractitionerRole.class::isInstance).map(PractitionerRole.class::cast);
        String name = role.flatMap(r -> MessageBundles.resolve(bundle, r.getPractitioner()))
                .filter(Practitioner.class::isInstance).map(Practitioner.class::cast)
                .filter(Practitioner::hasName).map(p -> p.getNameFirstRep().getNameAsSingleString()).orElse("Kommunen");
        String roleText = role.filter(PractitionerRole::hasCode).map(r -> r.getCodeFirstRep().hasText() ? r.getCodeFirstRep().getText()
                : r.getCodeFirstRep().getCodingFirstRep().getCode()).orElse(null);
        Extension contact = text.getExtensionByUrl(CORE + "medcom-core-contact-extension");
        String phone = contact == null ? "-" : ((ContactPoint) contact.getValue()).getValue();
        return new Contact(name, roleText, phone);
    }

    private static <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }
}
