package dk.medcomgateway.escort;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Escort settlements: the arithmetic on its own, so a ward can preview what a course costs. */
@RestController
@RequestMapping("/api/escort-settlements")
@Tag(name = "Escort settlements", description = "The settlement arithmetic on its own, so a ward can preview what a course costs. Role: partner or support.")
public class EscortSettlementController {

    private static final String EXPECTED = "a JSON object with 'start' and 'end' as local date-times such as "
            + "2026-03-03T16:30, and optionally 'kilometres', 'parkingDkk', 'shiftChangeTransportDkk' (numbers) "
            + "and 'outOfHoursGpUntil' (a local date-time)";

    private final SettlementCalculator calculator;
    /** Strict for this body only: a misspelt field ("kilometer") would otherwise count as zero. */
    private final ObjectReader requests;

    public EscortSettlementController(SettlementCalculator calculator, ObjectMapper json) {
        this.calculator = calculator;
        this.requests = json.readerFor(SettlementRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Operation(summary = "What an escort course costs", description = "Unknown fields are refused.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = SettlementRequest.class)))
    @PostMapping("/quote")
    public SettlementQuote quote(@RequestBody JsonNode body) throws IOException {
        return calculator.quote(requests.readValue(body));
    }

    @ExceptionHandler(InvalidSettlementException.class)
    ProblemDetail invalid(InvalidSettlementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** A body that is valid JSON but not a settlement request. */
    @ExceptionHandler(JsonProcessingException.class)
    ProblemDetail malformed(JsonProcessingException e) {
        return malformedBody(e);
    }

    /** A body that is not JSON at all. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return malformedBody(e.getCause());
    }

    private static ProblemDetail malformedBody(Throwable cause) {
        String detail = MalformedBody.field(cause)
                .map(field -> "'" + field + "' is malformed or unknown; the body must be " + EXPECTED)
                .orElse("The body must be " + EXPECTED);
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    }
}
