package dk.medcomgateway.ack;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import dk.medcomgateway.message.ValidationIssue;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MessageHeader.MessageDestinationComponent;
import org.hl7.fhir.r4.model.MessageHeader.ResponseType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance.ProvenanceEntityRole;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Builds MedCom Acknowledgement 2.0.3 messages answering received messages, re-sends them for duplicates,
 * and reads acknowledgements received from partners. Stateless and thread-safe.
 */
@Component
public class AcknowledgementFactory {

    private static final TimeZone DANISH_TIME = TimeZone.getTimeZone("Europe/Copenhagen");

    /**
     * The acknowledgement of {@code original}: sender and receiver swapped, both Provenances, and an
     * OperationOutcome when the code is an error or issues are given. Parts the original lacks are left out.
     *
     * @throws IllegalArgumentException when the original has no MessageHeader with an id
     */
    public Bundle acknowledge(Bundle original, AckCode code, List<ValidationIssue> issues) {
        MessageHeader originalHeader = AckEntries.header(original)
                .filter(header -> header.getIdElement().hasIdPart())
                .orElseThrow(() -> new IllegalArgumentException("The message has no MessageHeader with an id"));
        String originalId = originalHeader.getIdElement().getIdPart();
        String base = AckEntries.base(original, originalHeader);
        List<ValidationIssue> reported = issues == null ? List.of() : issues;
        AckDraft draft = new AckDraft(original, originalHeader);
        Date now = new Date();

        MessageHeader header = header(originalHeader, draft, code);
        Bundle ack = new Bundle().setType(BundleType.MESSAGE).setTimestamp(now);
        ack.setId(AckEntries.newId());
        ack.getMeta().addProfile(MedComUrls.ACK_MESSAGE_PROFILE);
        AckEntries.add(ack, base, header);
        draft.carriedOverProvenance().ifPresent(provenance -> AckEntries.add(ack, base, provenance));
        AckEntries.add(ack, base, ackProvenance(header, originalId, now));
        draft.organizations().forEach(organization -> AckEntries.add(ack, base, organization));
        if (code != AckCode.OK || !reported.isEmpty()) {
            OperationOutcome outcome = OutcomeIssues.toOutcome(reported, code);
            header.getResponse().setDetails(new Reference("OperationOutcome/" + outcome.getIdElement().getIdPart()));
            AckEntries.add(ack, base, outcome);
        }
        return ack;
    }

    /**
     * A re-send of a stored acknowledgement for a duplicate message (MedCom MR8): same response and issues,
     * new Bundle.id, MessageHeader.id and timestamp, plus an information issue noting the duplicate, which the
     * profile allows on any response code.
     *
     * @throws IllegalArgumentException when {@code storedAck} is not an acknowledgement
     */
    public Bundle reissue(Bundle storedAck) {
        if (!isAcknowledgement(storedAck)) {
            throw new IllegalArgumentException("Not an acknowledgement message");
        }
        Bundle ack = storedAck.copy();
        Date now = new Date();
        ack.setId(AckEntries.newId());
        ack.setTimestamp(now);
        MessageHeader header = AckEntries.header(ack).orElseThrow();
        renameHeader(ack, header, now);
        addDuplicateNote(ack, header);
        return ack;
    }

    /** True for a message Bundle whose MessageHeader carries MedCom's acknowledgement-message event. */
    public static boolean isAcknowledgement(Bundle bundle) {
        return bundle != null && bundle.getType() == BundleType.MESSAGE
                && AckEntries.header(bundle)
                        .map(header -> header.getEvent() instanceof Coding event
                                && MedComUrls.EVENT_CODES.equals(event.getSystem())
                                && MedComUrls.ACK_EVENT.equals(event.getCode()))
                        .orElse(false);
    }

    /** The MessageHeader.id of the message the acknowledgement answers. */
    public static String respondsTo(Bundle ack) {
        return ackHeader(ack).getResponse().getIdentifier();
    }

    /** @throws IllegalArgumentException when the response code is missing or not a FHIR response code */
    public static AckCode code(Bundle ack) {
        MessageHeader.MessageHeaderResponseComponent response = ackHeader(ack).getResponse();
        return AckCode.fromCode(response.hasCode() ? response.getCode().toCode() : null);
    }

    /** The issues of the acknowledgement's OperationOutcome; empty when it has none. */
    public static List<ValidationIssue> issues(Bundle ack) {
        MessageHeader header = ackHeader(ack);
        return outcome(ack, header).map(OutcomeIssues::fromOutcome).orElse(List.of());
    }

    /** Gives the header a new id, keeping the fullUrl and the ack's own Provenance pointing at it. */
    private static void renameHeader(Bundle ack, MessageHeader header, Date now) {
        List<Provenance> ownProvenances = ack.getEntry().stream()
                .map(BundleEntryComponent::getResource)
                .filter(Provenance.class::isInstance)
                .map(Provenance.class::cast)
                .filter(provenance -> provenance.getTarget().stream()
                        .anyMatch(target -> AckEntries.resolve(ack, target).orElse(null) == header))
                .toList();
        String oldId = header.getIdElement().getIdPart();
        String newId = AckEntries.newId();
        header.setId(newId);
        ack.getEntry().stream()
                .filter(entry -> entry.getResource() == header && entry.hasFullUrl())
                .forEach(entry -> entry.setFullUrl(entry.getFullUrl().replace(oldId, newId)));
        for (Provenance provenance : ownProvenances) {
            provenance.getTarget().forEach(target -> target.setReference(target.getReference().replace(oldId, newId)));
            // The acknowledgement activity is the sending, which happens again now.
            provenance.setOccurred(sentAt(now)).setRecorded(now);
        }
    }

    private static MessageHeader header(MessageHeader original, AckDraft draft, AckCode code) {
        MessageHeader header = new MessageHeader();
        header.setId(AckEntries.newId());
        header.getMeta().addProfile(MedComUrls.ACK_HEADER_PROFILE);
        header.setEvent(new Coding(MedComUrls.EVENT_CODES, MedComUrls.ACK_EVENT, null));

        // The ack goes back to where the original came from ...
        MessageDestinationComponent destination = header.addDestination();
        destination.addExtension(MedComUrls.DESTINATION_USE_EXTENSION,
                new Coding(MedComUrls.DESTINATION_USE_CODES, "primary", null));
        if (original.getSource().hasEndpoint()) {
            destination.setEndpoint(original.getSource().getEndpoint());
        }
        // ... from the one it was sent to (copied first, so the ack's sender leads the Organizations).
        MessageDestinationComponent originalDestination = primaryDestination(original);
        if (originalDestination != null) {
            header.setSender(draft.copyOrganization(originalDestination.getReceiver()));
            if (originalDestination.hasEndpoint()) {
                header.getSource().setEndpoint(originalDestination.getEndpoint());
            }
        }
        destination.setReceiver(draft.copyOrganization(original.getSender()));
        header.getResponse()
                .setIdentifier(original.getIdElement().getIdPart())
                .setCode(ResponseType.fromCode(code.code()));
        return header;
    }

    private static Provenance ackProvenance(MessageHeader header, String originalId, Date now) {
        Provenance provenance = new Provenance();
        provenance.setId(AckEntries.newId());
        provenance.getMeta().addProfile(MedComUrls.PROVENANCE_PROFILE);
        provenance.addTarget(new Reference("MessageHeader/" + header.getIdElement().getIdPart()));
        provenance.setOccurred(sentAt(now)).setRecorded(now);
        provenance.getActivity().addCoding(new Coding(MedComUrls.ACTIVITY_CODES, MedComUrls.ACK_ACTIVITY, null));
        if (header.hasSender()) {
            provenance.addAgent().setWho(header.getSender().copy());
        }
        provenance.addEntity()
                .setRole(ProvenanceEntityRole.REVISION)
                .setWhat(new Reference("MessageHeader/" + originalId));
        return provenance;
    }

    /** The destination marked primary, else the first one; null when there is none. */
    private static MessageDestinationComponent primaryDestination(MessageHeader header) {
        return header.getDestination().stream()
                .filter(destination -> destination.getExtensionsByUrl(MedComUrls.DESTINATION_USE_EXTENSION).stream()
                        .anyMatch(use -> use.getValue() instanceof Coding coding && "primary".equals(coding.getCode())))
                .findFirst()
                .orElse(header.getDestination().isEmpty() ? null : header.getDestination().get(0));
    }

    /** Provenance.occurred shall carry date, time and zone; Danish time reads naturally for the partners. */
    private static DateTimeType sentAt(Date now) {
        return new DateTimeType(now, TemporalPrecisionEnum.SECOND, DANISH_TIME);
    }

    private static void addDuplicateNote(Bundle ack, MessageHeader header) {
        OperationOutcome outcome = outcome(ack, header).orElseGet(() -> {
            OperationOutcome created = OutcomeIssues.newOutcome();
            header.getResponse().setDetails(new Reference("OperationOutcome/" + created.getIdElement().getIdPart()));
            AckEntries.add(ack, AckEntries.base(ack, header), created);
            return created;
        });
        if (!OutcomeIssues.hasDuplicateNote(outcome)) {
            outcome.addIssue(OutcomeIssues.duplicateNote(header.getResponse().getIdentifier()));
        }
    }

    private static Optional<OperationOutcome> outcome(Bundle ack, MessageHeader header) {
        return AckEntries.resolve(ack, header.getResponse().getDetails())
                .or(() -> ack.getEntry().stream().map(BundleEntryComponent::getResource)
                        .filter(OperationOutcome.class::isInstance).findFirst())
                .filter(OperationOutcome.class::isInstance)
                .map(OperationOutcome.class::cast);
    }

    private static MessageHeader ackHeader(Bundle ack) {
        if (!isAcknowledgement(ack)) {
            throw new IllegalArgumentException("Not an acknowledgement message");
        }
        return AckEntries.header(ack).orElseThrow();
    }
}
