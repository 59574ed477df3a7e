package dk.medcomgateway.supportdesk;

import dk.medcomgateway.ledger.LedgerPruning;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.privacy.CprMask;
import org.springframework.stereotype.Component;

/**
 * Legal holds: a message under hold is kept, body and all, by retention until support releases it. Each hold
 * and release is in the message's trail and the audit log.
 */
@Component
public class LegalHolds {

    private final LedgerPruning pruning;
    private final MessageLedger messages;
    private final AuditLog audit;

    public LegalHolds(LedgerPruning pruning, MessageLedger messages, AuditLog audit) {
        this.pruning = pruning;
        this.messages = messages;
        this.audit = audit;
    }

    public void hold(String messageHeaderId, String reasonText, String actor) {
        String reason = CprMask.mask(reasonText == null || reasonText.isBlank() ? null : reasonText.trim());
        if (reason == null) {
            throw RefusedException.badRequest("A legal hold needs a reason: {\"reason\": \"...\"}");
        }
        change(messageHeaderId, reason, "held by " + actor + ": " + reason);
        audit.record(actor, "hold", "message " + messageHeaderId, reason);
    }

    public void release(String messageHeaderId, String actor) {
        change(messageHeaderId, null, "released by " + actor);
        audit.record(actor, "release-hold", "message " + messageHeaderId, null);
    }

    private void change(String messageHeaderId, String reason, String step) {
        long id = messages.idOf(messageHeaderId)
                .orElseThrow(() -> RefusedException.notFound("No message with MessageHeader.id " + messageHeaderId));
        pruning.hold(messageHeaderId, reason);
        messages.event(id, null, "legal-hold", step);
    }
}
