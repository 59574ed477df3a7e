package dk.medcomgateway.support;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;

/**
 * MedCom's official example messages, in this repository's {@code examples/} (provenance in its README.md),
 * and fresh variants of them for tests.
 */
public final class Examples {

    /** {@code examples/} of the project root (Maven's working directory); it holds a README.md beside the messages. */
    public static final Path DIR = Path.of("examples");
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Examples() {
    }

    public static String read(String file) {
        try {
            return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All FHIR JSON example Bundles. */
    public static List<String> jsonBundles() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("Bundle-") && n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Bundle parse(String json) {
        return (Bundle) FHIR.newJsonParser().parseResource(json);
    }

    // The ids and the event code are read from the JSON tree, not with HAPI's parser: HAPI parses every narrative
    // with a new XHTML parser, and the fuzz and load tests ask for fresh messages by the thousand.
    public static String headerId(String json) {
        return required(header(json).path("id"), "MessageHeader.id");
    }

    public static String bundleId(String json) {
        return required(tree(json).path("id"), "Bundle.id");
    }

    public static String eventCode(String json) {
        return required(header(json).path("eventCoding").path("code"), "MessageHeader.eventCoding.code");
    }

    public static boolean isAcknowledgement(String json) {
        return "acknowledgement-message".equals(eventCode(json));
    }

    /** The same message as a new one: new MessageHeader.id and Bundle.id, every reference to them updated. */
    public static String fresh(String json) {
        return json.replace(headerId(json), UUID.randomUUID().toString()).replace(bundleId(json), UUID.randomUUID().toString());
    }

    /** The same message with a new Bundle.id only: what a sender's resend looks like. */
    public static String newBundleId(String json) {
        return json.replace(bundleId(json), UUID.randomUUID().toString());
    }

    /** Readdresses a message (whose endpoint names SOR 953741000016009) to another SOR code. */
    public static String addressedTo(String json, String sor) {
        return json.replace("#id=953741000016009", "#id=" + sor);
    }

    private static JsonNode header(String json) {
        return tree(json).path("entry").path(0).path("resource");
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON message: " + e.getOriginalMessage(), e);
        }
    }

    private static String required(JsonNode value, String what) {
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("the message has no " + what);
        }
        return value.asText();
    }

    public static String toXml(String json) {
        return FHIR.newXmlParser().encodeResourceToString(parse(json));
    }

    /** A new STIN HospitalNotification, the most common message, with fresh ids. */
    public static String freshStin() {
        return fresh(read("Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.json"));
    }
}
