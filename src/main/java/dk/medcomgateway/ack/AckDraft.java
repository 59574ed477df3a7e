package dk.medcomgateway.ack;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Provenance.ProvenanceAgentComponent;
import org.hl7.fhir.r4.model.Reference;

/** State of one acknowledgement being built: the original message and the Organizations copied from it. */
final class AckDraft {

    private final Bundle original;
    private final MessageHeader originalHeader;
    // Keyed by the original's instance (identity), so each Organization is copied once.
    private final Map<Organization, Organization> organizations = new LinkedHashMap<>();

    AckDraft(Bundle original, MessageHeader originalHeader) {
        this.original = original;
        this.originalHeader = originalHeader;
    }

    /** Copies the referenced Organization into the ack; null when the original does not contain it. */
    Reference copyOrganization(Reference reference) {
        return AckEntries.resolve(original, reference)
                .filter(Organization.class::isInstance)
                .map(resource -> organizations.computeIfAbsent((Organization) resource, org -> {
                    Organization copy = org.copy();
                    copy.setId(AckEntries.idOrNew(org));
                    return copy;
                }))
                .map(copy -> new Reference("Organization/" + copy.getIdElement().getIdPart()))
                .orElse(null);
    }

    Collection<Organization> organizations() {
        return organizations.values();
    }

    /**
     * The original's most recently recorded Provenance about its own MessageHeader, re-profiled as a messaging
     * Provenance with its agents copied along; empty when there is none or none of its agents is bundled.
     */
    Optional<Provenance> carriedOverProvenance() {
        Optional<Provenance> latest = original.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Provenance.class::isInstance)
                .map(Provenance.class::cast)
                .filter(this::targetsOriginalHeader)
                .max(Comparator.comparing(Provenance::getRecorded, Comparator.nullsFirst(Comparator.naturalOrder())));
        return latest.map(provenance -> {
            Provenance copy = provenance.copy();
            copy.setId(AckEntries.idOrNew(provenance));
            copy.getMeta().setProfile(List.of(new CanonicalType(MedComUrls.PROVENANCE_PROFILE)));
            copy.setTarget(List.of(new Reference("MessageHeader/" + originalHeader.getIdElement().getIdPart())));
            copy.getAgent().clear();
            for (ProvenanceAgentComponent agent : provenance.getAgent()) {
                Reference who = copyOrganization(agent.getWho());
                if (who != null) {
                    copy.addAgent(agent.copy().setWho(who));
                }
            }
            return copy;
        }).filter(Provenance::hasAgent);
    }

    private boolean targetsOriginalHeader(Provenance provenance) {
        return provenance.getTarget().stream()
                .anyMatch(target -> AckEntries.resolve(original, target).orElse(null) == originalHeader);
    }
}
