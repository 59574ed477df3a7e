package dk.medcomgateway.escort;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;
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
public class EscortSettlementController {

    private static final String EXPECTED = "a JSON object with 'start' and 'end' as local date-times such as "
            + "2026-03-03T16:30, and optionally 'kilometres', 'parkingDkk', 'shiftChangeTransportDkk' (numbers) "
            + "and 'outOfHoursGpUntil' (a local date-time)";

    private final SettlementCalculator calculator;

    public EscortSettlementController(SettlementCalculator calculator) {
        this.calculator = calculator;
    }

    @PostMapping("/quote")
    public SettlementQuote quote(@RequestBody SettlementRequest request) {
        return calculator.quote(request);
    }

    @ExceptionHandler(InvalidSettlementException.class)
    ProblemDetail invalid(InvalidSettlementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** Names the field that could not be read, but not Jackson's message, which names Java types. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        String field = e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream().map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : null;
        String detail = field == null
                ? "The body must be " + EXPECTED
                : "'" + field + "' is malformed or unknown; the body must be " + EXPECTED;
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    }
}
