package dk.medcomgateway.supportdesk;

import dk.medcomgateway.delivery.Dispatcher;
import dk.medcomgateway.delivery.ResendCopies;
import dk.medcomgateway.ledger.DeliveryLedger.DeliveryRow;
import dk.medcomgateway.ledger.DeliveryLedger.Dispatch;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.ledger.SupportCases;
import dk.medcomgateway.message.StoredMessage;
import dk.medcomgateway.privacy.CprMask;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the support desk does to a message or case: resend a failed message (to its receiver or
 * a corrected one), discard it with a reason, close a case with a note. Each action and its
 * audit entry commit together; a refused action changes nothing and is not audited. New copies
 * are queued, and dealt-with copies taken off their dead-letter queue, only once that has committed.
 * Reasons and notes are free text: a CPR number typed into one is masked before it is stored.
 */
@Service
public class SupportDesk {

    private static final Logger log = LoggerFactory.getLogger(SupportDesk.class);

    /** A copy put on a receiver's queue. */
    public record Copy(String receiver, String bundleId) {
    }

    public record Resent(String messageHeaderId, String actor, List<Copy> copies, int casesClosed, int removedFromDeadLetterQueue) {
        Resent withRemoved(int removed) {
            return new Resent(messageHeaderId, actor, copies, casesClosed, removed);
        }
    }

    public record Discarded(String messageHeaderId, String actor, List<String> receivers, int casesClosed,
                            int removedFromDeadLetterQueue) {
        Discarded withRemoved(int removed) {
            return new Discarded(messageHeaderId, actor, receivers, casesClosed, removed);
        }
    }

    private record DeadLetter(String partnerId, String dispatchId) {
    }

    /** What a committed action leaves to do on the broker. */
    private record Done<T>(T result, List<Dispatch> toQueue, List<DeadLetter> toRemove) {
    }

    private final MessageLedger messages;
    private final DeliveryLedger deliveries;
    private final SupportCases cases;
    private final PartnerDirectory directory;
    private final ResendCopies copies;
    private final Dispatcher dispatcher;
    private final DeadLetterQueues deadLetterQueues;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    public SupportDesk(MessageLedger messages, DeliveryLedger deliveries, SupportCases cases, PartnerDirectory directory,
                       ResendCopies copies, Dispatcher dispatcher, DeadLetterQueues deadLetterQueues, AuditLog audit,
                       PlatformTransactionManager transactionManager) {
        this.messages = messages;
        this.deliveries = deliveries;
        this.cases = cases;
        this.directory = directory;
        this.copies = copies;
        this.dispatcher = dispatcher;
        this.deadLetterQueues = deadLetterQueues;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Sends a failed message again with a new Bundle.id and the same MessageHeader.id: to each
     * receiver whose delivery failed, or, given a corrected receiver, to that one instead (the
     * failed deliveries to the others are then marked REDIRECTED).
     */
    public Resent resend(String messageHeaderId, String receiver, String reasonText, String actor) {
        String reason = CprMask.mask(blankToNull(reasonText));
        Done<Resent> done = transaction.execute(status -> {
            StoredMessage message = message(messageHeaderId);
            if (message.payload() == null) {
                throw RefusedException.conflict("Body pruned", "The body of message " + messageHeaderId
                        + " was pruned by retention; it cannot be resent (an archived copy: GET /api/messages/" + messageHeaderId + "/payload)");
            }
            Optional<Partner> corrected = Optional.ofNullable(blankToNull(receiver)).map(this::partner);
            List<DeliveryRow> rows = deliveries.deliveriesOf(message.id());
            List<DeliveryRow> failed = failedOrRefuse(message, rows, "resent");
            String why = "by support (" + actor + ")" + (reason == null ? "" : ": " + reason);
            List<Dispatch> queued = new ArrayList<>();
            List<DeadLetter> dead = new ArrayList<>();
            if (corrected.isEmpty()) {
                for (DeliveryRow row : failed) {
                    resendDelivery(message, row, why, queued, dead);
                }
            } else {
                String target = corrected.get().id();
                Optional<DeliveryRow> existing = rows.stream().filter(r -> r.partnerId().equals(target)).findFirst();
                if (existing.isPresent() && !DeliveryLedger.failed(existing.get())) {
                    throw RefusedException.conflict("Receiver already has the message", "Message " + messageHeaderId
                            + " is already " + existing.get().status() + " for " + target + "; nothing to resend");
                }
                for (DeliveryRow row : failed) {
                    if (!row.partnerId().equals(target) && deliveries.claimFailed(row.id(), "REDIRECTED")) {
                        dead.addAll(deadLetters(row, "SUPERSEDED"));
                        messages.event(message.id(), row.partnerId(), "redirected", "to corrected receiver " + target + " " + why);
                    }
                }
                if (existing.isPresent()) {
                    resendDelivery(message, existing.get(), why, queued, dead);
                } else {
                    ResendCopies.Copy copy = copies.of(message);
                    queued.add(deliveries.addDelivery(message, target, copy.bundleId(), copy.payload(),
                            "to corrected receiver " + corrected.get().name() + " " + why));
                }
            }
            if (queued.isEmpty()) {
                throw alreadyHandled(messageHeaderId);
            }
            messages.setStatus(message.id(), "RESENT");
            Set<String> handled = failed.stream().map(DeliveryRow::partnerId).collect(Collectors.toSet());
            queued.forEach(d -> handled.add(d.partnerId()));
            int closed = closeCases(message.id(), handled, actor, "resent " + why);
            audit.record(actor, "resend", "message " + messageHeaderId + corrected.map(p -> " to " + p.id()).orElse(""), reason);
            List<Copy> sent = queued.stream().map(d -> new Copy(d.partnerId(), d.bundleId())).toList();
            return new Done<>(new Resent(messageHeaderId, actor, sent, closed, 0), queued, dead);
        });
        done.toQueue().forEach(dispatcher::enqueueQuietly);
        return done.result().withRemoved(removed(done.toRemove()));
    }

    /** Gives up a failed message: its failed deliveries become DISCARDED and its open cases are closed with the reason. */
    public Discarded discard(String messageHeaderId, String reasonText, String actor) {
        String reason = CprMask.mask(blankToNull(reasonText));
        if (reason == null) {
            throw RefusedException.badRequest("A discard needs a reason: {\"reason\": \"...\"}");
        }
        Done<Discarded> done = transaction.execute(status -> {
            StoredMessage message = message(messageHeaderId);
            List<DeliveryRow> failed = failedOrRefuse(message, deliveries.deliveriesOf(message.id()), "discarded");
            String why = "by support (" + actor + "): " + reason;
            List<String> receivers = new ArrayList<>();
            List<DeadLetter> dead = new ArrayList<>();
            for (DeliveryRow row : failed) {
                if (deliveries.claimFailed(row.id(), "DISCARDED")) {
                    dead.addAll(deadLetters(row, "DISCARDED"));
                    messages.event(message.id(), row.partnerId(), "discarded", why);
                    receivers.add(row.partnerId());
                }
            }
            if (receivers.isEmpty()) {
                throw alreadyHandled(messageHeaderId);
            }
            messages.setStatus(message.id(), "DISCARDED");
            int closed = closeCases(message.id(), null, actor, "discarded: " + reason);
            audit.record(actor, "discard", "message " + messageHeaderId, reason);
            return new Done<>(new Discarded(messageHeaderId, actor, receivers, closed, 0), List.of(), dead);
        });
        return done.result().withRemoved(removed(done.toRemove()));
    }

    public SupportCases.SupportCase closeCase(long caseId, String noteText, String actor) {
        String note = CprMask.mask(blankToNull(noteText));
        if (note == null) {
            throw RefusedException.badRequest("Closing a case needs a note: {\"note\": \"...\"}");
        }
        return transaction.execute(status -> {
            SupportCases.SupportCase supportCase = cases.find(caseId)
                    .orElseThrow(() -> RefusedException.notFound("No support case " + caseId));
            if (!cases.close(supportCase, actor, note)) {
                throw RefusedException.conflict("Case already closed", "Support case " + caseId + " is already closed");
            }
            audit.record(actor, "close-case", "case " + caseId + (supportCase.messageId() == null ? ""
                    : " of message " + messages.message(supportCase.messageId()).map(StoredMessage::messageHeaderId).orElse("?")), note);
            return cases.find(caseId).orElseThrow();
        });
    }

    private StoredMessage message(String messageHeaderId) {
        return messages.idOf(messageHeaderId).flatMap(messages::message)
                .orElseThrow(() -> RefusedException.notFound("No message with MessageHeader.id " + messageHeaderId));
    }

    private Partner partner(String sorOrGln) {
        return directory.byCode(sorOrGln)
                .orElseThrow(() -> RefusedException.badRequest("No partner with SOR code or GLN " + sorOrGln + " in the partner directory"));
    }

    private static List<DeliveryRow> failedOrRefuse(StoredMessage message, List<DeliveryRow> rows, String action) {
        List<DeliveryRow> failed = rows.stream().filter(DeliveryLedger::failed).toList();
        if (failed.isEmpty()) {
            String states = rows.isEmpty() ? "it has no deliveries"
                    : rows.stream().map(r -> r.partnerId() + " " + r.status()).collect(Collectors.joining(", "));
            throw RefusedException.conflict("Message not in a state to be " + action, "Message " + message.messageHeaderId()
                    + " can only be " + action + " when a delivery is " + String.join(", ", DeliveryLedger.FAILED) + " (" + states + ")");
        }
        return failed;
    }

    private static RefusedException alreadyHandled(String messageHeaderId) {
        return RefusedException.conflict("Message already handled",
                "Someone else acted on message " + messageHeaderId + " at the same moment; reload it");
    }

    private void resendDelivery(StoredMessage message, DeliveryRow row, String why, List<Dispatch> queued,
                                List<DeadLetter> dead) {
        if (deliveries.claimFailed(row.id(), "QUEUED")) {
            dead.addAll(deadLetters(row, "SUPERSEDED"));
            ResendCopies.Copy copy = copies.of(message);
            queued.add(deliveries.resend(row.id(), copy.bundleId(), copy.payload(), why));
        }
    }

    private List<DeadLetter> deadLetters(DeliveryRow row, String dispatchStatus) {
        return deliveries.retireDeadLetters(row.id(), dispatchStatus).stream().map(id -> new DeadLetter(row.partnerId(), id)).toList();
    }

    /** Closes the message's open cases, all of them or those about the given receivers (and the message as a whole). */
    private int closeCases(long messageId, Collection<String> partners, String actor, String note) {
        int closed = 0;
        for (SupportCases.SupportCase supportCase : cases.openOf(messageId)) {
            if ((partners == null || supportCase.partnerId() == null || partners.contains(supportCase.partnerId()))
                    && cases.close(supportCase, actor, note)) {
                closed++;
            }
        }
        return closed;
    }

    private int removed(List<DeadLetter> deadLetters) {
        int removed = 0;
        for (DeadLetter deadLetter : deadLetters) {
            if (deadLetterQueues.remove(deadLetter.partnerId(), deadLetter.dispatchId())) {
                removed++;
            }
        }
        if (removed < deadLetters.size()) {
            log.info("{} of {} dead-lettered copies were not on their dead-letter queue", deadLetters.size() - removed, deadLetters.size());
        }
        return removed;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
