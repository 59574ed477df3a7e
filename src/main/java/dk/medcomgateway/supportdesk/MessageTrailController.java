package dk.medcomgateway.supportdesk;

import dk.medcomgateway.ledger.BodyArchive;
import dk.medcomgateway.ledger.LedgerPruning;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.StoredMessage;
import dk.medcomgateway.security.GatewayUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A message's trail, its payload and its acknowledgements, as the ledger holds them (or the archive, once pruned). */
@RestController
@Tag(name = "Message trail", description = "A message's trail, payload and acknowledgements. "
        + "A message's trail: support, or the partner system that sent it; the rest: support.")
public class MessageTrailController {

    private final MessageTrail trails;
    private final MessageLedger messages;
    private final Map<String, GatewayUser> users;

    private final LedgerPruning pruning;
    private final BodyArchive archive;

    public MessageTrailController(MessageTrail trails, MessageLedger messages, Map<String, GatewayUser> gatewayUsers,
                            LedgerPruning pruning, BodyArchive archive) {
        this.trails = trails;
        this.pruning = pruning;
        this.archive = archive;
        this.messages = messages;
        this.users = gatewayUsers;
    }

    /**
     * A partner system sees only the trails of messages it sent; to it, others do not exist. A message retention
     * has pruned answers 410 Gone saying when.
     */
    @Operation(summary = "A message's trail: its status, deliveries and steps",
            description = "To a partner system, messages it did not send do not exist (404). A message retention has pruned: 410 with the date.",
            responses = {@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MessageTrail.Trail.class))),
                    @ApiResponse(responseCode = "410", description = "Pruned by retention",
                            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))})
    @GetMapping("/api/messages/{messageHeaderId}")
    public ResponseEntity<?> trail(@PathVariable String messageHeaderId, Authentication caller) {
        Optional<MessageTrail.Trail> trail = trails.find(messageHeaderId);
        if (trail.isPresent()) {
            return ResponseEntity.of(trail.filter(t -> mayRead(caller, t.sender())));
        }
        return pruning.tombstone(messageHeaderId).filter(t -> mayRead(caller, t.sender()))
                .<ResponseEntity<?>>map(t -> ResponseEntity.status(HttpStatus.GONE).body(gone(t)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private static ProblemDetail gone(LedgerPruning.Tombstone tombstone) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, "Message " + tombstone.messageHeaderId()
                + " (" + tombstone.eventCode() + ", received " + tombstone.receivedAt() + ") was pruned on " + tombstone.prunedAt()
                + " by retention; its body was pruned on " + tombstone.bodyPrunedAt());
        problem.setTitle("Pruned");
        problem.setProperty("prunedAt", tombstone.prunedAt());
        problem.setProperty("bodyPrunedAt", tombstone.bodyPrunedAt());
        return problem;
    }

    /**
     * The message as received, byte for byte, in its own content type (support only: it names the patient); once
     * retention has pruned it, from the archive if it was archived, else 410 Gone saying when it was pruned.
     */
    @Operation(summary = "The message as received, byte for byte, in its own content type",
            responses = {@ApiResponse(responseCode = "200", description = "The message (FHIR JSON or XML, or a legacy letter), from the archive once pruned",
                    content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary"))),
                    @ApiResponse(responseCode = "410", description = "Pruned by retention and not archived",
                            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))})
    @GetMapping("/api/messages/{messageHeaderId}/payload")
    public ResponseEntity<?> payload(@PathVariable String messageHeaderId) {
        Optional<StoredMessage> stored = messages.idOf(messageHeaderId).flatMap(messages::message);
        if (stored.isPresent() && stored.get().payload() != null) {
            return body(stored.get().contentType(), stored.get().payload());
        }
        Optional<LedgerPruning.Archived> archived = pruning.archived(messageHeaderId);
        Optional<byte[]> fromArchive = archived.flatMap(archive::read);
        if (fromArchive.isPresent()) {
            return body(archived.get().contentType(), fromArchive.get());
        }
        Optional<java.time.OffsetDateTime> prunedAt = stored.isPresent() ? pruning.bodyPrunedAt(messageHeaderId)
                : pruning.tombstone(messageHeaderId).map(LedgerPruning.Tombstone::prunedAt);
        return prunedAt.<ResponseEntity<?>>map(at -> ResponseEntity.status(HttpStatus.GONE).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.GONE, "The body of message " + messageHeaderId + " was pruned on " + at + " by retention"
                                + (archived.isPresent() ? "; its archive file " + archived.get().file() + " is not there" : " and not archived"))))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private static ResponseEntity<byte[]> body(String contentType, byte[] payload) {
        return ResponseEntity.ok().contentType(contentType == null ? MediaType.APPLICATION_OCTET_STREAM
                : MediaType.parseMediaType(contentType)).body(payload);
    }

    private boolean mayRead(Authentication caller, String sender) {
        boolean staff = caller.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_support")
                || a.getAuthority().equals("ROLE_admin"));
        if (staff) {
            return true;
        }
        GatewayUser user = users.get(caller.getName());
        return user != null && user.senders() != null && user.senders().contains(sender);
    }

    /** The acknowledgement documents of a message: the one sent to its sender, then each receiver's. Support only. */
    @Operation(summary = "The acknowledgements of a message: the one sent to its sender, then each receiver's")
    @GetMapping("/api/messages/{messageHeaderId}/acks")
    public List<MessageLedger.AckDocument> acks(@PathVariable String messageHeaderId) {
        return messages.ackDocuments(messageHeaderId);
    }
}
