package dk.medcomgateway.supportdesk;

import dk.medcomgateway.ledger.SupportCases;
import dk.medcomgateway.privacy.PatientPseudonymizer;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The support desk's API: find messages, resend or discard a failed one, list and close cases, and read
 * the audit log of all of these. The acting user is the request's principal ("anonymous" while
 * the API is not behind a login).
 */
@RestController
@Tag(name = "Support desk", description = "Find messages, resend or discard a failed one, list and close cases, and read the audit log of these. Role: support.")
public class SupportDeskController {

    public record ResendRequest(String receiver, String reason) {
    }

    public record DiscardRequest(String reason) {
    }

    public record CloseRequest(String note) {
    }

    public record HoldRequest(String reason) {
    }

    private final SupportDesk desk;
    private final SupportCases cases;
    private final MessageSearch search;
    private final AuditLog audit;
    private final PatientPseudonymizer pseudonymizer;
    private final PartnerDirectory directory;
    private final TimeParameters times;
    private final SupportDeskProperties properties;
    private final LegalHolds holds;

    public SupportDeskController(SupportDesk desk, SupportCases cases, MessageSearch search, AuditLog audit, PatientPseudonymizer pseudonymizer,
                                 PartnerDirectory directory, TimeParameters times, SupportDeskProperties properties, LegalHolds holds) {
        this.desk = desk;
        this.cases = cases;
        this.holds = holds;
        this.search = search;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.directory = directory;
        this.times = times;
        this.properties = properties;
    }

    /**
     * Messages matching every parameter given, newest first. {@code patient} is a full CPR number,
     * matched by its keyed hash; it is never logged nor answered.
     */
    @Operation(summary = "Messages matching every parameter given, newest first",
            description = "`from`/`to`: ISO with offset, or local Copenhagen time. `patient`: a full CPR number, matched by its keyed hash;"
                    + " it is neither logged nor answered.")
    @GetMapping("/api/messages")
    public List<MessageSearch.Summary> find(@RequestParam(required = false) String messageHeaderId,
                                            @RequestParam(required = false) String bundleId,
                                            @RequestParam(required = false) String sender,
                                            @RequestParam(required = false) String receiver,
                                            @RequestParam(required = false) String eventCode,
                                            @RequestParam(required = false) String status,
                                            @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String patient,
                                            @RequestParam(required = false) Integer limit) {
        return search.find(new MessageSearch.Criteria(blankToNull(messageHeaderId), blankToNull(bundleId), blankToNull(sender),
                receiverIds(blankToNull(receiver)), blankToNull(eventCode), status == null || status.isBlank() ? null : status.trim().toUpperCase(java.util.Locale.ROOT),
                times.parse("from", from), times.parse("to", to), pseudonymizer.hash(blankToNull(patient)), limit(limit)));
    }

    @Operation(summary = "Support cases: open ones unless asked otherwise")
    @GetMapping("/api/cases")
    public List<SupportCases.SupportCase> cases(@Parameter(description = "open, closed or all") @RequestParam(defaultValue = "open") String status) {
        try {
            return cases.list(SupportCases.Filter.valueOf(status.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be open, closed or all");
        }
    }

    @Operation(summary = "Resend a message to its receivers, or to one of them")
    @PostMapping("/api/messages/{messageHeaderId}/resend")
    public SupportDesk.Resent resend(@PathVariable String messageHeaderId, @RequestBody(required = false) ResendRequest request,
                                     Principal principal) {
        return desk.resend(messageHeaderId, request == null ? null : request.receiver(), request == null ? null : request.reason(),
                Actors.of(principal));
    }

    @Operation(summary = "Discard a failed message")
    @PostMapping("/api/messages/{messageHeaderId}/discard")
    public SupportDesk.Discarded discard(@PathVariable String messageHeaderId, @RequestBody(required = false) DiscardRequest request,
                                         Principal principal) {
        return desk.discard(messageHeaderId, request == null ? null : request.reason(), Actors.of(principal));
    }

    /** Keeps the message from retention until released (DELETE). */
    @Operation(summary = "Put a message under legal hold: retention keeps it until it is released (audited)")
    @PostMapping("/api/messages/{messageHeaderId}/hold")
    public ResponseEntity<Void> hold(@PathVariable String messageHeaderId, @RequestBody(required = false) HoldRequest request,
                                     Principal principal) {
        holds.hold(messageHeaderId, request == null ? null : request.reason(), Actors.of(principal));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Release a message's legal hold (audited)")
    @DeleteMapping("/api/messages/{messageHeaderId}/hold")
    public ResponseEntity<Void> release(@PathVariable String messageHeaderId, Principal principal) {
        holds.release(messageHeaderId, Actors.of(principal));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Close a support case")
    @PostMapping("/api/cases/{id}/close")
    public SupportCases.SupportCase close(@PathVariable long id, @RequestBody(required = false) CloseRequest request,
                                          Principal principal) {
        return desk.closeCase(id, request == null ? null : request.note(), Actors.of(principal));
    }

    /** The audit log, newest first; {@code from}/{@code to} as for the message search. */
    @Operation(summary = "The audit log, newest first", description = "`from`/`to` as for the message search.")
    @GetMapping("/api/audit")
    public List<AuditLog.Entry> audit(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String actor, @RequestParam(required = false) Integer limit) {
        return audit.find(times.parse("from", from), times.parse("to", to), blankToNull(actor), limit(limit));
    }

    @ExceptionHandler(RefusedException.class)
    ResponseEntity<ProblemDetail> refused(RefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        return ResponseEntity.status(e.status()).body(problem);
    }

    /** Every id the receiver may be known by, so a search by SOR code also finds messages addressed by GLN. */
    private List<String> receiverIds(String receiver) {
        if (receiver == null) {
            return null;
        }
        Partner partner = directory.byCode(receiver).orElse(null);
        return Stream.concat(Stream.of(receiver), partner == null ? Stream.empty() : Stream.of(partner.id(), partner.sor(), partner.gln()))
                .filter(Objects::nonNull).distinct().toList();
    }

    private int limit(Integer limit) {
        if (limit == null) {
            return properties.searchLimit();
        }
        if (limit < 1) {
            throw RefusedException.badRequest("'limit' must be at least 1");
        }
        return Math.min(limit, properties.searchMaxLimit());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
