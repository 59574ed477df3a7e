package dk.medcomgateway.legacy;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.delivery.Dispatcher;
import dk.medcomgateway.intake.IntakeContext;
import dk.medcomgateway.intake.IntakePipeline;
import dk.medcomgateway.intake.SenderCheck;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.AlreadyAnsweredException;
import dk.medcomgateway.message.MessageRejectedException;
import dk.medcomgateway.message.RefusedMessageException;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.privacy.CprMask;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the letter pipeline answers when a letter cannot be taken (the handlers of the
 * {@code letter-errors} route configuration). A letter that cannot be read gets HTTP 400 and a
 * negative receipt (XCTL02) naming the fault. A letter read and recorded but refused (unknown
 * receiver) gets its negative receipt stored, so a resend is answered the same. Either receipt
 * also goes back to the sender when it is a partner the caller may speak for.
 */
@Component("letterFailures")
public class LetterFailures implements IntakePipeline.Failures {

    private static final Logger log = LoggerFactory.getLogger(LetterFailures.class);

    private final Receipts receipts;
    private final MessageLedger ledger;
    private final LetterSteps steps;
    private final SenderCheck senders;
    private final Dispatcher dispatcher;
    private final TransactionTemplate transaction;

    public LetterFailures(Receipts receipts, MessageLedger ledger, LetterSteps steps, SenderCheck senders, Dispatcher dispatcher,
                          TransactionTemplate transaction) {
        this.receipts = receipts;
        this.ledger = ledger;
        this.steps = steps;
        this.senders = senders;
        this.dispatcher = dispatcher;
        this.transaction = transaction;
    }

    /** A letter that cannot be taken as it is: a negative receipt naming the fault (any other rejection: not specified). */
    @Override
    public void rejected(Exchange exchange) {
        MessageRejectedException rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, MessageRejectedException.class);
        LetterFault fault = rejection instanceof LetterFault letterFault ? letterFault
                : new LetterFault(LetterFault.NOT_SPECIFIED, rejection.getMessage(), LetterSteps.letter(exchange));
        IntakeContext<Letter> context = IntakeContext.of(exchange);
        String reason = CprMask.mask(fault.getMessage());
        Letter partial = fault.partial();
        // A letter the duplicate check let through is recorded with its negative receipt; one not read that far is refused.
        boolean recorded = context != null && context.unanswered();
        // A receipt goes back to a sender only when the caller may speak for it: no negative receipts to spoofed senders.
        boolean toSender = partial != null && partial.senderEan() != null && senders.allows(Set.of(partial.senderEan()),
                exchange.getMessage().getHeader(SenderCheck.ALLOWED_SENDERS_HEADER, String.class));
        Letter receipt = receipts.negative(partial, recorded && !LetterFault.UNKNOWN_LOCATION.equals(fault.refuseCode()),
                fault.refuseCode(), reason);
        List<DeliveryLedger.Dispatch> copies;
        try {
            copies = transaction.execute(tx -> {
                long id = recorded ? steps.record(exchange) : refused(exchange, partial, reason);
                if (recorded) {
                    ledger.reject(id, receipt.contentType(), receipt.body(),
                            List.of(ValidationIssue.error(fault.refuseCode(), null, reason)));
                }
                return toSender ? steps.queueBack(id, receipt) : List.<DeliveryLedger.Dispatch>of();
            });
        } catch (AlreadyAnsweredException anotherCopy) {
            steps.duplicate(exchange);
            return;
        }
        copies.forEach(dispatcher::enqueueQuietly);
        log.warn("Letter via {} {}: {}", LetterSteps.channel(exchange), recorded ? "rejected" : "unreadable", reason);
        LetterReplies.receipt(exchange, recorded ? 200 : 400, receipt.body(), receipt.contentType(), AckCode.FATAL_ERROR.code());
    }

    private long refused(Exchange exchange, Letter partial, String reason) {
        return ledger.recordRefused(LetterSteps.channel(exchange), partial == null ? null : partial.contentType(),
                (partial == null || partial.envelopeId() == null ? "" : partial.type() + " " + partial.key() + ": ") + reason);
    }

    @Override
    public void refused(Exchange exchange) {
        RefusedMessageException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RefusedMessageException.class);
        log.warn("Letter via {} refused: {}", LetterSteps.channel(exchange), e.getMessage());
        try {
            ledger.recordRefused(LetterSteps.channel(exchange), exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class),
                    e.getMessage());
        } catch (RuntimeException ledgerDown) {
            log.warn("Could not record the refused letter in the ledger: {}", ledgerDown.getMessage());
        }
        LetterReplies.text(exchange, e.httpStatus(), e.getMessage(), "unreadable");
    }

    /** The gateway's own trouble: 503; nothing of the letter was recorded, so the sender's retry is processed afresh. */
    @Override
    public void transientError(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Letter letter = LetterSteps.letter(exchange);
        log.warn("Could not take letter {} right now: {}", letter == null ? "(unread)" : letter, CprMask.mask(String.valueOf(e)));
        LetterReplies.text(exchange, 503, "The gateway cannot take the letter right now; send it again later",
                AckCode.TRANSIENT_ERROR.code());
    }
}
