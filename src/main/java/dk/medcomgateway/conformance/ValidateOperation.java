package dk.medcomgateway.conformance;

import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.intake.Replies;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * FHIR's {@code $validate} for a message Bundle ({@code routes/fhir-validate.yaml}): the OperationOutcome of
 * {@link ConformanceCheck}, HTTP 200 whether or not the message is valid (as FHIR's operation answers), or the
 * intake's own 4xx when the body cannot be read as a message at all.
 */
@Component("validateOperation")
public class ValidateOperation {

    private final ConformanceCheck check;
    private final Replies replies;

    public ValidateOperation(ConformanceCheck check, Replies replies) {
        this.check = check;
        this.replies = replies;
    }

    public void answer(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        ConformanceCheck.Verdict verdict = check.check(contentType, body);
        FhirFormat format = FhirFormat.fromContentType(contentType);
        if (format == null && body != null) {
            format = FhirFormat.sniff(body);
        }
        replies.resource(exchange, check.outcome(verdict), format == null ? FhirFormat.JSON : format,
                verdict.answer() == null ? verdict.httpStatus() : 200);
    }
}
