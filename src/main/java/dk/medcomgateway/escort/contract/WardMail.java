package dk.medcomgateway.escort.contract;

import dk.medcomgateway.escort.contract.EscortContractStore.Mail;
import dk.medcomgateway.mail.GatewayMail;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Mails to a ward's functional mailbox ({@code noticeMailbox} of the ward in partners.yaml). A mail
 * is stored first and sent after; one the mail server refuses is tried again on the next watch run.
 * Mails name the contract, never the patient.
 */
@Component
public class WardMail {

    private static final Logger log = LoggerFactory.getLogger(WardMail.class);

    private final EscortContractStore store;
    private final PartnerDirectory partners;
    private final GatewayMail gatewayMail;

    public WardMail(EscortContractStore store, PartnerDirectory partners, GatewayMail gatewayMail) {
        this.store = store;
        this.partners = partners;
        this.gatewayMail = gatewayMail;
    }

    /** The ward's mailbox, if the partner directory gives it one. */
    Optional<String> mailbox(EscortContract contract) {
        return partners.byCode(contract.wardSor()).map(Partner::noticeMailbox).filter(m -> !m.isBlank());
    }

    /** Stores a mail for the ward; false when the ward has no mailbox. */
    boolean queue(EscortContract contract, String subject, String body) {
        Optional<String> mailbox = mailbox(contract);
        mailbox.ifPresent(to -> store.queueMail(contract.id(), to, subject, body));
        return mailbox.isPresent();
    }

    /** Sends the mails not yet sent. */
    public synchronized void sendPending() {
        for (Mail mail : store.pendingMails()) {
            try {
                gatewayMail.send(mail.to(), mail.subject(), mail.body());
                store.mailSent(mail.id());
            } catch (MailException e) {
                log.warn("Mail about escort contract {} to the ward could not be sent ({}); trying again on the next run",
                        mail.contractId(), e.getClass().getSimpleName());
            }
        }
    }
}
