package dk.medcomgateway.ack;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.utilities.npm.NpmPackage;

/** Test-only offline validator for the MedCom Acknowledgement 2.0.3 package set (see shared/stack.md). */
final class AckProfileValidator {

    private static final Path PACKAGES = Path.of("../shared/fhir-packages");
    // Acknowledgement 2.0.3 and the versions it pins; messaging 2.1.0 itself names core 2.3.0.
    private static final List<String> PACKAGE_FILES = List.of(
            "hl7.fhir.dk.core-2.0.0.tgz",
            "medcom.fhir.dk.core-2.3.0.tgz",
            "medcom.fhir.dk.core-2.0.1.tgz",
            "medcom.fhir.dk.terminology-1.4.0.tgz",
            "medcom.fhir.dk.messaging-2.1.0.tgz",
            "medcom.fhir.dk.acknowledgement-2.0.3.tgz");

    private static FhirValidator validator;

    private AckProfileValidator() {
    }

    /** Error- and fatal-level messages of validating the bundle against its declared profiles. */
    static List<SingleValidationMessage> errors(Bundle bundle) {
        return validator().validateWithResult(bundle).getMessages().stream()
                .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    private static synchronized FhirValidator validator() {
        if (validator == null) {
            FhirContext context = FhirContext.forR4();
            DefaultProfileValidationSupport base = new DefaultProfileValidationSupport(context);
            UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(context);
            unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
            ValidationSupportChain chain = new ValidationSupportChain(
                    packages(context),
                    base,
                    new VersionedBaseProfiles(context, base),
                    new CommonCodeSystemsTerminologyService(context),
                    new InMemoryTerminologyServerValidationSupport(context),
                    new SnapshotGeneratingValidationSupport(context),
                    unknownCodeSystems);
            validator = context.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        }
        return validator;
    }

    // NpmPackageValidationSupport loads only from the classpath; the packages live in ../shared, so its
    // resources are added one by one the way loadPackageFromClasspath does.
    private static NpmPackageValidationSupport packages(FhirContext context) {
        NpmPackageValidationSupport support = new NpmPackageValidationSupport(context);
        try {
            for (String file : PACKAGE_FILES) {
                NpmPackage npm;
                try (InputStream in = Files.newInputStream(PACKAGES.resolve(file))) {
                    npm = NpmPackage.fromPackage(in);
                }
                for (String name : npm.listResources("StructureDefinition", "CodeSystem", "ValueSet")) {
                    try (InputStream in = npm.loadResource(name)) {
                        support.addResource(context.newJsonParser()
                                .parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return support;
    }

    /** Answers base-spec canonicals written with a "|4.0.1" suffix, which HAPI resolves only without it. */
    private static final class VersionedBaseProfiles extends BaseValidationSupport {
        private static final String SUFFIX = "|4.0.1";
        private final IValidationSupport base;

        VersionedBaseProfiles(FhirContext context, IValidationSupport base) {
            super(context);
            this.base = base;
        }

        @Override
        public IBaseResource fetchStructureDefinition(String url) {
            return url.startsWith("http://hl7.org/fhir/") && url.endsWith(SUFFIX)
                    ? base.fetchStructureDefinition(url.substring(0, url.length() - SUFFIX.length()))
                    : null;
        }
    }
}
