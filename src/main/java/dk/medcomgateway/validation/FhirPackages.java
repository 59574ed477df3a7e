package dk.medcomgateway.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.hl7.fhir.utilities.npm.NpmPackage;

/** The IG packages vendored under src/main/resources/fhir-packages/, so validation needs no network. */
final class FhirPackages {

    private FhirPackages() {
    }

    static NpmPackage load(String name) {
        try (InputStream in = FhirPackages.class.getResourceAsStream("/fhir-packages/" + name + ".tgz")) {
            if (in == null) {
                throw new IllegalStateException("FHIR package not on the classpath: " + name);
            }
            return NpmPackage.fromPackage(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read FHIR package " + name, e);
        }
    }
}
