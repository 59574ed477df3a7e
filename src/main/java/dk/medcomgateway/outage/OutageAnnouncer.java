package dk.medcomgateway.outage;

import dk.medcomgateway.outage.duty.Duty;
import dk.medcomgateway.outage.duty.DutyRoster;
import dk.medcomgateway.routing.Partner;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Who hears of an outage, by the regional procedure: the team on duty on every change; the
 * reporter with the expected downtime and again when solved; and, for outages over the
 * broadcast threshold, the affected organisations' functional mailboxes (announcement, status at
 * the promised times, final notice). Each notice sent or failed is written in the outage's log.
 */
@Component
public class OutageAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(OutageAnnouncer.class);

    private final DutyRoster roster;
    private final OutageNotices notices;
    private final OutageRepository outages;
    private final AffectedPartners affected;
    private final Clock clock;
    private final java.time.Duration threshold;

    public OutageAnnouncer(DutyRoster roster, OutageNotices notices, OutageRepository outages, AffectedPartners affected,
                           Clock clock, OutageProperties settings) {
        this.roster = roster;
        this.notices = notices;
        this.outages = outages;
        this.affected = affected;
        this.clock = clock;
        this.threshold = settings.broadcastThreshold();
    }

    private static String hours(java.time.Duration d) {
        return d.toMinutesPart() == 0 ? d.toHours() + " timer" : d.toHours() + " t " + d.toMinutesPart() + " min";
    }

    /** When people handle a report filed now: at once from 08:00 to 22:00, otherwise the next 08:00. */
    LocalDateTime handleAt(LocalDateTime now) {
        return roster.onDutyAt(now).handleAt();
    }

    void registered(Outage o) {
        escalate(o, o.detected() ? "ny driftsforstyrrelse opdaget af gatewayen" : "ny driftsforstyrrelse");
        if (!o.detected()) {
            send(o, "reporter receipt", () -> notices.toReporter(o, NoticeKind.REPORTER_RECEIPT));
        }
        if (o.broadcast()) {
            broadcast(o, NoticeKind.ANNOUNCEMENT);
        }
    }

    void updated(Outage o, boolean becameLong) {
        escalate(o, "opdateret");
        send(o, "reporter receipt", () -> notices.toReporter(o, NoticeKind.REPORTER_RECEIPT));
        if (o.broadcast()) {
            broadcast(o, becameLong ? NoticeKind.ANNOUNCEMENT : NoticeKind.STATUS);
        }
    }

    void becameLong(Outage o) {
        escalate(o, "varer over " + hours(threshold));
        broadcast(o, NoticeKind.ANNOUNCEMENT);
    }

    void statusDue(Outage o) {
        broadcast(o, NoticeKind.STATUS);
    }

    void resolved(Outage o) {
        escalate(o, "løst");
        if (!o.detected()) {
            send(o, "reporter resolved", () -> notices.toReporter(o, NoticeKind.REPORTER_RESOLVED));
        }
        if (o.broadcast()) {
            broadcast(o, NoticeKind.RESOLVED);
        }
    }

    private void escalate(Outage o, String what) {
        Duty duty = roster.onDutyAt(LocalDateTime.now(clock));
        send(o, "escalation to " + duty.team(), () -> notices.escalate(o, duty.teamName(), duty.email(), what));
    }

    private void broadcast(Outage o, NoticeKind kind) {
        List<String> mailboxes = affected.of(o).stream().map(Partner::noticeMailbox).filter(Objects::nonNull).distinct().toList();
        send(o, "broadcast " + kind, () -> notices.broadcast(o, kind, mailboxes));
    }

    /** A mail server that is down does not stop the procedure; the failure is in the outage's log for ops to see. */
    private void send(Outage o, String what, Supplier<List<String>> sending) {
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        try {
            List<String> to = sending.get();
            if (!to.isEmpty()) {
                outages.log(o.id(), now, what + " sent to " + String.join(", ", to));
            }
        } catch (MailException e) {
            log.warn("Outage {}: {} could not be sent: {}", o.id(), what, e.getMessage());
            outages.log(o.id(), now, what + " NOT sent: " + e.getMessage());
        }
    }
}
