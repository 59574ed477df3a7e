package dk.medcomgateway.routing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A hospital or municipal system the gateway delivers to, as listed in the partner directory.
 * It is identified by SOR code and/or EAN/GLN location number; exactly one delivery target is set.
 *
 * @param noticeMailbox the organisation's functional mailbox for outage notices (domain: one per
 *                      municipality/hospital, changes reported to the EDI service desk)
 * @param onCallPhone   the on-call line a discharging ward must phone when messages cannot be delivered
 * @param validation    how messages from this partner (as sender) are validated; profile when not set
 */
public record Partner(String name, String sor, String gln, Delivery delivery, String noticeMailbox, String onCallPhone,
                      Validation validation) {

    /**
     * PROFILE: MedCom's message rules and the standard's profiles. STRUCTURAL: MedCom's message rules
     * only, for a partner whose system is certified against the profiles and sends a volume where
     * profile validation costs more than it finds.
     */
    public enum Validation {
        @JsonProperty("profile") PROFILE,
        @JsonProperty("structural") STRUCTURAL
    }

    public Partner {
        validation = validation == null ? Validation.PROFILE : validation;
    }

    /**
     * Where messages for the partner go: an HTTP endpoint, a JMS queue or a directory; and the
     * network envelope they travel in (none when not given).
     */
    public record Delivery(String url, String queue, String directory, Envelope envelope) {

        public Delivery {
            envelope = envelope == null ? Envelope.NONE : envelope;
        }

        public Delivery(String url, String queue, String directory) {
            this(url, queue, directory, Envelope.NONE);
        }
    }

    public Envelope envelope() {
        return delivery == null ? Envelope.NONE : delivery.envelope();
    }

    /** Stable key used in queue names and the ledger: the SOR code, or the GLN when there is none. */
    public String id() {
        return sor != null && !sor.isBlank() ? sor : gln;
    }

    /** The durable JMS queue that holds this partner's messages until they are delivered. */
    public String queueName() {
        return "delivery." + id();
    }

    public String deadLetterQueueName() {
        return queueName() + ".DLQ";
    }
}
