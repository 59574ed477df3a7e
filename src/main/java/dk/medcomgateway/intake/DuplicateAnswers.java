package dk.medcomgateway.intake;

import dk.medcomgateway.ledger.MessageLedger;
import org.springframework.stereotype.Component;

/**
 * The stored answer to a key already taken (MedCom MR8: a MessageHeader.id already answered gets the same answer).
 * The first copy may still be in flight (two senders racing, or a retry while the first attempt is being stored):
 * it waits a little for that answer rather than guess.
 */
@Component
public class DuplicateAnswers {

    private final MessageLedger ledger;
    private final MessageIdClaim messageIds;
    private final Replies replies;

    public DuplicateAnswers(MessageLedger ledger, MessageIdClaim messageIds, Replies replies) {
        this.ledger = ledger;
        this.messageIds = messageIds;
        this.replies = replies;
    }

    public MessageLedger.StoredAck awaitStoredAck(String key) {
        long deadline = System.currentTimeMillis() + replies.duplicateWaitMs();
        while (true) {
            var stored = ledger.storedAck(key);
            if (stored.isPresent()) {
                return stored.get();
            }
            if (System.currentTimeMillis() > deadline) {
                messageIds.giveBackUnanswered(key);
                throw new IllegalStateException("Message " + key + " is still being processed; send it again later");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + key, e);
            }
        }
    }
}
