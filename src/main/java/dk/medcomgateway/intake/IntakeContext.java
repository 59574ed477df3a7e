package dk.medcomgateway.intake;

import dk.medcomgateway.message.TransportEnvelope;
import dk.medcomgateway.routing.Partner;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * What the intake pipeline ({@code routes/intake-pipeline.yaml}) knows of the message in hand, as one object the
 * steps read and write: where it came from, the document read (a FHIR {@code IncomingMessage} or a legacy
 * {@code Letter}), its key in the ledger, whether the ledger held no answer for that key, its receivers and, once
 * recorded, its ledger id. The route itself never calls into it (see {@link #IS_ANSWER_PROPERTY}).
 *
 * @param <D> the document's type
 */
public final class IntakeContext<D> {

    /** The exchange property holding it; the only name the route and the steps share. */
    public static final String PROPERTY = "gatewayIntake";
    /**
     * Whether the document is a receiver's answer, as an exchange property of its own for the route's choice. A simple
     * expression calling into the context ({@code ${exchangeProperty.gatewayIntake.answer}}) made Camel cache the
     * context, by the object itself, a thousand at a time, and with each context its message.
     */
    public static final String IS_ANSWER_PROPERTY = "gatewayIsAnswer";
    /** The header a channel's route sets to name itself (http, file, jms, sbdh, ...); "http" when unset. */
    public static final String CHANNEL_HEADER = "GatewayChannel";

    private final String channel;
    private final D document;
    private final String key;
    private final TransportEnvelope transport;
    private boolean unanswered;
    private Long ledgerId;
    private List<Partner> receivers = List.of();
    private String validationWarnings;

    private IntakeContext(String channel, D document, String key, TransportEnvelope transport) {
        this.channel = channel;
        this.document = document;
        this.key = key;
        this.transport = transport;
    }

    /** The channel the exchange arrived by, as its route named it. */
    public static String channel(Exchange exchange) {
        return exchange.getMessage().getHeader(CHANNEL_HEADER, "http", String.class);
    }

    /**
     * Starts the context of a document just read.
     *
     * @param answer whether it is a receiver's answer (acknowledgement, receipt) about a message the gateway delivered
     */
    public static <D> IntakeContext<D> start(Exchange exchange, D document, String key, boolean answer) {
        IntakeContext<D> context = new IntakeContext<>(channel(exchange), document, key,
                exchange.getProperty(TransportEnvelope.PROPERTY, TransportEnvelope.class));
        exchange.setProperty(PROPERTY, context);
        exchange.setProperty(IS_ANSWER_PROPERTY, answer);
        return context;
    }

    /** The context of the exchange, or null before its document was read. */
    @SuppressWarnings("unchecked")
    public static <D> IntakeContext<D> of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, IntakeContext.class);
    }

    /** The document of the exchange, or null before it was read. */
    public static <D> D document(Exchange exchange) {
        IntakeContext<D> context = of(exchange);
        return context == null ? null : context.document();
    }

    public String channel() {
        return channel;
    }

    public D document() {
        return document;
    }

    /** The ledger's key: the MessageHeader.id, or a letter's sender and envelope id. */
    public String getKey() {
        return key;
    }

    /** The envelope it came in (SBDH, VANS), or null. */
    public TransportEnvelope transport() {
        return transport;
    }

    /**
     * Whether the ledger held no answer for the key when the pipeline looked: then its arrival is recorded with the
     * answer it gets, acceptance or rejection.
     */
    public boolean unanswered() {
        return unanswered;
    }

    public void foundUnanswered() {
        this.unanswered = true;
    }

    /** The ledger id once recorded (with the acceptance), else null. */
    public Long ledgerId() {
        return ledgerId;
    }

    public void recorded(long id) {
        this.ledgerId = id;
    }

    /** The validation warnings' summary for the trail, or null when there were none. */
    public String validationWarnings() {
        return validationWarnings;
    }

    /** Kept to be written with the message's acceptance or rejection, not in a commit of their own. */
    public void warned(String summary) {
        this.validationWarnings = summary;
    }

    public List<Partner> receivers() {
        return receivers;
    }

    public void routedTo(List<Partner> receivers) {
        this.receivers = List.copyOf(receivers);
    }
}
