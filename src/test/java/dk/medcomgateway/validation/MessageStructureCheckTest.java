package dk.medcomgateway.validation;

import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.ValidationIssue;
import static dk.medcomgateway.validation.MedComExamples.ACK_OK;
import static dk.medcomgateway.validation.MedComExamples.CODEC;
import static dk.medcomgateway.validation.MedComExamples.EMPTY_MESSAGE;
import static dk.medcomgateway.validation.MedComExamples.STIN;
import static dk.medcomgateway.validation.MedComExamples.read;
import static dk.medcomgateway.validation.MedComExamples.viaXml;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageStructureCheckTest {

    private static final String STIN_RECEIVER = "https://medcomfhir.dk/ig/hospitalnotification/Organization/o4cdf292-abf3-4f5f-80ea-60a48013ff6d";

    private final MessageStructureCheck check = new MessageStructureCheck(CODEC);

    static Stream<Path> examples() throws Exception {
        return MedComExamples.bundleFiles();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void officialExamplePassesTheStructureCheck(Path file) {
        assertThat(check.check(read(file))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void officialExampleConvertedToXmlPassesTheStructureCheck(Path file) {
        assertThat(check.check(viaXml(read(file)))).isEmpty();
    }

    @Test
    void eventCodesAreReadFromTheVendoredTerminologyPackages() {
        assertThat(check.eventCodes()).containsExactlyInAnyOrder("empty-message", "care-communication-message",
                "hospital-notification-message", "acknowledgement-message", "homecareobservation-message");
    }

    @Test
    void messageWithoutEventCodingIsRejected() {
        Bundle bundle = read(STIN);
        header(bundle).setEvent(null);
        assertSingleError(bundle, AckErrorCodes.CODESYSTEM_VALUE_UNKNOWN, ".event");
    }

    @Test
    void eventGivenAsUriInsteadOfMedComCodingIsRejected() {
        Bundle bundle = read(STIN);
        header(bundle).setEvent(new UriType("http://example.org/events/admit"));
        assertSingleError(bundle, AckErrorCodes.CODESYSTEM_VALUE_UNKNOWN, ".event");
    }

    @Test
    void eventCodeNotInMedComsEventCodeSystemIsRejected() {
        Bundle bundle = read(STIN);
        header(bundle).getEventCoding().setCode("discharge-letter-message");
        assertSingleError(bundle, AckErrorCodes.CODESYSTEM_VALUE_UNKNOWN, ".eventCoding.code");
    }

    @Test
    void eventCodingFromAnotherCodeSystemIsRejected() {
        Bundle bundle = read(STIN);
        header(bundle).getEventCoding().setSystem("http://hl7.org/fhir/message-events");
        assertSingleError(bundle, AckErrorCodes.CODESYSTEM_VALUE_UNKNOWN, ".eventCoding.system");
    }

    @Test
    void bundleTypeOtherThanMessageIsRejected() {
        Bundle bundle = read(STIN);
        bundle.setType(Bundle.BundleType.COLLECTION);
        assertSingleError(bundle, null, "Bundle.type");
    }

    @Test
    void firstEntryThatIsNotAMessageHeaderIsRejected() {
        Bundle bundle = read(STIN);
        BundleEntryComponent header = bundle.getEntry().remove(0);
        bundle.getEntry().add(header);
        assertThat(MessageBundles.header(bundle)).isNull();
        assertSingleError(bundle, null, "Bundle.entry[0]");
    }

    @Test
    void messageHeaderWithoutIdIsRejected() {
        Bundle bundle = read(STIN);
        header(bundle).setIdElement(null);
        assertSingleError(bundle, null, ".id");
    }

    @Test
    void messageHeaderWithoutSenderIsRejected() {
        Bundle bundle = read(STIN);
        header(bundle).setSender(null);
        assertSingleError(bundle, null, ".sender");
    }

    @Test
    void messageHeaderWithoutSourceEndpointIsRejected() {
        Bundle bundle = read(STIN);
        header(bundle).getSource().setEndpoint(null);
        assertSingleError(bundle, null, ".source.endpoint");
    }

    @Test
    void messageHeaderWithoutDestinationIsRejected() {
        Bundle bundle = read(STIN);
        header(bundle).setDestination(null);
        assertSingleError(bundle, AckErrorCodes.RECEIVER_IDENTIFIER_MISSING, ".destination");
    }

    @Test
    void receiverOrganizationWithoutSorOrGlnIdentifierIsRejected() {
        Bundle bundle = read(STIN);
        receiver(bundle).getIdentifier().clear();
        assertSingleError(bundle, AckErrorCodes.RECEIVER_IDENTIFIER_MISSING, ".destination[0].receiver");
    }

    @Test
    void receiverOrganizationWithOnlyOtherIdentifierSystemsIsRejected() {
        Bundle bundle = read(STIN);
        receiver(bundle).getIdentifier().forEach(id -> id.setSystem("urn:oid:1.2.208.176.1.99"));
        assertSingleError(bundle, AckErrorCodes.RECEIVER_IDENTIFIER_MISSING, ".destination[0].receiver");
    }

    @Test
    void receiverIdentifiedByGlnAloneIsEnough() {
        Bundle bundle = read(STIN);
        receiver(bundle).getIdentifier().removeIf(id -> MessageStructureCheck.SOR_SYSTEM.equals(id.getSystem()));
        assertThat(check.check(bundle)).isEmpty();
    }

    @Test
    void receiverIdentifiedBySorAloneIsEnough() {
        Bundle bundle = read(STIN);
        receiver(bundle).getIdentifier().removeIf(id -> MessageStructureCheck.GLN_SYSTEM.equals(id.getSystem()));
        assertThat(check.check(bundle)).isEmpty();
    }

    @Test
    void receiverReferenceThatResolvesToNoEntryIsRejected() {
        Bundle bundle = read(STIN);
        header(bundle).getDestinationFirstRep().setReceiver(new Reference("Organization/not-in-this-bundle"));
        assertSingleError(bundle, AckErrorCodes.RECEIVER_IDENTIFIER_MISSING, ".destination[0].receiver");
    }

    @Test
    void messageWithoutProvenanceIsRejected() {
        Bundle bundle = read(STIN);
        bundle.getEntry().removeIf(e -> e.getResource() instanceof Provenance);
        assertSingleError(bundle, null, "Bundle.entry");
    }

    @Test
    void hospitalNotificationWithoutPatientIsRejected() {
        Bundle bundle = read(STIN);
        bundle.getEntry().removeIf(e -> e.getResource() instanceof Patient);
        assertSingleError(bundle, null, "Bundle.entry");
    }

    @Test
    void emptyMessageAndAcknowledgementNeedNoPatient() {
        assertThat(MessageBundles.patient(read(EMPTY_MESSAGE)).orElse(null)).isNull();
        assertThat(MessageBundles.patient(read(ACK_OK)).orElse(null)).isNull();
        assertThat(check.check(read(EMPTY_MESSAGE))).isEmpty();
        assertThat(check.check(read(ACK_OK))).isEmpty();
    }

    @Test
    void relativeReferenceResolvesOnTheTypeAndIdTailOfAnAbsoluteFullUrl() {
        Bundle bundle = read(STIN);
        Organization receiver = MessageBundles.organization(bundle, header(bundle).getDestinationFirstRep().getReceiver()).orElse(null);
        assertThat(receiver).isNotNull();
        assertThat(receiver.getName()).isEqualTo("Plejecenter Herlev");
        assertThat(MessageBundles.sender(bundle).orElse(null).getName()).startsWith("Hjerteafdelingen");
    }

    @Test
    void absoluteReferenceResolvesOnTheFullUrl() {
        Bundle bundle = read(STIN);
        header(bundle).getDestinationFirstRep().setReceiver(new Reference(STIN_RECEIVER));
        assertThat(MessageBundles.organization(bundle, header(bundle).getDestinationFirstRep().getReceiver()).orElse(null).getName())
                .isEqualTo("Plejecenter Herlev");
        assertThat(check.check(bundle)).isEmpty();
    }

    @Test
    void absoluteReferenceToAnotherServerDoesNotResolveOnTheTail() {
        Bundle bundle = read(STIN);
        Reference elsewhere = new Reference("https://other.example/fhir/Organization/o4cdf292-abf3-4f5f-80ea-60a48013ff6d");
        assertThat(MessageBundles.resolve(bundle, elsewhere).orElse(null)).isNull();
    }

    @Test
    void urnUuidReferenceResolvesOnTheFullUrl() {
        Bundle bundle = read(STIN);
        String urn = "urn:uuid:5b8e5e0c-6a8e-4a4e-9a53-3b0c4e6f7a11";
        bundle.getEntry().stream().filter(e -> STIN_RECEIVER.equals(e.getFullUrl())).findFirst().orElseThrow().setFullUrl(urn);
        header(bundle).getDestinationFirstRep().setReceiver(new Reference(urn));
        assertThat(MessageBundles.organization(bundle, header(bundle).getDestinationFirstRep().getReceiver()).orElse(null).getName())
                .isEqualTo("Plejecenter Herlev");
    }

    @Test
    void referenceResolvesOnTypeAndIdOfAnEntryWithoutFullUrl() {
        Bundle bundle = read(STIN);
        BundleEntryComponent entry = bundle.getEntry().stream()
                .filter(e -> STIN_RECEIVER.equals(e.getFullUrl())).findFirst().orElseThrow();
        entry.setFullUrl(null);
        entry.getResource().setId("o4cdf292-abf3-4f5f-80ea-60a48013ff6d");
        assertThat(MessageBundles.organization(bundle, header(bundle).getDestinationFirstRep().getReceiver()).orElse(null)).isNotNull();
    }

    @Test
    void referenceOfTheWrongTypeDoesNotResolve() {
        Bundle bundle = read(STIN);
        assertThat(MessageBundles.resolve(bundle, new Reference("Patient/o4cdf292-abf3-4f5f-80ea-60a48013ff6d"))).isEmpty();
    }

    private void assertSingleError(Bundle bundle, String errorCode, String locationPart) {
        List<ValidationIssue> issues = check.check(bundle);
        assertThat(issues).as("issues %s", issues).hasSize(1);
        ValidationIssue issue = issues.get(0);
        assertThat(issue.isError()).isTrue();
        assertThat(issue.errorCode()).isEqualTo(errorCode);
        assertThat(issue.location()).contains(locationPart);
        assertThat(issue.text()).isNotBlank();
    }

    private static MessageHeader header(Bundle bundle) {
        return MessageBundles.header(bundle);
    }

    private static Organization receiver(Bundle bundle) {
        return MessageBundles.organization(bundle, header(bundle).getDestinationFirstRep().getReceiver()).orElse(null);
    }
}
