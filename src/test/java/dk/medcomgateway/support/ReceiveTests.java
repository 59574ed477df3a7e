package dk.medcomgateway.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Reference;

/**
 * MedCom's receive-test messages (src/test/resources/receive-tests, see its README), and fresh copies of them:
 * MedCom runs each scenario on its own, so its files share MessageHeader.ids, Bundle.ids and episodes.
 */
public final class ReceiveTests {

    public static final Path DIR = Path.of("src", "test", "resources", "receive-tests");
    /** Reads what a test sends, broken variants too: values the parser cannot take are left out, not thrown. */
    private static final FhirContext FHIR = lenient(FhirContext.forR4());

    private ReceiveTests() {
    }

    private static FhirContext lenient(FhirContext context) {
        context.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        return context;
    }

    /** Every receive-test message file (JSON and XML). */
    public static List<String> files() {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") || n.endsWith(".xml")).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("No receive-test messages in " + DIR.toAbsolutePath());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(String file) {
        try {
            return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String contentType(String file) {
        return file.endsWith(".xml") ? "application/fhir+xml" : "application/fhir+json";
    }

    public static Bundle parse(String text) {
        return (Bundle) (text.trim().startsWith("<") ? FHIR.newXmlParser() : FHIR.newJsonParser()).parseResource(text);
    }

    public static String headerId(String text) {
        return ((MessageHeader) parse(text).getEntryFirstRep().getResource()).getIdElement().getIdPart();
    }

    /** The episode-of-care identifier values of the message's Encounters. */
    public static List<String> episodeIds(String text) {
        return parse(text).getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Encounter.class::isInstance).map(Encounter.class::cast)
                .flatMap(e -> e.getEpisodeOfCare().stream()).filter(Reference::hasIdentifier)
                .map(r -> r.getIdentifier().getValue()).toList();
    }

    /**
     * The files as a new run of their scenario: each file's MessageHeader.id and Bundle.id, and every episode
     * identifier, replaced by new ones, the same way in every file (so a later message's history still names
     * the earlier ones). Files are read in the order given.
     */
    public static List<String> freshScenario(List<String> files) {
        Map<String, String> replacements = new LinkedHashMap<>();
        List<String> texts = files.stream().map(ReceiveTests::read).toList();
        for (String text : texts) {
            Bundle bundle = parse(text);
            replacements.putIfAbsent(headerId(text), UUID.randomUUID().toString());
            replacements.put(bundle.getIdElement().getIdPart(), UUID.randomUUID().toString());
            for (String episode : episodeIds(text)) {
                replacements.putIfAbsent(episode, sameKind(episode));
            }
        }
        List<String> fresh = new ArrayList<>();
        for (String text : texts) {
            String changed = text;
            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                changed = changed.replace(replacement.getKey(), replacement.getValue());
            }
            fresh.add(changed);
        }
        return fresh;
    }

    /**
     * A new identifier of the same form: an LPR3 episode identifier (urn:uuid:) keeps its UUID version, which the
     * profiles check (version 5), another kind of identifier becomes a new UUID.
     */
    private static String sameKind(String episode) {
        String uuid = UUID.randomUUID().toString();
        if (!episode.startsWith("urn:uuid:") || episode.length() != "urn:uuid:".length() + 36) {
            return uuid;
        }
        char version = episode.charAt("urn:uuid:".length() + 14);
        return "urn:uuid:" + uuid.substring(0, 14) + version + uuid.substring(15);
    }

    public static String fresh(String file) {
        return freshScenario(List.of(file)).get(0);
    }
}
