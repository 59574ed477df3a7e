package dk.medcomgateway.escort.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A ward's escort contract, as posted to {@code POST /api/escort-contracts}. Appointment times are
 * local (gateway.escort.time-zone) and strict, like the settlement's.
 *
 * @param patient                the citizen: CPR number (kept only as its keyed hash) and name for the letter
 * @param ward                   the hospital ward: SOR code, and the EAN number invoices go to
 * @param municipality           the citizen's municipality: SOR code or GLN of a partner in the directory
 * @param treatment              planned or acute
 * @param course                 one treatment, or a series covered by one general contract
 * @param appointments           the appointment(s); one for a single treatment
 * @param tasks                  the tasks agreed
 * @param otherTasks             what "other" means, in words
 * @param consent                the citizen consented to the exchange of information
 * @param respiratoryJointHelper the citizen is a respiratory patient in a joint helper arrangement
 *                               (respirationspatient i fælles hjælperordning): not under this agreement
 * @param contact                the ward's contact person, named in the message
 */
public record ContractRequest(Patient patient, Ward ward, String municipality, Treatment treatment, Course course,
                              @JsonFormat(lenient = OptBoolean.FALSE) List<LocalDateTime> appointments,
                              List<EscortTask> tasks, String otherTasks, Boolean consent, Boolean respiratoryJointHelper,
                              Contact contact) {

    public record Patient(String cpr, String given, String family) {
    }

    public record Ward(String sor, String ean) {
    }

    public enum Treatment {
        planned, acute
    }

    public enum Course {
        single, series
    }
}
