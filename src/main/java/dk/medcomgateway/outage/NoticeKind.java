package dk.medcomgateway.outage;

/** The notices the outage procedure calls for, by who receives them and when. */
public enum NoticeKind {

    /** First broadcast: a planned outage over the threshold announced in advance, or an outage that has become long. */
    ANNOUNCEMENT(true),
    /** Follow-up broadcast while the outage is open, at the promised next-status time. */
    STATUS(true),
    /** Final broadcast: solved, with the actual downtime. */
    RESOLVED(true),
    /** To the team on duty (EDI support or the operations on-call): a new outage or a change to one. */
    ESCALATION(false),
    /** To the person who reported the outage: the expected downtime back. */
    REPORTER_RECEIPT(false),
    /** To the person who reported the outage, when it is solved. */
    REPORTER_RESOLVED(false);

    private final boolean broadcast;

    NoticeKind(boolean broadcast) {
        this.broadcast = broadcast;
    }

    /** Whether the notice goes to the distribution lists of the affected organisations. */
    public boolean isBroadcast() {
        return broadcast;
    }
}
