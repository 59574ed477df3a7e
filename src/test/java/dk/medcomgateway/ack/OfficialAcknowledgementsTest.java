package dk.medcomgateway.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.medcomgateway.message.ValidationIssue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MedCom's own acknowledgement examples: they prove the test validator, and the readers must understand them. */
class OfficialAcknowledgementsTest {

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.ACK_OK, Fixtures.ACK_FATAL, Fixtures.ACK_TRANSIENT})
    void officialExamplesAreValid(String file) {
        assertThat(AckProfileValidator.errors(Fixtures.bundle(file))).isEmpty();
    }

    @Test
    void validatorRejectsABrokenAcknowledgement() {
        var ack = Fixtures.bundle(Fixtures.ACK_FATAL);
        ack.getEntry().removeIf(entry -> entry.getResource().fhirType().equals("OperationOutcome"));
        assertThat(AckProfileValidator.errors(ack)).isNotEmpty();
    }

    @Test
    void readsOk() {
        var ack = Fixtures.bundle(Fixtures.ACK_OK);
        assertThat(AcknowledgementFactory.isAcknowledgement(ack)).isTrue();
        assertThat(AcknowledgementFactory.code(ack)).isEqualTo(AckCode.OK);
        assertThat(AcknowledgementFactory.respondsTo(ack)).isEqualTo("42cb9200-f421-4d08-8391-7d51a2503cb4");
        assertThat(AcknowledgementFactory.issues(ack)).isEmpty();
    }

    @Test
    void readsFatalError() {
        var ack = Fixtures.bundle(Fixtures.ACK_FATAL);
        assertThat(AcknowledgementFactory.code(ack)).isEqualTo(AckCode.FATAL_ERROR);
        assertThat(AcknowledgementFactory.respondsTo(ack)).isEqualTo("53128d9b-cede-4c7f-8904-809eab322d7d");
        assertThat(AcknowledgementFactory.issues(ack))
                .containsExactly(new ValidationIssue("error", "MSG_VALUESET_VALUE_UNKNOWN", null, null));
    }

    @Test
    void readsTransientError() {
        var ack = Fixtures.bundle(Fixtures.ACK_TRANSIENT);
        assertThat(AcknowledgementFactory.code(ack)).isEqualTo(AckCode.TRANSIENT_ERROR);
        assertThat(AcknowledgementFactory.issues(ack))
                .containsExactly(new ValidationIssue("error", "MSG_Mailbox_Out_Of_Operation", null, null));
    }

    @Test
    void otherMessagesAreNotAcknowledgements() {
        var message = Fixtures.bundle(Fixtures.CARE_COMMUNICATION);
        assertThat(AcknowledgementFactory.isAcknowledgement(message)).isFalse();
        assertThat(AcknowledgementFactory.isAcknowledgement(null)).isFalse();
        assertThatThrownBy(() -> AcknowledgementFactory.code(message)).isInstanceOf(IllegalArgumentException.class);
    }
}
