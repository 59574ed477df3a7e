package dk.medcomgateway.ack;

import static dk.medcomgateway.ack.AcknowledgementFactoryTest.header;
import static dk.medcomgateway.ack.AcknowledgementFactoryTest.resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.message.ValidationIssue;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Re-sending a stored acknowledgement for a duplicate message (MedCom MR8). */
class ReissueTest {

    private static final Date LONG_AGO = new Date(0);

    private final AcknowledgementFactory factory = new AcknowledgementFactory();

    @Test
    void sameAnswerUnderNewIds() {
        Bundle stored = storedAck(AckCode.FATAL_ERROR, AcknowledgementFactoryTest.FATAL_ISSUES);
        String storedHeaderId = header(stored).getIdElement().getIdPart();
        String storedJson = json(stored);

        Bundle resent = factory.reissue(stored);

        assertThat(json(stored)).as("stored ack untouched").isEqualTo(storedJson);
        assertThat(resent.getIdElement().getIdPart()).isNotEqualTo(stored.getIdElement().getIdPart());
        String newHeaderId = header(resent).getIdElement().getIdPart();
        assertThat(newHeaderId).isNotEqualTo(storedHeaderId);
        assertThat(resent.getEntryFirstRep().getFullUrl()).endsWith("/MessageHeader/" + newHeaderId);
        assertThat(resent.getTimestamp()).isAfter(LONG_AGO);
        assertThat(AcknowledgementFactory.respondsTo(resent)).isEqualTo(AcknowledgementFactory.respondsTo(stored));
        assertThat(AcknowledgementFactory.code(resent)).isEqualTo(AckCode.FATAL_ERROR);
        assertThat(header(resent).getSender().getReference()).isEqualTo(header(stored).getSender().getReference());

        List<Provenance> provenances = resources(resent, Provenance.class);
        assertThat(provenances.get(0).getTarget()).extracting(Reference::getReference)
                .containsExactly("MessageHeader/" + AcknowledgementFactory.respondsTo(stored));
        assertThat(provenances.get(1).getTarget()).extracting(Reference::getReference)
                .containsExactly("MessageHeader/" + newHeaderId);
        assertThat(provenances.get(1).getRecorded()).isAfter(LONG_AGO);

        assertThat(AckProfileValidator.errors(resent)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AckCode.class)
    void keepsTheIssuesAndNotesTheDuplicateOnce(AckCode code) {
        List<ValidationIssue> issues = code == AckCode.OK ? List.of() : AcknowledgementFactoryTest.TRANSIENT_ISSUES;
        Bundle stored = storedAck(code, issues);

        Bundle twice = factory.reissue(factory.reissue(stored));

        List<ValidationIssue> expected = new ArrayList<>(issues);
        expected.add(new ValidationIssue("information", null, null, "Message " + AcknowledgementFactory.respondsTo(stored)
                + " was received before; this repeats the acknowledgement sent then."));
        assertThat(AcknowledgementFactory.issues(twice)).isEqualTo(expected);
        assertThat(AcknowledgementFactory.code(twice)).isEqualTo(code);
        OperationOutcome outcome = resources(twice, OperationOutcome.class).get(0);
        assertThat(outcome.getIssue().get(outcome.getIssue().size() - 1).getCode()).isEqualTo(IssueType.DUPLICATE);
        assertThat(header(twice).getResponse().getDetails().getReference())
                .isEqualTo("OperationOutcome/" + outcome.getIdElement().getIdPart());
        assertThat(AckProfileValidator.errors(twice)).isEmpty();
    }

    @Test
    void officialExampleCanBeReissued() {
        Bundle resent = factory.reissue(Fixtures.bundle(Fixtures.ACK_TRANSIENT));

        assertThat(AcknowledgementFactory.code(resent)).isEqualTo(AckCode.TRANSIENT_ERROR);
        assertThat(AcknowledgementFactory.issues(resent)).first()
                .isEqualTo(new ValidationIssue("error", "MSG_Mailbox_Out_Of_Operation", null, null));
        assertThat(resources(resent, Provenance.class).get(1).getTargetFirstRep().getReference())
                .isEqualTo("MessageHeader/" + header(resent).getIdElement().getIdPart());
        assertThat(AckProfileValidator.errors(resent)).isEmpty();
    }

    @Test
    void reissuedAckSurvivesJsonAndXml() {
        Bundle resent = factory.reissue(storedAck(AckCode.FATAL_ERROR, AcknowledgementFactoryTest.FATAL_ISSUES));
        for (FhirFormat format : FhirFormat.values()) {
            Bundle parsed = (Bundle) Fixtures.CODEC.parse(Fixtures.CODEC.encode(resent, format), format);
            assertThat(AcknowledgementFactory.issues(parsed)).isEqualTo(AcknowledgementFactory.issues(resent));
            assertThat(AckProfileValidator.errors(parsed)).isEmpty();
        }
    }

    @Test
    void onlyAcknowledgementsCanBeReissued() {
        assertThatThrownBy(() -> factory.reissue(Fixtures.bundle(Fixtures.STIN)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Bundle storedAck(AckCode code, List<ValidationIssue> issues) {
        Bundle ack = factory.acknowledge(Fixtures.bundle(Fixtures.CARE_COMMUNICATION), code, issues);
        ack.setTimestamp(LONG_AGO);
        resources(ack, Provenance.class).get(1).setRecorded(LONG_AGO);
        return ack;
    }

    private static String json(Bundle bundle) {
        return new String(Fixtures.CODEC.encode(bundle, FhirFormat.JSON));
    }
}
