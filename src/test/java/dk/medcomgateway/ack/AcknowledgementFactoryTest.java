package dk.medcomgateway.ack;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.message.ValidationIssue;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Provenance.ProvenanceEntityRole;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Acknowledgements built for MedCom's example messages: their content, and validity against Acknowledgement 2.0.3. */
class AcknowledgementFactoryTest {

    static final List<ValidationIssue> FATAL_ISSUES = List.of(
            ValidationIssue.error("MSG_Receiver_Identifier_UNKNOWN",
                    "Bundle.entry[0].resource.destination[0].receiver", "Receiver SOR 953741000016009 is not known here"),
            ValidationIssue.error(null, "Bundle.entry[1].resource.identifier", "Patient identifier is missing"));
    static final List<ValidationIssue> TRANSIENT_ISSUES = List.of(
            ValidationIssue.error("MSG_Mailbox_Out_Of_Operation", null, "Municipal endpoint did not answer"));

    private final AcknowledgementFactory factory = new AcknowledgementFactory();

    static Stream<Arguments> cases() {
        return Stream.of(Fixtures.STIN, Fixtures.CARE_COMMUNICATION, Fixtures.CARE_COMMUNICATION_FORWARD,
                        Fixtures.EMPTY_MESSAGE)
                .flatMap(file -> Stream.of(
                        Arguments.of(file, AckCode.OK, List.of()),
                        Arguments.of(file, AckCode.FATAL_ERROR, FATAL_ISSUES),
                        Arguments.of(file, AckCode.TRANSIENT_ERROR, TRANSIENT_ISSUES)));
    }

    @ParameterizedTest(name = "{1} for {0}")
    @MethodSource("cases")
    void acknowledgementIsValid(String file, AckCode code, List<ValidationIssue> issues) {
        Bundle ack = factory.acknowledge(Fixtures.bundle(file), code, issues);
        assertThat(AckProfileValidator.errors(ack)).isEmpty();
    }

    @ParameterizedTest(name = "{1} for {0}")
    @MethodSource("cases")
    void answersTheOriginal(String file, AckCode code, List<ValidationIssue> issues) {
        Bundle original = Fixtures.bundle(file);
        MessageHeader originalHeader = header(original);
        Bundle ack = factory.acknowledge(original, code, issues);
        MessageHeader header = header(ack);

        assertThat(AcknowledgementFactory.isAcknowledgement(ack)).isTrue();
        assertThat(AcknowledgementFactory.respondsTo(ack)).isEqualTo(originalHeader.getIdElement().getIdPart());
        assertThat(AcknowledgementFactory.code(ack)).isEqualTo(code);
        assertThat(AcknowledgementFactory.issues(ack)).isEqualTo(issues);
        assertThat(ack.getIdElement().getIdPart()).isNotEqualTo(original.getIdElement().getIdPart());
        assertThat(header.getIdElement().getIdPart()).isNotEqualTo(originalHeader.getIdElement().getIdPart());

        // Sender and receiver swapped, organizations copied along.
        assertThat(header.getDestination()).hasSize(1);
        assertThat(header.getDestinationFirstRep().getEndpoint()).isEqualTo(originalHeader.getSource().getEndpoint());
        assertThat(header.getSource().getEndpoint()).isEqualTo(originalHeader.getDestinationFirstRep().getEndpoint());
        assertThat(sorId(ack, header.getDestinationFirstRep().getReceiver()))
                .isEqualTo(sorId(original, originalHeader.getSender()));
        assertThat(sorId(ack, header.getSender()))
                .isEqualTo(sorId(original, originalHeader.getDestinationFirstRep().getReceiver()));

        // Fullurls keep the original's base.
        String base = original.getEntryFirstRep().getFullUrl().replaceAll("MessageHeader/.*$", "");
        assertThat(ack.getEntry()).allSatisfy(entry -> assertThat(entry.getFullUrl())
                .isEqualTo(base + entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart()));
    }

    @ParameterizedTest(name = "{1} for {0}")
    @MethodSource("cases")
    void carriesTwoProvenances(String file, AckCode code, List<ValidationIssue> issues) {
        Bundle original = Fixtures.bundle(file);
        String originalId = header(original).getIdElement().getIdPart();
        Bundle ack = factory.acknowledge(original, code, issues);
        MessageHeader header = header(ack);
        List<Provenance> provenances = resources(ack, Provenance.class);

        assertThat(provenances).hasSize(2);
        Provenance carried = provenances.get(0);
        assertThat(carried.getTarget()).extracting(Reference::getReference).containsExactly("MessageHeader/" + originalId);
        assertThat(carried.getMeta().getProfile().get(0).getValue()).isEqualTo(MedComUrls.PROVENANCE_PROFILE);
        assertThat(sorId(ack, carried.getAgentFirstRep().getWho())).isEqualTo(sorId(original, header(original).getSender()));

        Provenance own = provenances.get(1);
        assertThat(own.getTarget()).extracting(Reference::getReference)
                .containsExactly("MessageHeader/" + header.getIdElement().getIdPart());
        assertThat(own.getActivity().getCodingFirstRep().getCode()).isEqualTo("acknowledgement");
        assertThat(own.getAgentFirstRep().getWho().getReference()).isEqualTo(header.getSender().getReference());
        assertThat(own.getEntityFirstRep().getRole()).isEqualTo(ProvenanceEntityRole.REVISION);
        assertThat(own.getEntityFirstRep().getWhat().getReference()).isEqualTo("MessageHeader/" + originalId);
    }

    @ParameterizedTest(name = "{1} for {0}")
    @MethodSource("cases")
    void outcomeOnlyForErrors(String file, AckCode code, List<ValidationIssue> issues) {
        Bundle ack = factory.acknowledge(Fixtures.bundle(file), code, issues);
        List<OperationOutcome> outcomes = resources(ack, OperationOutcome.class);
        if (code == AckCode.OK) {
            assertThat(outcomes).isEmpty();
            assertThat(header(ack).getResponse().hasDetails()).isFalse();
            return;
        }
        assertThat(outcomes).hasSize(1);
        OperationOutcome outcome = outcomes.get(0);
        assertThat(header(ack).getResponse().getDetails().getReference())
                .isEqualTo("OperationOutcome/" + outcome.getIdElement().getIdPart());
        assertThat(outcome.getIssue()).hasSize(issues.size());
        if (code == AckCode.FATAL_ERROR) {
            assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getCode)
                    .containsExactly(IssueType.NOTFOUND, IssueType.INVALID);
            assertThat(outcome.getIssue().get(0).getDetails().getCodingFirstRep().getSystem())
                    .isEqualTo(MedComUrls.ERROR_CODES);
            assertThat(outcome.getIssue().get(1).getDetails().hasCoding()).isFalse();
        } else {
            assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(IssueType.TRANSIENT);
        }
    }

    @Test
    void carriesOverTheOriginalsOwnProvenance() {
        Bundle ack = factory.acknowledge(Fixtures.bundle(Fixtures.CARE_COMMUNICATION_FORWARD), AckCode.OK, List.of());
        Provenance carried = resources(ack, Provenance.class).get(0);
        // Of the forward message's four Provenances only this one is about its own MessageHeader.
        assertThat(carried.getIdElement().getIdPart()).isEqualTo("5c689ef2-c6d7-4c74-adb8-303b772532e2");
        assertThat(carried.getActivity().getCodingFirstRep().getCode()).isEqualTo("forward-message");
    }

    @Test
    void carriesOverTheLatestWhenSeveralAreAboutTheOriginal() {
        Bundle original = Fixtures.bundle(Fixtures.CARE_COMMUNICATION);
        Provenance first = resources(original, Provenance.class).get(0);
        Provenance later = first.copy();
        later.setId("9e0c2a57-5d5e-4d59-9a3c-3f4f8b1e2c11");
        later.setRecorded(new Date(first.getRecorded().getTime() + 60_000));
        original.addEntry().setFullUrl("https://medcomfhir.dk/ig/carecommunication/Provenance/" + later.getIdPart())
                .setResource(later);

        Bundle ack = factory.acknowledge(original, AckCode.OK, List.of());

        assertThat(resources(ack, Provenance.class).get(0).getIdPart()).isEqualTo(later.getIdPart());
    }

    static MessageHeader header(Bundle bundle) {
        return AckEntries.header(bundle).orElseThrow();
    }

    static <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }

    /** The SOR id of the bundled Organization a reference points to. */
    static String sorId(Bundle bundle, Reference reference) {
        Organization organization = (Organization) AckEntries.resolve(bundle, reference).orElseThrow();
        return organization.getIdentifier().stream()
                .filter(identifier -> "urn:oid:1.2.208.176.1.1".equals(identifier.getSystem()))
                .findFirst().orElseThrow().getValue();
    }
}
