package dk.medcomgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;

class AckErrorCodesTest {

    @Test
    void everyCodeExistsInMedComsAcknowledgementErrorCodeSystem() throws Exception {
        List<String> codes = Arrays.stream(AckErrorCodes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && !f.getName().equals("SYSTEM"))
                .map(AckErrorCodesTest::value).toList();
        assertThat(codes).isNotEmpty();
        for (String terminology : List.of("medcom.fhir.dk.terminology-1.4.0", "medcom.fhir.dk.terminology-2.0.1")) {
            try (InputStream in = FhirPackages.load(terminology).load("package", "CodeSystem-medcom-acknowledgement-error-codes.json")) {
                CodeSystem codeSystem = MedComExamples.CODEC.context().newJsonParser().parseResource(CodeSystem.class, in);
                assertThat(codeSystem.getUrl()).isEqualTo(AckErrorCodes.SYSTEM);
                Set<String> defined = codeSystem.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode)
                        .collect(Collectors.toSet());
                assertThat(defined).as(terminology).containsAll(codes);
            }
        }
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
