package dk.medcomgateway.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.medcomgateway.fhir.FhirFormat;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AckCodesTest {

    @ParameterizedTest
    @EnumSource(AckCode.class)
    void ackCodeRoundTrips(AckCode code) {
        assertThat(AckCode.fromCode(code.code())).isEqualTo(code);
    }

    @Test
    void unknownAckCodeIsRefused() {
        assertThatThrownBy(() -> AckCode.fromCode("AA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AckCode.fromCode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorCodesAreExactlyThoseOfTheCodeSystem() throws Exception {
        NpmPackage terminology;
        // The terminology package the gateway validates with, vendored under src/main/resources/fhir-packages/.
        try (InputStream in = AckCodesTest.class.getResourceAsStream("/fhir-packages/medcom.fhir.dk.terminology-1.4.0.tgz")) {
            assertThat(in).as("medcom.fhir.dk.terminology-1.4.0.tgz on the classpath").isNotNull();
            terminology = NpmPackage.fromPackage(in);
        }
        CodeSystem codeSystem;
        try (InputStream in = terminology.loadResource("CodeSystem-medcom-acknowledgement-error-codes.json")) {
            codeSystem = (CodeSystem) Fixtures.CODEC.parse(in.readAllBytes(), FhirFormat.JSON);
        }
        assertThat(codeSystem.getUrl()).isEqualTo(MedComUrls.ERROR_CODES);
        Set<String> expected = codeSystem.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode)
                .collect(Collectors.toSet());
        assertThat(Arrays.stream(AckErrorCode.values()).map(AckErrorCode::code)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void errorCodesAreFoundIgnoringCase() {
        assertThat(AckErrorCode.find("msg_receiver_identifier_unknown")).contains(AckErrorCode.RECEIVER_IDENTIFIER_UNKNOWN);
        assertThat(AckErrorCode.find(null)).isEmpty();
        assertThat(AckErrorCode.find("MSG_DUPLICATE_ID")).isEmpty();
        assertThat(List.of(AckErrorCode.values())).allSatisfy(code -> assertThat(code.issueType()).isNotNull());
    }
}
