package dk.medcomgateway.envelope;

import java.util.Objects;

/**
 * An SBDH envelope must say the same as the MedCom message it carries: the GLN participants and
 * SOR scopes are the message's sender and receiver, MESSAGEIDENTIFIER is MessageHeader.id,
 * MESSAGEENVELOPEIDENTIFIER is Bundle.id and PATIENTID is the Patient's CPR number. The first
 * disagreement is the fault the negative receipt names.
 */
public final class SbdhContentCheck {

    private SbdhContentCheck() {
    }

    public static void check(Sbdh envelope, MessageFacts message) {
        same("DocumentIdentification/Standard", envelope.standard(), message.eventCode(), "MessageHeader.eventCoding");
        same("Sender", envelope.senderGln(), message.sender().gln(), "the sender Organization's GLN");
        MessageFacts.Party receiver = message.destinations().stream()
                .filter(d -> envelope.receiverGln() != null && envelope.receiverGln().equals(d.gln())).findFirst()
                .orElseThrow(() -> fault("Receiver", "Receiver " + envelope.receiver()
                        + " is not the GLN of any receiver Organization of the message"));
        same("SENDERID", envelope.scope("SENDERID"), message.sender().sor(), "the sender's SOR code");
        same("RECEIVERID", envelope.scope("RECEIVERID"), receiver.sor(), "the receiver's SOR code");
        same("MESSAGEIDENTIFIER", envelope.scope("MESSAGEIDENTIFIER"), message.messageHeaderId(), "MessageHeader.id");
        same("MESSAGEENVELOPEIDENTIFIER", envelope.scope("MESSAGEENVELOPEIDENTIFIER"), message.bundleId(), "Bundle.id");
        if (!Objects.equals(envelope.scope("PATIENTID"), message.patientCpr())) {
            // Person data: the values are not repeated in the answer.
            throw fault("PATIENTID", "PATIENTID does not match the CPR number of the message's Patient");
        }
    }

    private static void same(String field, String inEnvelope, String inMessage, String what) {
        if (inEnvelope == null || !inEnvelope.equals(inMessage)) {
            throw fault(field, field + " " + (inEnvelope == null ? "is missing" : inEnvelope) + " does not match " + what
                    + " " + (inMessage == null ? "(not given)" : inMessage));
        }
    }

    private static EnvelopeException fault(String field, String message) {
        return new EnvelopeException(EnvelopeException.Fault.SYNTAX, field, message);
    }
}
