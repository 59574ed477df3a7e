package dk.medcomgateway.validation;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.message.ValidationIssue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;

/** The official MedCom example messages in examples/ of this repository, and one warm validator shared by all tests. */
final class MedComExamples {

    static final FhirCodec CODEC = new FhirCodec();
    static final Path DIR = Path.of("examples");

    static final String STIN = "Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.json";
    static final String ACK_OK = "Bundle-a8c041b8-c65a-4fde-a90f-962076918834.json";
    static final String CARE_COMMUNICATION = "Bundle-add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c.json";
    static final String EMPTY_MESSAGE = "Bundle-eb26be85-fdb7-454d-a980-95cba6d1745b.json";

    private static ProfileValidator validator;

    private MedComExamples() {
    }

    /** Building and warming the chains takes seconds, so every test class uses the same validator. */
    static synchronized ProfileValidator validator() {
        if (validator == null) {
            validator = new ProfileValidator(CODEC);
        }
        return validator;
    }

    /** Every FHIR Bundle file among the examples (the other files are OIOXML, EDIFACT and SBDH). */
    static Stream<Path> bundleFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> bundles = files.filter(f -> f.getFileName().toString().startsWith("Bundle-")).sorted().toList();
            if (bundles.isEmpty()) {
                throw new IllegalStateException("No example Bundles in " + DIR.toAbsolutePath());
            }
            return bundles.stream();
        }
    }

    static Bundle read(String fileName) {
        return read(DIR.resolve(fileName));
    }

    static Bundle read(Path file) {
        return (Bundle) CODEC.parse(bytes(file), file.toString().endsWith(".xml") ? FhirFormat.XML : FhirFormat.JSON);
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundle encoded as XML and parsed back, as a message sent in XML would arrive. */
    static Bundle viaXml(Bundle bundle) {
        return (Bundle) CODEC.parse(CODEC.encode(bundle, FhirFormat.XML), FhirFormat.XML);
    }

    static List<ValidationIssue> errors(List<ValidationIssue> issues) {
        return issues.stream().filter(ValidationIssue::isError).toList();
    }
}
