package dk.medcomgateway.escort.contract;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The escort contract rules (config/escort.yaml, {@code gateway.escort.contracts}).
 *
 * @param answerDeadlineBeforeAppointment a planned contract not answered this long before its
 *                                        first appointment is escalated to the ward
 * @param acuteAnswerWithin               an acute contract (the escort is already there) not
 *                                        answered this long after it was made is escalated
 * @param watchIntervalMs                 how often routes/escort-watch.yaml looks for contracts past
 *                                        their answer deadline and for mails still to send
 * @param topic                           Communication.topic.text of every escort message; a reply
 *                                        keeps the topic of the message it answers
 * @param declineNote                     what the ward is told when the municipality declines
 * @param reply                           how a CareCommunication reply is read as an answer
 */
@ConfigurationProperties("gateway.escort.contracts")
public record EscortContractProperties(
        @DefaultValue("PT24H") Duration answerDeadlineBeforeAppointment,
        @DefaultValue("PT2H") Duration acuteAnswerWithin,
        @DefaultValue("60000") long watchIntervalMs,
        @DefaultValue("Ledsageaftale") String topic,
        @DefaultValue("Kommunen kan ikke levere ledsagelsen. Hospitalet skal selv bemande ledsagelsen.") String declineNote,
        @DefaultValue Reply reply) {

    /**
     * A CareCommunication is an answer to a contract when it replies to the contract's message
     * (its Provenance names the contract's MessageHeader as the preceding message, or its
     * Communication.identifier is the contract's), it comes from the contract's municipality, and
     * its newest text matches exactly one of the two patterns (Java regular expressions, searched).
     */
    public record Reply(@DefaultValue("(?iu)\\b(accept\\w*|godkend\\w*)") String acceptPattern,
                        @DefaultValue("(?iu)\\b(declin\\w*|afvis\\w*|afslå\\w*)") String declinePattern) {
    }
}
