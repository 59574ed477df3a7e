package dk.medcomgateway.ack;

import static dk.medcomgateway.ack.AcknowledgementFactoryTest.header;
import static dk.medcomgateway.ack.AcknowledgementFactoryTest.resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.medcomgateway.message.ValidationIssue;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** Broken, unusual or differently referenced originals, and issue lists beyond the plain cases. */
class ImperfectOriginalsTest {

    private static final List<ValidationIssue> FATAL = AcknowledgementFactoryTest.FATAL_ISSUES;

    private final AcknowledgementFactory factory = new AcknowledgementFactory();

    @Test
    void originalWithoutSenderOrganization() {
        Bundle original = Fixtures.bundle(Fixtures.STIN);
        Resource sender = AckEntries.resolve(original, header(original).getSender()).orElseThrow();
        original.getEntry().removeIf(entry -> entry.getResource() == sender);

        Bundle ack = factory.acknowledge(original, AckCode.FATAL_ERROR, FATAL);

        MessageHeader header = header(ack);
        assertThat(header.getDestinationFirstRep().hasReceiver()).isFalse();
        assertThat(header.getDestinationFirstRep().getEndpoint()).isEqualTo("https://sor2.sum.dsdn.dk/#id=265161000016000");
        // The original's Provenance has no bundled agent left, so only the ack's own remains.
        assertThat(resources(ack, Provenance.class)).singleElement()
                .satisfies(p -> assertThat(p.getActivity().getCodingFirstRep().getCode()).isEqualTo("acknowledgement"));
        assertThat(AcknowledgementFactory.respondsTo(ack)).isEqualTo("b9b4818e-02de-4cc4-b418-d20cbc7b5404");
        assertThat(AckProfileValidator.errors(ack)).as("best effort: a receiver is mandatory").isNotEmpty();
    }

    @Test
    void originalWithoutSourceEndpointOrProvenance() {
        Bundle original = Fixtures.bundle(Fixtures.CARE_COMMUNICATION);
        header(original).setSource(null);
        original.getEntry().removeIf(entry -> entry.getResource() instanceof Provenance);

        Bundle ack = factory.acknowledge(original, AckCode.FATAL_ERROR, FATAL);

        assertThat(header(ack).getDestinationFirstRep().hasEndpoint()).isFalse();
        assertThat(header(ack).getDestinationFirstRep().hasReceiver()).isTrue();
        assertThat(resources(ack, Provenance.class)).hasSize(1);
    }

    @Test
    void originalWithoutDestinationReceiver() {
        Bundle original = Fixtures.bundle(Fixtures.EMPTY_MESSAGE);
        header(original).getDestinationFirstRep().setReceiver(null);

        Bundle ack = factory.acknowledge(original, AckCode.FATAL_ERROR, FATAL);

        assertThat(header(ack).hasSender()).isFalse();
        assertThat(header(ack).getSource().getEndpoint()).isEqualTo("http://medcomfhir.dk/unknown");
        Provenance own = resources(ack, Provenance.class).get(1);
        assertThat(own.hasAgent()).isFalse();
        assertThat(own.getEntityFirstRep().getWhat().getReference())
                .isEqualTo("MessageHeader/3881874e-2042-4a00-aee8-23512799f512");
    }

    @Test
    void originalWithoutMessageHeaderIdIsRefused() {
        Bundle noId = Fixtures.bundle(Fixtures.STIN);
        header(noId).setIdElement(null);
        assertThatThrownBy(() -> factory.acknowledge(noId, AckCode.FATAL_ERROR, FATAL))
                .isInstanceOf(IllegalArgumentException.class);
        Bundle noHeader = Fixtures.bundle(Fixtures.STIN);
        noHeader.getEntry().removeIf(entry -> entry.getResource() instanceof MessageHeader);
        assertThatThrownBy(() -> factory.acknowledge(noHeader, AckCode.FATAL_ERROR, FATAL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void absoluteReferencesResolveLikeRelativeOnes() {
        Bundle original = Fixtures.bundle(Fixtures.CARE_COMMUNICATION);
        rewriteReferences(original, "https://medcomfhir.dk/ig/carecommunication/");

        Bundle ack = factory.acknowledge(original, AckCode.OK, List.of());

        assertThat(resources(ack, Provenance.class)).hasSize(2);
        assertThat(header(ack).getSender().getReference()).isEqualTo("Organization/487ac745-fd11-4879-9b59-c08c7d47260e");
        assertThat(header(ack).getDestinationFirstRep().getReceiver().getReference())
                .isEqualTo("Organization/b581c63c-181f-46f6-990d-b9942c576724");
        assertThat(AckProfileValidator.errors(ack)).isEmpty();
    }

    @Test
    void urnUuidOriginalGetsTheFallbackBase() {
        Bundle original = Fixtures.bundle(Fixtures.CARE_COMMUNICATION);
        rewriteReferences(original, "urn:uuid:");
        original.getEntry().forEach(entry ->
                entry.setFullUrl("urn:uuid:" + entry.getResource().getIdElement().getIdPart()));

        Bundle ack = factory.acknowledge(original, AckCode.FATAL_ERROR, FATAL);

        assertThat(ack.getEntry()).allSatisfy(entry -> assertThat(entry.getFullUrl()).startsWith(MedComUrls.FALLBACK_BASE));
        assertThat(resources(ack, Provenance.class)).hasSize(2);
        assertThat(AckProfileValidator.errors(ack)).isEmpty();
    }

    @Test
    void okWithAnInformationIssueCarriesAnOutcome() {
        ValidationIssue note = new ValidationIssue("information", null, null, "Received twice");
        Bundle ack = factory.acknowledge(Fixtures.bundle(Fixtures.STIN), AckCode.OK, List.of(note));

        assertThat(resources(ack, OperationOutcome.class)).singleElement()
                .satisfies(o -> assertThat(o.getIssueFirstRep().getCode()).isEqualTo(IssueType.INFORMATIONAL));
        assertThat(AcknowledgementFactory.code(ack)).isEqualTo(AckCode.OK);
        assertThat(AcknowledgementFactory.issues(ack)).containsExactly(note);
        assertThat(AckProfileValidator.errors(ack)).isEmpty();
    }

    @Test
    void errorWithoutIssuesStillCarriesAnOutcome() {
        Bundle ack = factory.acknowledge(Fixtures.bundle(Fixtures.STIN), AckCode.TRANSIENT_ERROR, List.of());

        assertThat(AcknowledgementFactory.issues(ack)).containsExactly(new ValidationIssue("error", null, null, null));
        assertThat(resources(ack, OperationOutcome.class).get(0).getIssueFirstRep().getCode()).isEqualTo(IssueType.TRANSIENT);
        assertThat(AckProfileValidator.errors(ack)).isEmpty();
    }

    @Test
    void errorCodesAreMatchedCaseInsensitivelyAndUnknownOnesKeptAsText() {
        List<ValidationIssue> issues = List.of(
                ValidationIssue.error("msg_element_to_long", "Communication.payload", "Too long"),
                ValidationIssue.error("MSG_NOT_A_MEDCOM_CODE", null, "Invented"));
        Bundle ack = factory.acknowledge(Fixtures.bundle(Fixtures.STIN), AckCode.FATAL_ERROR, issues);

        OperationOutcome outcome = resources(ack, OperationOutcome.class).get(0);
        assertThat(outcome.getIssue().get(0).getDetails().getCodingFirstRep().getCode()).isEqualTo("MSG_Element_To_Long");
        assertThat(outcome.getIssue().get(0).getCode()).isEqualTo(IssueType.TOOLONG);
        assertThat(outcome.getIssue().get(1).getDetails().hasCoding()).isFalse();
        assertThat(outcome.getIssue().get(1).getDetails().getText()).isEqualTo("MSG_NOT_A_MEDCOM_CODE");
        assertThat(AckProfileValidator.errors(ack)).isEmpty();
    }

    /** Rewrites every "Type/id" reference in the bundle to prefix + "Type/id" (or prefix + id for urn:uuid). */
    private static void rewriteReferences(Bundle bundle, String prefix) {
        Fixtures.CODEC.context().newTerser().getAllPopulatedChildElementsOfType(bundle, Reference.class).stream()
                .filter(reference -> reference.hasReference() && reference.getReference().matches("\\w+/[^/]+"))
                .forEach(reference -> reference.setReference(prefix.startsWith("urn:")
                        ? prefix + reference.getReference().replaceAll("^\\w+/", "")
                        : prefix + reference.getReference()));
    }
}
