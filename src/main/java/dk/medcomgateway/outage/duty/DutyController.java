package dk.medcomgateway.outage.duty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who handles an outage report filed now, or at a given local time, and when. */
@RestController
@Tag(name = "On duty", description = "Who handles an outage report, and when. Role: ops or support.")
public class DutyController {

    private final DutyRoster roster;

    public DutyController(DutyRoster roster) {
        this.roster = roster;
    }

    /**
     * @param at local Copenhagen time, ISO without offset ({@code 2026-03-05T23:10}); parsed here
     *           rather than by Spring, whose ISO format would accept an offset and silently drop it
     */
    @Operation(summary = "Who handles an outage report filed now, or at the given local time")
    @GetMapping("/api/on-duty")
    public Duty onDuty(@Parameter(description = "Local Copenhagen time without offset, e.g. 2026-03-05T23:10; default now")
                       @RequestParam(required = false) String at) {
        return at == null ? roster.onDutyNow() : roster.onDutyAt(LocalDateTime.parse(at));
    }

    @ExceptionHandler(DateTimeParseException.class)
    ProblemDetail malformedTime(DateTimeParseException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'at' must be a local date-time such as 2026-03-05T23:10, not '" + e.getParsedString() + "'");
    }
}
