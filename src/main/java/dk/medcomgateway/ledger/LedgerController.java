package dk.medcomgateway.ledger;

import dk.medcomgateway.security.GatewayUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read access to the ledger: a message's trail, and the support cases (open ones unless asked otherwise). */
@RestController
@Tag(name = "Ledger", description = "A message's trail, payload and acknowledgements, and the support cases. "
        + "A message's trail: support, or the partner system that sent it; the rest: support.")
public class LedgerController {

    private final MessageTrail trails;
    private final SupportCases cases;
    private final MessageLedger messages;
    private final Map<String, GatewayUser> users;

    public LedgerController(MessageTrail trails, SupportCases cases, MessageLedger messages, Map<String, GatewayUser> gatewayUsers) {
        this.trails = trails;
        this.cases = cases;
        this.messages = messages;
        this.users = gatewayUsers;
    }

    /** A partner system sees only the trails of messages it sent; to it, others do not exist. */
    @Operation(summary = "A message's trail: its status, deliveries and steps",
            description = "To a partner system, messages it did not send do not exist (404).")
    @GetMapping("/api/messages/{messageHeaderId}")
    public ResponseEntity<MessageTrail.Trail> trail(@PathVariable String messageHeaderId, Authentication caller) {
        return ResponseEntity.of(trails.find(messageHeaderId).filter(trail -> mayRead(caller, trail)));
    }

    /** The message as received, byte for byte, in its own content type (support only: it names the patient). */
    @Operation(summary = "The message as received, byte for byte, in its own content type",
            responses = @ApiResponse(responseCode = "200", description = "The message (FHIR JSON or XML, or a legacy letter)",
                    content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary"))))
    @GetMapping("/api/messages/{messageHeaderId}/payload")
    public ResponseEntity<byte[]> payload(@PathVariable String messageHeaderId) {
        return messages.idOf(messageHeaderId).flatMap(messages::message).filter(m -> m.payload() != null)
                .map(m -> ResponseEntity.ok().contentType(m.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM
                        : MediaType.parseMediaType(m.contentType())).body(m.payload()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private boolean mayRead(Authentication caller, MessageTrail.Trail trail) {
        boolean staff = caller.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_support")
                || a.getAuthority().equals("ROLE_admin"));
        if (staff) {
            return true;
        }
        GatewayUser user = users.get(caller.getName());
        return user != null && user.senders() != null && user.senders().contains(trail.sender());
    }

    /** The acknowledgement documents of a message: the one sent to its sender, then each receiver's. Support only. */
    @Operation(summary = "The acknowledgements of a message: the one sent to its sender, then each receiver's")
    @GetMapping("/api/messages/{messageHeaderId}/acks")
    public List<MessageLedger.AckDocument> acks(@PathVariable String messageHeaderId) {
        return messages.ackDocuments(messageHeaderId);
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
}
