package dk.medcomgateway.validation;

import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.ValidationIssue;
import static dk.medcomgateway.validation.MedComExamples.ACK_OK;
import static dk.medcomgateway.validation.MedComExamples.CARE_COMMUNICATION;
import static dk.medcomgateway.validation.MedComExamples.CODEC;
import static dk.medcomgateway.validation.MedComExamples.EMPTY_MESSAGE;
import static dk.medcomgateway.validation.MedComExamples.STIN;
import static dk.medcomgateway.validation.MedComExamples.errors;
import static dk.medcomgateway.validation.MedComExamples.read;
import static dk.medcomgateway.validation.MedComExamples.viaXml;
import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.support.BesideTheGatewayTests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@BesideTheGatewayTests
class ProfileValidatorTest {

    private final ProfileValidator validator = MedComExamples.validator();
    private final MessageStructureCheck structure = new MessageStructureCheck(CODEC);

    static Stream<Path> examples() throws Exception {
        return MedComExamples.bundleFiles();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void officialExampleHasNoProfileErrors(Path file) {
        assertThat(errors(validator.validate(read(file)))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void officialExampleConvertedToXmlHasNoProfileErrors(Path file) {
        assertThat(errors(validator.validate(viaXml(read(file))))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void officialExampleValidatedAsReceivedHasNoProfileErrors(Path file) {
        assertThat(errors(validator.validate(read(file), MedComExamples.bytes(file)))).isEmpty();
    }

    @Test
    void eachExampleIsValidatedAgainstItsOwnStandard() {
        assertThat(MedComStandard.of(read(STIN))).contains(MedComStandard.HOSPITAL_NOTIFICATION);
        assertThat(MedComStandard.of(read(ACK_OK))).contains(MedComStandard.ACKNOWLEDGEMENT);
        assertThat(MedComStandard.of(read(CARE_COMMUNICATION))).contains(MedComStandard.CARE_COMMUNICATION);
        assertThat(MedComStandard.of(read(EMPTY_MESSAGE))).contains(MedComStandard.MESSAGING);
    }

    @Test
    void patientWithoutIdentifierPassesTheStructureCheckButFailsTheProfile() {
        Bundle bundle = read(STIN);
        MessageBundles.patient(bundle).orElse(null).getIdentifier().clear();

        assertThat(structure.check(bundle)).isEmpty();
        List<ValidationIssue> errors = errors(validator.validate(bundle));
        assertThat(errors).extracting(ValidationIssue::text)
                .anyMatch(text -> text.contains("Patient.identifier: minimum required = 1"));
        assertThat(errors).extracting(ValidationIssue::location).allMatch(location -> location != null && !location.isBlank());
    }

    @Test
    void standardIsChosenByEventCodeWhenTheBundleDeclaresNoProfile() {
        Bundle valid = read(STIN);
        valid.getMeta().getProfile().clear();
        assertThat(errors(validator.validate(valid))).isEmpty();

        Bundle invalid = read(STIN);
        invalid.getMeta().getProfile().clear();
        MessageBundles.patient(invalid).orElse(null).getIdentifier().clear();
        assertThat(errors(validator.validate(invalid))).extracting(ValidationIssue::text)
                .anyMatch(text -> text.contains("medcom-hospitalNotification-message"));
    }

    @Test
    void profileDeclaredWithItsVersionSelectsTheStandardAndValidates() {
        Bundle bundle = read(STIN);
        bundle.getMeta().getProfile().get(0).setValue(MedComStandard.HOSPITAL_NOTIFICATION.messageProfile() + "|3.0.2");
        assertThat(MedComStandard.of(bundle)).contains(MedComStandard.HOSPITAL_NOTIFICATION);
        assertThat(errors(validator.validate(bundle))).isEmpty();
    }

    @Test
    void messageOfAStandardTheGatewayDoesNotKnowGetsOneError() {
        Bundle bundle = read(STIN);
        bundle.getMeta().getProfile().clear();
        ((MessageHeader) bundle.getEntryFirstRep().getResource()).getEventCoding().setCode("homecareobservation-message");

        List<ValidationIssue> issues = validator.validate(bundle);
        assertThat(issues).hasSize(1);
        assertThat(issues.get(0).isError()).isTrue();
        assertThat(issues.get(0).errorCode()).isEqualTo(AckErrorCodes.UNABLE_TO_RECEIVE_MSG_TYPE);
        assertThat(issues.get(0).text()).contains("homecareobservation-message");
    }

    @Test
    void eventGivenAsUriWithoutProfileIsAnUnknownStandardNotAnException() {
        Bundle bundle = read(STIN);
        bundle.getMeta().getProfile().clear();
        ((MessageHeader) bundle.getEntryFirstRep().getResource()).setEvent(new UriType("http://example.org/admit"));
        assertThat(validator.validate(bundle)).singleElement()
                .extracting(ValidationIssue::errorCode).isEqualTo(AckErrorCodes.UNABLE_TO_RECEIVE_MSG_TYPE);
    }

    @Test
    void bundleWithoutMessageHeaderOrProfileIsAnUnknownStandardNotAnException() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        assertThat(validator.validate(bundle)).singleElement()
                .extracting(ValidationIssue::errorCode).isEqualTo(AckErrorCodes.UNABLE_TO_RECEIVE_MSG_TYPE);
    }

    @Test
    void codeOutsideTheRequiredValueSetGetsTheMedComValueSetAndCodeSystemErrorCodes() {
        Bundle bundle = read(CARE_COMMUNICATION);
        bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Communication.class::isInstance).map(Communication.class::cast).findFirst().orElseThrow()
                .getCategoryFirstRep().getCodingFirstRep().setCode("no-such-category");

        assertThat(errors(validator.validate(bundle))).extracting(ValidationIssue::errorCode)
                .contains(AckErrorCodes.VALUESET_VALUE_UNKNOWN, AckErrorCodes.CODESYSTEM_VALUE_UNKNOWN);
    }

    @Test
    void unknownElementDroppedByTheLenientParserIsReportedWhenValidatingTheReceivedBody() {
        String received = new String(MedComExamples.bytes(MedComExamples.DIR.resolve(STIN)), StandardCharsets.UTF_8)
                .replace("\"resourceType\" : \"Patient\",", "\"resourceType\" : \"Patient\", \"shoeSize\" : \"44\",");
        byte[] body = received.getBytes(StandardCharsets.UTF_8);
        Bundle parsed = (Bundle) CODEC.parse(body, FhirFormat.JSON);

        assertThat(errors(validator.validate(parsed, body))).extracting(ValidationIssue::text)
                .anyMatch(text -> text.contains("shoeSize"));
    }

    @Test
    void informationMessagesAreDropped() {
        assertThat(validator.validate(read(CARE_COMMUNICATION)))
                .allMatch(issue -> issue.severity().equals("error") || issue.severity().equals("warning")
                        || issue.severity().equals("fatal"));
    }

    @Test
    void concurrentValidationsOfAllExamplesGiveNoErrors() throws Exception {
        List<Path> files = examples().toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ValidationIssue>>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Path file : files) {
                    results.add(pool.submit(() -> validator.validate(read(file))));
                }
            }
            for (Future<List<ValidationIssue>> result : results) {
                assertThat(errors(result.get(3, TimeUnit.MINUTES))).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void medianValidationTimePerStandardAfterWarmUp() {
        awaitReady(validator);
        Map<MedComStandard, String> samples = Map.of(
                MedComStandard.HOSPITAL_NOTIFICATION, STIN,
                MedComStandard.ACKNOWLEDGEMENT, ACK_OK,
                MedComStandard.CARE_COMMUNICATION, CARE_COMMUNICATION,
                MedComStandard.MESSAGING, EMPTY_MESSAGE);
        for (MedComStandard standard : MedComStandard.values()) {
            Bundle bundle = read(samples.get(standard));
            for (int run = 0; run < 30; run++) {
                validator.validate(bundle); // the JIT needs ~100 validations to settle; 30 per standard gets close
            }
            List<Long> micros = new ArrayList<>();
            for (int run = 0; run < 21; run++) {
                long start = System.nanoTime();
                validator.validate(bundle);
                micros.add((System.nanoTime() - start) / 1_000);
            }
            micros.sort(null);
            System.out.printf("Median profile validation time, %s (%s): %.1f ms over %d runs%n",
                    standard, samples.get(standard), micros.get(micros.size() / 2) / 1000.0, micros.size());
        }
    }

    static void awaitReady(ProfileValidator validator) {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!validator.isReady()) {
            assertThat(System.nanoTime()).as("validator ready within 3 minutes: %s", validator.chainStates()).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
