package dk.medcomgateway.ack;

import dk.medcomgateway.fhir.MessageBundles;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Entries of an acknowledgement being built: ids, fullUrls in the original's style, and lookups in the original. */
final class AckEntries {

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private AckEntries() {
    }

    static Optional<MessageHeader> header(Bundle bundle) {
        return Optional.ofNullable(MessageBundles.header(bundle));
    }

    static Optional<Resource> resolve(Bundle bundle, Reference reference) {
        return MessageBundles.resolve(bundle, reference);
    }

    /**
     * The base of the entry's absolute fullUrl ("https://host/path/"), so that relative references in the
     * acknowledgement resolve the way they did in the original; the fallback base for urn:uuid fullUrls.
     */
    static String base(Bundle bundle, Resource resource) {
        String suffix = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        return bundle.getEntry().stream()
                .filter(entry -> entry.getResource() == resource && entry.hasFullUrl())
                .map(BundleEntryComponent::getFullUrl)
                .filter(url -> url.matches("(?i)https?://.+") && url.endsWith("/" + suffix))
                .map(url -> url.substring(0, url.length() - suffix.length()))
                .findFirst()
                .orElse(MedComUrls.FALLBACK_BASE);
    }

    /** Adds the resource with fullUrl base + Type/id, the style of MedCom's examples. */
    static void add(Bundle bundle, String base, Resource resource) {
        bundle.addEntry().setFullUrl(base + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .setResource(resource);
    }

    /** The resource's id when it is a valid FHIR id (not a urn taken from a fullUrl), else a new UUID. */
    static String idOrNew(Resource resource) {
        String id = resource.getIdElement().getIdPart();
        return id != null && FHIR_ID.matcher(id).matches() ? id : newId();
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }
}
