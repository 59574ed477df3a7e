package dk.medcomgateway.intake;

import dk.medcomgateway.envelope.EnvelopeException;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.message.RefusedMessageException;
import dk.medcomgateway.privacy.CprMask;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs an unwrapped message through the intake pipeline (routes/intake-pipeline.yaml) for the
 * envelope channels and says how it went, as the envelope's receipt needs it. A message that was
 * taken (ok or fatal-error, or a duplicate) has its MedCom acknowledgement queued for the sender.
 * The pipeline runs on a copy of the exchange: an error it handles (a refusal, a rejection) ends the
 * routing of the exchange that met it, and the envelope's receipt must still be written.
 */
@Component
public class IntakeOutcome {

    public static final String ANSWERED = "gatewayEnvelopeAnswered";

    /** How the message fared: taken, recorded (an acknowledgement), refused (with the HTTP status and why), or not now. */
    public record Result(Kind kind, int status, String reason) {
        public enum Kind { TAKEN, RECORDED, REFUSED, FORBIDDEN, TRANSIENT }

        /** What the envelope's negative receipt says, or null for a positive one; {@code contentField} carries the message. */
        public EnvelopeException failure(String contentField) {
            return switch (kind) {
                case TAKEN, RECORDED -> null;
                case TRANSIENT -> new EnvelopeException(EnvelopeException.Fault.TRANSIENT, "gateway", reason);
                case FORBIDDEN -> new EnvelopeException(EnvelopeException.Fault.AUTHORIZATION, "Sender", reason);
                case REFUSED -> new EnvelopeException(EnvelopeException.Fault.SYNTAX, contentField, reason);
            };
        }
    }

    private static final Logger log = LoggerFactory.getLogger(IntakeOutcome.class);

    private final ProducerTemplate pipeline;
    private final AckReturn ackReturn;
    private final MessageLedger ledger;

    public IntakeOutcome(ProducerTemplate pipeline, AckReturn ackReturn, MessageLedger ledger) {
        this.pipeline = pipeline;
        this.ackReturn = ackReturn;
        this.ledger = ledger;
    }

    /** An envelope refused before its message reached the pipeline: logged and recorded in the ledger, as refused messages are. */
    public void refused(String channel, EnvelopeException e) {
        String reason = CprMask.mask(e.getMessage());
        log.warn("{} envelope refused ({}): {}", channel, e.field(), reason);
        try {
            ledger.recordRefused(channel, "application/xml", e.field() + ": " + reason);
        } catch (RuntimeException ledgerDown) {
            log.warn("Could not record the refused envelope in the ledger: {}", ledgerDown.getMessage());
        }
    }

    /** Puts an envelope answer (receipt or acknowledgement) on the exchange; the route skips the pipeline after it. */
    public static void answer(Exchange exchange, byte[] body, int status) {
        Message out = exchange.getMessage();
        out.setBody(body);
        out.setHeader(Exchange.CONTENT_TYPE, "application/xml; charset=UTF-8");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.setProperty(ANSWERED, true);
    }

    public Result process(Exchange exchange) {
        Exchange processed = pipeline.send("direct:process-message", exchange.copy());
        String code = processed.getMessage().getHeader(Replies.ACK_CODE_HEADER, String.class);
        if ("transient-error".equals(code) || processed.getException() != null) {
            return new Result(Result.Kind.TRANSIENT, 503, "The gateway cannot take the message right now; send the envelope again later");
        }
        if (processed.getProperty(Exchange.EXCEPTION_CAUGHT) instanceof RefusedMessageException refused) {
            return new Result(refused.httpStatus() == 403 ? Result.Kind.FORBIDDEN : Result.Kind.REFUSED, refused.httpStatus(), refused.getMessage());
        }
        if ("recorded".equals(code)) {
            return new Result(Result.Kind.RECORDED, 200, null);
        }
        IncomingMessage message = IntakeSteps.incoming(processed);
        ackReturn.queue(message, processed.getMessage().getBody(byte[].class));
        return new Result(Result.Kind.TAKEN, 200, null);
    }
}
