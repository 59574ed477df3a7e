package dk.medcomgateway.escort.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import dk.medcomgateway.escort.contract.ContractRequest.Course;
import dk.medcomgateway.escort.contract.ContractRequest.Treatment;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * An escort contract as the gateway keeps it. No person data: the patient is the keyed hash of
 * the CPR number, and only the contract message in the ledger names the citizen.
 *
 * @param threadId         the contract's Communication.identifier, kept by every reply in its thread
 * @param messageHeaderId  the contract message sent to the municipality
 * @param supportCaseId    the case opened when no answer came in time
 */
public record EscortContract(long id, @JsonIgnore String patientHash, String wardSor, String wardEan, String municipality,
                             Treatment treatment, Course course, List<LocalDateTime> appointments, List<EscortTask> tasks,
                             String otherTasks, Status status, @JsonIgnore String threadId, String messageHeaderId,
                             OffsetDateTime answerDueAt, Long supportCaseId, String requestedBy, OffsetDateTime createdAt,
                             OffsetDateTime updatedAt) {

    public enum Status {
        /** Stored, its message not yet accepted by the intake. */
        REQUESTED,
        /** The contract message is on its way to the municipality; an answer is awaited. */
        SENT,
        ACCEPTED,
        /** The municipality cannot staff it: the hospital staffs the escort itself. */
        DECLINED,
        /** No answer by the deadline: the ward was told, and a support case opened. */
        ESCALATED,
        /** At least one course was settled. */
        SETTLED;

        /** States in which the municipality's answer is still awaited. */
        static final Set<Status> AWAITING_ANSWER = Set.of(SENT, ESCALATED);
        /** States in which a course may be settled. */
        static final Set<Status> SETTLEABLE = Set.of(ACCEPTED, SETTLED);

        @JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public LocalDateTime firstAppointment() {
        return appointments.stream().min(LocalDateTime::compareTo).orElseThrow();
    }
}
