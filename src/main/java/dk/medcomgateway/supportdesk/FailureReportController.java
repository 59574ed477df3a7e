package dk.medcomgateway.supportdesk;

import dk.medcomgateway.metrics.MetricsProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The failure report as CSV, for the weekly support meeting (a spreadsheet opens it as it is). */
@RestController
@Tag(name = "Reports", description = "Reports for the support desk. Role: support.")
public class FailureReportController {

    private static final String HEADER = "time,record,message_header_id,event,sender,receiver,status,detail";

    private final FailureReport report;
    private final TimeParameters times;
    private final Clock clock;
    /** Without {@code from}, the report covers this long before {@code to} (config: the week since the meeting). */
    private final Duration defaultRange;

    public FailureReportController(FailureReport report, TimeParameters times, Clock clock, MetricsProperties properties) {
        this.report = report;
        this.times = times;
        this.clock = clock;
        this.defaultRange = properties.reportRange();
    }

    /** {@code from} (inclusive) and {@code to} (exclusive) as for the message search: ISO, or local Copenhagen time. */
    @Operation(summary = "The failure report as CSV",
            description = "`from` (inclusive) and `to` (exclusive) as for the message search: ISO with offset, or local Copenhagen time."
                    + " Without `to`, now; without `from`, the configured range (a week by default) before `to`.",
            responses = @ApiResponse(responseCode = "200", description = "The report, as an attachment",
                    content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
    @GetMapping("/api/reports/failures.csv")
    public ResponseEntity<String> failures(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        OffsetDateTime end = to == null || to.isBlank() ? OffsetDateTime.now(clock) : times.parse("to", to);
        OffsetDateTime start = from == null || from.isBlank() ? end.minus(defaultRange) : times.parse("from", from);
        String csv = Stream.concat(Stream.of(HEADER), report.between(start, end).stream().map(this::row))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
        String filename = "failures-" + start.atZoneSameInstant(clock.getZone()).toLocalDate()
                + "-" + end.atZoneSameInstant(clock.getZone()).toLocalDate() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(csv);
    }

    @ExceptionHandler(RefusedException.class)
    ResponseEntity<ProblemDetail> refused(RefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        return ResponseEntity.status(e.status()).body(problem);
    }

    private String row(FailureReport.Line line) {
        return List.of(line.at().atZoneSameInstant(clock.getZone()).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                        line.record(), nonNull(line.messageHeaderId()), nonNull(line.event()), nonNull(line.sender()),
                        nonNull(line.receiver()), nonNull(line.status()), nonNull(line.detail()))
                .stream().map(FailureReportController::field).collect(Collectors.joining(","));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /**
     * RFC 4180 quoting; and a text that a spreadsheet would take for a formula is prefixed with an
     * apostrophe, since details quote what receivers answered.
     */
    static String field(String value) {
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
