package dk.medcomgateway.escort.contract;

import dk.medcomgateway.escort.EscortRates;
import dk.medcomgateway.escort.contract.ContractRequest.Course;
import dk.medcomgateway.escort.contract.ContractRequest.Treatment;
import dk.medcomgateway.escort.contract.EscortContract.Status;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.ledger.SupportCases;
import dk.medcomgateway.privacy.PatientPseudonymizer;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The escort contract flow: the ward's contract goes to the municipality, which accepts or
 * declines it (by API or by a CareCommunication reply); a decline goes back to the ward with the
 * note that the hospital staffs the escort itself.
 */
@Service
public class EscortContracts {

    private static final Logger log = LoggerFactory.getLogger(EscortContracts.class);

    private final EscortContractStore store;
    private final ContractThread thread;
    private final PartnerDirectory partners;
    private final PatientPseudonymizer pseudonymizer;
    private final MessageLedger ledger;
    private final SupportCases cases;
    private final WardMail wardMail;
    private final EscortContractProperties properties;
    private final EscortRates rates;
    private final Clock clock;

    public EscortContracts(EscortContractStore store, ContractThread thread, PartnerDirectory partners,
                           PatientPseudonymizer pseudonymizer, MessageLedger ledger, SupportCases cases, WardMail wardMail,
                           EscortContractProperties properties, EscortRates rates, Clock clock) {
        this.store = store;
        this.thread = thread;
        this.partners = partners;
        this.pseudonymizer = pseudonymizer;
        this.ledger = ledger;
        this.cases = cases;
        this.wardMail = wardMail;
        this.properties = properties;
        this.rates = rates;
        this.clock = clock;
    }

    /** A contract with its history and settlements, as GET shows it. */
    public record View(EscortContract contract, List<EscortContractStore.Event> history,
                       List<EscortContractStore.Settlement> settlements) {
    }

    EscortContract create(ContractRequest request, Caller caller) {
        if (request.ward() == null || blank(request.ward().sor()) || blank(request.ward().ean())) {
            throw EscortContractException.invalid("'ward' needs 'sor' (the ward's SOR code) and 'ean' (its EAN number for invoices)");
        }
        if (!caller.actsFor(request.ward().sor()) && !caller.actsFor(request.ward().ean())) {
            throw EscortContractException.forbidden("This account may not make contracts for ward " + request.ward().sor());
        }
        if (!Boolean.TRUE.equals(request.consent())) {
            throw new EscortContractException(HttpStatus.UNPROCESSABLE_ENTITY, "no-consent",
                    "The citizen has not consented to the exchange of information; without consent no escort contract can be sent");
        }
        if (Boolean.TRUE.equals(request.respiratoryJointHelper())) {
            throw new EscortContractException(HttpStatus.UNPROCESSABLE_ENTITY, "respiratory-joint-helper",
                    "A respiratory patient in a joint helper arrangement (respirationspatient i fælles hjælperordning) is not under"
                            + " the escort agreement: the helpers follow the citizen during the admission, at the arrangement's cost split");
        }
        check(request);
        // A MedCom organisation is named by both codes, and the message goes to the SOR code's endpoint.
        Partner municipality = partners.byCode(request.municipality()).filter(p -> !blank(p.sor()) && !blank(p.gln()))
                .orElseThrow(() -> new EscortContractException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-municipality",
                        "Municipality " + request.municipality() + " is not in the partner directory with both a SOR code and a GLN"));
        if (partners.bySor(request.ward().sor()).isEmpty()) {
            throw new EscortContractException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-ward",
                    "Ward " + request.ward().sor() + " is not in the partner directory, so answers could not reach it");
        }
        ContractRequest stored = new ContractRequest(request.patient(), request.ward(), municipality.id(), request.treatment(),
                request.course(), request.appointments(), request.tasks(), request.otherTasks(), true, false, request.contact());
        long id = store.insert(pseudonymizer.hash(request.patient().cpr()), stored, CareCommunications.newThreadId(),
                answerDue(request), caller.name());
        EscortContract contract = store.find(id).orElseThrow();
        String citizen = name(request.patient());
        String messageId;
        try {
            messageId = thread.sendContract(contract, patient(request.patient()), request.contact(),
                    EscortLetters.contract(contract, citizen, thread.wardName(contract), thread.municipalityName(contract), rates.timeZone()));
        } catch (RuntimeException e) {
            // The intake did not accept the message, so nothing went out: keep no half-made contract.
            log.error("Escort contract {} not sent, so not kept: {}", id, e.getMessage());
            store.delete(id);
            throw new EscortContractException(HttpStatus.SERVICE_UNAVAILABLE, "not-sent",
                    "The gateway could not send the contract to the municipality just now, and kept nothing; send it again");
        }
        store.sent(id, messageId, caller.name());
        log.info("Escort contract {} sent to {} as message {}", id, municipality.id(), messageId);
        return store.find(id).orElseThrow();
    }

    EscortContract answer(long id, boolean accepted, AnswerRequest answer, Caller caller) {
        EscortContract contract = store.find(id).orElseThrow(() -> EscortContractException.notFound(id));
        if (!caller.actsFor(partners.byCode(contract.municipality()).orElse(null))) {
            throw EscortContractException.forbidden("Only municipality " + contract.municipality() + " may answer escort contract " + id);
        }
        if (answer == null || answer.contact() == null || !answer.contact().isComplete()) {
            throw EscortContractException.invalid("The answer needs a 'contact' with 'name' and 'phone', for the ward to call back");
        }
        Status to = accepted ? Status.ACCEPTED : Status.DECLINED;
        if (!store.move(id, Status.AWAITING_ANSWER, to, caller.name(), "answered by API" + note(answer.note()), null)) {
            throw notAwaiting(id);
        }
        List<String> text = accepted ? EscortLetters.accepted(contract, answer.note())
                : EscortLetters.declined(contract, properties.declineNote(), answer.note());
        String messageId;
        try {
            messageId = thread.sendToWard(contract, answer.contact(), text, thread.topic(contract) + (accepted ? " accepteret" : " afvist"));
        } catch (RuntimeException e) {
            // The ward would never hear of it: the answer does not count until it can be sent.
            log.error("Answer to escort contract {} not sent to the ward, so not taken: {}", id, e.getMessage());
            store.move(id, Set.of(to), contract.status(), "gateway", "answer could not be sent to the ward; not taken", null);
            throw new EscortContractException(HttpStatus.SERVICE_UNAVAILABLE, "not-sent",
                    "The gateway could not send the answer to the ward just now, and did not take it; answer again");
        }
        store.record(id, to, "gateway", "answer sent to the ward", messageId);
        answered(contract, accepted, "by " + caller.name());
        if (!accepted) {
            mailDecline(contract, answer.note());
        }
        return store.find(id).orElseThrow();
    }

    /** The municipality answered by a CareCommunication reply; the reply itself reaches the ward as any message does. */
    void answeredByReply(EscortContract contract, boolean accepted, String replyId, Contact author) {
        Status to = accepted ? Status.ACCEPTED : Status.DECLINED;
        if (!store.move(contract.id(), Status.AWAITING_ANSWER, to, "municipality " + contract.municipality(),
                "answered by CareCommunication " + replyId, replyId)) {
            log.info("Reply {} to escort contract {} came when it was no longer awaiting an answer", replyId, contract.id());
            return;
        }
        answered(contract, accepted, "by reply " + replyId);
        if (!accepted) {
            mailDecline(contract, null);
            String messageId = thread.sendToWard(contract, author, EscortLetters.declined(contract, properties.declineNote(), null),
                    thread.topic(contract) + " afvist");
            store.record(contract.id(), to, "gateway", "decline note sent to the ward", messageId);
        }
    }

    View view(long id, Caller caller) {
        EscortContract contract = store.find(id).filter(c -> mayRead(caller, c)).orElseThrow(() -> EscortContractException.notFound(id));
        return new View(contract, store.events(id), store.settlements(id));
    }

    /** Support and admin read all; a partner only the contracts of its wards and municipalities (others do not exist to it). */
    private boolean mayRead(Caller caller, EscortContract contract) {
        return caller.support() || caller.actsFor(contract.wardSor()) || caller.actsFor(contract.wardEan())
                || caller.actsFor(partners.byCode(contract.municipality()).orElse(null));
    }

    static EscortContractException notAwaiting(long id) {
        return new EscortContractException(HttpStatus.CONFLICT, "not-awaiting-answer",
                "Escort contract " + id + " is not awaiting an answer");
    }

    /** The trail of the contract message shows the answer, and a no-answer case closes. */
    private void answered(EscortContract contract, boolean accepted, String by) {
        String what = "escort contract " + contract.id() + (accepted ? " accepted " : " declined ") + by;
        ledger.idOf(contract.messageHeaderId()).ifPresent(messageId ->
                ledger.event(messageId, contract.municipality(), "escort-answered", what));
        if (contract.supportCaseId() != null) {
            cases.close(contract.supportCaseId(), "answered: " + what);
        }
    }

    private void mailDecline(EscortContract contract, String note) {
        boolean queued = wardMail.queue(contract, "Ledsageaftale nr. " + contract.id() + " afvist / escort contract declined",
                "Til afdelingen\n\n" + String.join("\n", EscortLetters.declined(contract, properties.declineNote(), note))
                        + "\n\nThe municipality declined escort contract " + contract.id()
                        + ": the hospital must staff the escort itself.\n");
        if (queued) {
            wardMail.sendPending();
        }
    }

    private OffsetDateTime answerDue(ContractRequest request) {
        if (request.treatment() == Treatment.acute) {
            return OffsetDateTime.now(clock).plus(properties.acuteAnswerWithin());
        }
        return request.appointments().stream().min(java.time.LocalDateTime::compareTo).orElseThrow()
                .atZone(rates.timeZone()).minus(properties.answerDeadlineBeforeAppointment()).toOffsetDateTime();
    }

    private static void check(ContractRequest request) {
        ContractRequest.Patient patient = request.patient();
        if (patient == null || blank(patient.cpr()) || (blank(patient.given()) && blank(patient.family()))) {
            throw EscortContractException.invalid("'patient' needs 'cpr' and the citizen's name ('given', 'family')");
        }
        if (blank(request.municipality())) {
            throw EscortContractException.invalid("'municipality' (the SOR code or GLN of the citizen's municipality) is required");
        }
        if (request.treatment() == null || request.course() == null) {
            throw EscortContractException.invalid("'treatment' (planned or acute) and 'course' (single or series) are required");
        }
        if (request.appointments() == null || request.appointments().isEmpty() || request.appointments().contains(null)) {
            throw EscortContractException.invalid("'appointments' needs at least one local date-time such as 2026-12-01T09:00");
        }
        if (request.course() == Course.single && request.appointments().size() != 1) {
            throw EscortContractException.invalid("A single treatment has exactly one appointment; a series is 'course': 'series'");
        }
        if (request.tasks() == null || request.tasks().isEmpty() || request.tasks().contains(null)) {
            throw EscortContractException.invalid("'tasks' needs at least one of " + java.util.Arrays.stream(EscortTask.values())
                    .map(EscortTask::json).toList());
        }
        if (request.tasks().contains(EscortTask.OTHER) && blank(request.otherTasks())) {
            throw EscortContractException.invalid("Task 'other' needs 'otherTasks' saying what it is");
        }
        if (request.contact() == null || !request.contact().isComplete()) {
            throw EscortContractException.invalid("'contact' needs the ward's contact person: 'name' and 'phone' ('role' optional)");
        }
    }

    private static Patient patient(ContractRequest.Patient citizen) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MessageBundles.CPR_SYSTEM).setValue(citizen.cpr().replace("-", "").trim());
        HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL);
        if (!blank(citizen.family())) {
            name.setFamily(citizen.family());
        }
        if (!blank(citizen.given())) {
            name.addGiven(citizen.given());
        }
        return patient;
    }

    private static String name(ContractRequest.Patient citizen) {
        return ((blank(citizen.given()) ? "" : citizen.given() + " ") + (blank(citizen.family()) ? "" : citizen.family())).trim();
    }

    private static String note(String note) {
        return blank(note) ? "" : ": " + note;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
