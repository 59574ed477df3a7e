package dk.medcomgateway.discharge;

import dk.medcomgateway.discharge.Episodes.Episode;
import dk.medcomgateway.discharge.Episodes.Expected;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.ledger.SupportCases;
import dk.medcomgateway.mail.GatewayMail;
import dk.medcomgateway.message.StoredMessage;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raises documents past their deadline (routes/discharge-watchdog.yaml runs it): a support case,
 * and a mail to the discharging ward's functional mailbox. The ward is the organisation that sent
 * the discharge (MessageHeader.sender), looked up by SOR code (else GLN) in the partner directory;
 * its {@code noticeMailbox} gets the mail. A ward not in the directory, or without a mailbox, gets
 * no mail; the case says so. A mail the server refuses is tried again on the next run.
 * The mail names the discharge message, never the patient: the ward finds the patient by it.
 */
@Component("dischargeWatchdog")
public class DischargeWatchdog {

    private static final Logger log = LoggerFactory.getLogger(DischargeWatchdog.class);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Episodes episodes;
    private final SupportCases cases;
    private final MessageLedger ledger;
    private final PartnerDirectory partners;
    private final GatewayMail mail;
    private final DischargeProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public DischargeWatchdog(Episodes episodes, SupportCases cases, MessageLedger ledger, PartnerDirectory partners,
                             GatewayMail mail, DischargeProperties properties, Clock clock,
                             TransactionTemplate transaction) {
        this.episodes = episodes;
        this.cases = cases;
        this.ledger = ledger;
        this.partners = partners;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
        this.transaction = transaction;
    }

    public synchronized void check() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Expected expected : episodes.waitingDue(now)) {
            transaction.executeWithoutResult(tx -> raise(expected));
        }
        for (Expected expected : episodes.mailPending()) {
            mailWard(expected);
        }
    }

    private void raise(Expected expected) {
        Episode episode = episodes.byId(expected.episodeId()).orElseThrow();
        Optional<String> mailbox = wardMailbox(episode);
        String detail = "No " + expected.kind().english() + " for episode " + episode.id() + " by its deadline "
                + local(expected.dueAt()) + " (discharge message " + headerId(expected) + ", ward " + episode.ward() + "); "
                + mailbox.map(m -> "ward mailbox " + m).orElse("the ward has no mailbox in the partner directory: phone it");
        long caseId = cases.open(expected.dischargeMessage(), episode.ward(), expected.kind().caseKind(), detail);
        episodes.markOverdue(expected.id(), caseId);
        log.info("Episode {}: {} overdue, case {}", episode.id(), expected.kind().english(), caseId);
    }

    private void mailWard(Expected expected) {
        Episode episode = episodes.byId(expected.episodeId()).orElseThrow();
        Optional<String> mailbox = wardMailbox(episode);
        if (mailbox.isEmpty()) {
            episodes.mailStatus(expected.id(), "NO_MAILBOX");
            return;
        }
        DocumentKind kind = expected.kind();
        String dischargeId = headerId(expected);
        Duration waited = kind == DocumentKind.DISCHARGE_REPORT ? properties.report().deadline() : null;
        try {
            mail.send(mailbox.get(), "Manglende " + kind.danish() + " / missing " + kind.english() + " (sag " + expected.caseId() + ")",
                    "Til afdelingen\n\n"
                            + "Kommunen har modtaget jeres udskrivningsadvis (SLHJ, meddelelse " + dischargeId + "), men ingen "
                            + kind.danish() + " er fulgt efter " + (waited == null ? "udskrivningsdagen" : hours(waited)) + ".\n"
                            + "Frist: " + local(expected.dueAt()) + ". Send venligst " + kind.danish() + "en, eller kontakt EDI-support"
                            + " og oplys sag " + expected.caseId() + ".\n\n"
                            + "The municipality has received your discharge notification (SLHJ, message " + dischargeId + "), but no "
                            + kind.english() + " has followed by " + local(expected.dueAt()) + ". Please send it, or contact EDI support"
                            + " quoting case " + expected.caseId() + ".\n");
            episodes.mailStatus(expected.id(), "SENT");
        } catch (MailException e) {
            log.warn("Mail about case {} to the ward could not be sent ({}); trying again on the next run",
                    expected.caseId(), e.getClass().getSimpleName());
        }
    }

    private Optional<String> wardMailbox(Episode episode) {
        if (episode.ward() == null) {
            return Optional.empty();
        }
        return partners.byCode(episode.ward())
                .map(Partner::noticeMailbox).filter(m -> !m.isBlank());
    }

    private String headerId(Expected expected) {
        return ledger.message(expected.dischargeMessage()).map(StoredMessage::messageHeaderId).orElse("?");
    }

    private String local(OffsetDateTime at) {
        return at.atZoneSameInstant(clock.getZone()).format(LOCAL);
    }

    private static String hours(Duration duration) {
        return duration.toHours() + " timer";
    }
}
