package dk.medcomgateway.escort.contract;

import dk.medcomgateway.escort.contract.EscortContract.Status;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.ledger.SupportCases;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates contracts the municipality has not answered by their deadline (routes/escort-watch.yaml
 * runs it): the contract becomes escalated, a support case opens on the contract message, and the
 * ward's functional mailbox is told to staff the escort or phone the municipality. Then sends the
 * ward mails still waiting.
 */
@Component("escortWatch")
public class EscortWatch {

    static final String CASE_KIND = "escort-no-answer";
    private static final Logger log = LoggerFactory.getLogger(EscortWatch.class);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final EscortContractStore store;
    private final SupportCases cases;
    private final MessageLedger ledger;
    private final WardMail wardMail;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public EscortWatch(EscortContractStore store, SupportCases cases, MessageLedger ledger, WardMail wardMail, Clock clock,
                       TransactionTemplate transaction) {
        this.store = store;
        this.cases = cases;
        this.ledger = ledger;
        this.wardMail = wardMail;
        this.clock = clock;
        this.transaction = transaction;
    }

    public synchronized void check() {
        for (EscortContract contract : store.unansweredAt(OffsetDateTime.now(clock))) {
            transaction.executeWithoutResult(tx -> escalate(contract));
        }
        wardMail.sendPending();
    }

    private void escalate(EscortContract contract) {
        String deadline = LOCAL.format(contract.answerDueAt().atZoneSameInstant(clock.getZone()));
        if (!store.move(contract.id(), java.util.Set.of(Status.SENT), Status.ESCALATED, "gateway", "no answer by " + deadline, null)) {
            return;
        }
        boolean mailed = wardMail.queue(contract, "Ledsageaftale nr. " + contract.id() + " ubesvaret / escort contract not answered",
                "Til afdelingen\n\nKommunen " + contract.municipality() + " har ikke svaret på ledsageaftale nr. " + contract.id()
                        + " (besked " + contract.messageHeaderId() + ") inden fristen " + deadline + ".\n"
                        + "Kontakt kommunen, eller bemand selv ledsagelsen.\n\n"
                        + "The municipality has not answered escort contract " + contract.id() + " by " + deadline
                        + ". Phone the municipality, or staff the escort yourselves.\n");
        String detail = "Escort contract " + contract.id() + " to municipality " + contract.municipality() + " not answered by "
                + deadline + " (first appointment " + LOCAL.format(contract.firstAppointment()) + "); "
                + (mailed ? "ward mailbox told" : "ward " + contract.wardSor() + " has no mailbox in the partner directory: phone it");
        ledger.idOf(contract.messageHeaderId()).ifPresent(messageId ->
                store.caseOpened(contract.id(), cases.open(messageId, contract.wardSor(), CASE_KIND, detail)));
        log.info("Escort contract {} escalated: no answer by {}", contract.id(), deadline);
    }
}
