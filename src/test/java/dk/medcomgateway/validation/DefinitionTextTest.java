package dk.medcomgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.InputStream;
import java.util.List;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

/** The text for people goes from a definition; what validation checks stays, and nothing is added. */
class DefinitionTextTest {

    @Test
    void medcomsPatientLosesItsNarrativeMappingsAndDocumentationButKeepsWhatValidationChecks() throws Exception {
        // Read from its package here: HAPI's base definitions are one copy per JVM, which the gateway's chains trim.
        StructureDefinition patient;
        try (InputStream in = FhirPackages.load("medcom.fhir.dk.core-2.0.1").load("package", "StructureDefinition-medcom-core-patient.json")) {
            patient = FhirContext.forR4Cached().newJsonParser().parseResource(StructureDefinition.class, in);
        }
        ElementDefinition gender = element(patient, "Patient.gender");
        int elements = patient.getSnapshot().getElement().size();
        assertThat(patient.hasText()).isTrue();
        assertThat(gender.hasDefinition()).isTrue();
        assertThat(gender.getConstraintFirstRep().hasXpath()).isTrue();

        DefinitionText.drop(List.of(patient));

        assertThat(patient.hasText()).isFalse();
        assertThat(patient.hasMapping()).isFalse();
        assertThat(patient.getSnapshot().getElement()).hasSize(elements).allSatisfy(e -> {
            assertThat(e.hasDefinition()).as(e.getPath()).isFalse();
            assertThat(e.hasComment()).as(e.getPath()).isFalse();
            assertThat(e.hasMapping()).as(e.getPath()).isFalse();
        });
        assertThat(gender.getShort()).isNotBlank();
        assertThat(gender.getMax()).isEqualTo("1");
        assertThat(gender.getTypeFirstRep().getCode()).isEqualTo("code");
        assertThat(gender.getBinding().getStrength()).isEqualTo(BindingStrength.REQUIRED);
        assertThat(gender.getBinding().getValueSet()).startsWith("http://hl7.org/fhir/ValueSet/administrative-gender");
        assertThat(gender.getConstraintFirstRep().getExpression()).isNotBlank();
        assertThat(gender.getConstraintFirstRep().hasXpath()).isFalse();
        // Nothing created where there was nothing: an element without a binding keeps none.
        assertThat(element(patient, "Patient.id").hasBinding()).isFalse();
    }

    private static ElementDefinition element(StructureDefinition profile, String path) {
        return profile.getSnapshot().getElement().stream().filter(e -> e.getPath().equals(path)).findFirst().orElseThrow();
    }
}
