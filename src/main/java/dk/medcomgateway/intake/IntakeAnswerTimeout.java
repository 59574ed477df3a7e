package dk.medcomgateway.intake;

import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.message.IntakePaths;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every HTTP intake request is answered within {@code gateway.intake.answer-within}. The Camel
 * HTTP routes run as asynchronous Spring MVC requests; one that takes longer gets 503 with a
 * transient-error OperationOutcome (the sender tries again) instead of Spring's own timeout page.
 */
@RestControllerAdvice
public class IntakeAnswerTimeout implements WebMvcConfigurer {

    private final long answerWithinMs;
    private final FhirCodec codec;

    public IntakeAnswerTimeout(GatewayProperties properties, FhirCodec codec) {
        this.answerWithinMs = properties.intake().answerWithin().toMillis();
        this.codec = codec;
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setDefaultTimeout(answerWithinMs);
    }

    @ExceptionHandler(AsyncRequestTimeoutException.class)
    ResponseEntity<byte[]> tooSlow(AsyncRequestTimeoutException timeout, HttpServletRequest request) throws AsyncRequestTimeoutException {
        if (!IntakePaths.isMessageIntake(request.getRequestURI())) {
            throw timeout; // not an intake: Spring's own answer
        }
        OperationOutcome outcome = IntakeFailures.outcome(OperationOutcome.IssueType.TRANSIENT,
                "The gateway could not answer within " + answerWithinMs + " ms; send the message again later");
        return ResponseEntity.status(503).contentType(MediaType.parseMediaType(FhirFormat.JSON.mediaType() + ";charset=UTF-8"))
                .body(codec.encode(outcome, FhirFormat.JSON));
    }
}
