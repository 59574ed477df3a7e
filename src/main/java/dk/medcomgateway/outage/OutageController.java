package dk.medcomgateway.outage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Outage notices: report, update, resolve and list outages. */
@RestController
@RequestMapping("/api/outages")
@Tag(name = "Outages", description = "Planned and unplanned outages and their notices. Reading: ops or support; reporting, updating and resolving: ops.")
public class OutageController {

    public record Update(LocalDateTime expectedEnd, String statusText) {
    }

    public record Resolution(String statusText) {
    }

    public record OutageWithLog(Outage outage, List<OutageRepository.LogEntry> log) {
    }

    private final OutageService service;
    private final OutageRepository repository;

    public OutageController(OutageService service, OutageRepository repository) {
        this.service = service;
        this.repository = repository;
    }

    @Operation(summary = "Report an outage", responses = @ApiResponse(responseCode = "201", description = "Registered"))
    @PostMapping
    public ResponseEntity<Outage> report(@RequestBody OutageRequest request) {
        Outage outage = service.register(request);
        return ResponseEntity.created(URI.create("/api/outages/" + outage.id())).body(outage);
    }

    @Operation(summary = "Update an outage's expected end or status text")
    @PatchMapping("/{id}")
    public Outage update(@PathVariable long id, @RequestBody Update update) {
        return service.update(id, update.expectedEnd(), update.statusText());
    }

    @Operation(summary = "Resolve an outage")
    @PostMapping("/{id}/resolve")
    public Outage resolve(@PathVariable long id, @RequestBody(required = false) Resolution resolution) {
        return service.resolve(id, resolution == null ? null : resolution.statusText());
    }

    @Operation(summary = "All outages")
    @GetMapping
    public List<Outage> list() {
        return service.all();
    }

    @Operation(summary = "One outage with its log")
    @GetMapping("/{id}")
    public OutageWithLog one(@PathVariable long id) {
        return new OutageWithLog(service.get(id), repository.log(id));
    }

    @ExceptionHandler(InvalidOutageException.class)
    ProblemDetail invalid(InvalidOutageException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(OutageNotFoundException.class)
    ProblemDetail notFound(OutageNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
