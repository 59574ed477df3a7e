package dk.medcomgateway.outage;

import dk.medcomgateway.mail.GatewayMail;
import dk.medcomgateway.routing.PartnerDirectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Mails the notices of the outage procedure: broadcasts to distribution lists, escalation to the
 * team on duty, and the answers to whoever reported the outage. Each method sends at most one mail
 * and returns the addresses it went to, for the caller's ledger. A mail server that is down throws
 * {@link MailException}: the caller records the notice as unsent and retries it.
 */
@Component
public class OutageNotices {

    private static final Logger log = LoggerFactory.getLogger(OutageNotices.class);

    private final GatewayMail gatewayMail;
    private final NoticeProperties properties;
    private final NoticeText text;

    public OutageNotices(GatewayMail gatewayMail, NoticeProperties properties, PartnerDirectory partners) {
        this.gatewayMail = gatewayMail;
        this.properties = properties;
        this.text = new NoticeText(partners);
    }

    /** ANNOUNCEMENT, STATUS or RESOLVED to the given distribution lists plus {@code gateway.notices.always-to}. */
    public List<String> broadcast(Outage outage, NoticeKind kind, List<String> recipients) {
        if (!kind.isBroadcast()) {
            throw new IllegalArgumentException(kind + " is not a broadcast");
        }
        List<String> all = new ArrayList<>(recipients);
        all.addAll(properties.alwaysTo());
        List<String> addresses = distinct(all);
        if (addresses.isEmpty()) {
            log.warn("{} notice for outage {} has no recipients; not sent", kind, outage.id());
            return addresses;
        }
        // Bcc: the lists belong to different municipalities and hospitals, who should not see
        // (or reply-all to) each other's addresses.
        return send(kind, outage, text.broadcast(outage, kind), addresses, true);
    }

    /** Tells the team on duty about a new outage or a change to one; {@code what} is a short Danish phrase ("nyt nedbrud"). */
    public List<String> escalate(Outage outage, String teamName, String teamEmail, String what) {
        return send(NoticeKind.ESCALATION, outage, text.escalation(outage, teamName, what), distinct(Arrays.asList(teamEmail)), false);
    }

    /** REPORTER_RECEIPT or REPORTER_RESOLVED to the outage's contact person; nothing when there is no address. */
    public List<String> toReporter(Outage outage, NoticeKind kind) {
        NoticeText.Mail mail = text.reporter(outage, kind);
        String email = outage.contact() == null ? null : outage.contact().email();
        return send(kind, outage, mail, distinct(Arrays.asList(email)), false);
    }

    private List<String> send(NoticeKind kind, Outage outage, NoticeText.Mail mail, List<String> addresses, boolean blind) {
        if (addresses.isEmpty()) {
            return addresses;
        }
        gatewayMail.send(addresses, blind, mail.subject(), mail.body());
        // Counts only: the addresses belong in the caller's ledger, not in the log.
        log.info("Sent {} notice for outage {} to {} recipient(s)", kind, outage.id(), addresses.size());
        return addresses;
    }

    /** Trimmed, blanks dropped, duplicates (ignoring case) dropped keeping the first spelling. */
    private static List<String> distinct(List<String> addresses) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String address : addresses) {
            if (address != null && !address.isBlank()) {
                byKey.putIfAbsent(address.strip().toLowerCase(Locale.ROOT), address.strip());
            }
        }
        return List.copyOf(byKey.values());
    }
}
