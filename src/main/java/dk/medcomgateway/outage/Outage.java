package dk.medcomgateway.outage;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An outage of the EDI link to one or more partners, as the regional procedure describes it:
 * cause, affected partners and message types, expected downtime and a contact person. Times are
 * local (Europe/Copenhagen), as people report and read them.
 *
 * @param affectedPartners     SOR codes or GLNs; empty never (an outage concerns someone)
 * @param affectedMessageTypes MedCom event codes; empty means all
 * @param detected             opened by the gateway itself when a receiver kept failing
 * @param lateNotice           a planned shutdown over the broadcast threshold reported with too little notice
 * @param broadcast            whether it is (or has become) long enough to be broadcast to distribution lists
 * @param handleAt             when people handle the report (reports after 22:00 wait for 08:00)
 * @param nextStatusAt         when the next status notice is due, while broadcast and open
 */
public record Outage(long id, Kind kind, boolean detected, String cause, List<String> affectedPartners,
                     List<String> affectedMessageTypes, LocalDateTime start, LocalDateTime expectedEnd, Contact contact,
                     Status status, String statusText, boolean lateNotice, boolean broadcast, LocalDateTime reportedAt,
                     LocalDateTime handleAt, LocalDateTime nextStatusAt, LocalDateTime resolvedAt) {

    public enum Kind { planned, unplanned }

    /** scheduled: planned and not yet begun; active: begun and not resolved; resolved: over. */
    public enum Status { scheduled, active, resolved }

    public record Contact(String name, String phone, String email) {
    }

    /** Expected (or, once resolved, actual) downtime. */
    public Duration downtime() {
        LocalDateTime end = resolvedAt != null ? resolvedAt : expectedEnd;
        return end == null || start == null ? Duration.ZERO : Duration.between(start, end);
    }

    public boolean isOpen() {
        return status != Status.resolved;
    }
}
