package dk.medcomgateway.envelope;

import dk.medcomgateway.intake.IncomingMessage;
import dk.medcomgateway.intake.IntakeSteps;
import dk.medcomgateway.intake.RefusedMessageException;
import dk.medcomgateway.intake.Replies;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs an unwrapped message through the intake pipeline (routes/process-message.yaml) for the
 * envelope channels and says how it went, as the envelope's receipt needs it. A message that was
 * taken (ok or fatal-error, or a duplicate) has its MedCom acknowledgement queued for the sender.
 * The pipeline runs on a copy of the exchange: an error it handles (a refusal, a rejection) ends the
 * routing of the exchange that met it, and the envelope's receipt must still be written.
 */
@Component
public class IntakeOutcome {

    /** How the message fared: taken, recorded (an acknowledgement), refused (with the HTTP status and why), or not now. */
    public record Result(Kind kind, int status, String reason) {
        public enum Kind { TAKEN, RECORDED, REFUSED, FORBIDDEN, TRANSIENT }
    }

    private final ProducerTemplate pipeline;
    private final AckReturn ackReturn;

    public IntakeOutcome(ProducerTemplate pipeline, AckReturn ackReturn) {
        this.pipeline = pipeline;
        this.ackReturn = ackReturn;
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
        ackReturn.queue(message, processed.getMessage().getBody(byte[].class), message.format());
        return new Result(Result.Kind.TAKEN, 200, null);
    }
}
