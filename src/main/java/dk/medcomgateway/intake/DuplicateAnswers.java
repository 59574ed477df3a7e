package dk.medcomgateway.intake;

import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.AlreadyAnsweredException;
import org.springframework.stereotype.Component;

/**
 * MedCom MR8: a MessageHeader.id (or letter key) already answered gets the same answer. The ledger is the duplicate
 * store: a key is recorded in the transaction that stores its answer. A copy that races another finds the key taken
 * while that transaction is still open: it waits a little for the answer rather than guess.
 */
@Component
public class DuplicateAnswers {

    private final MessageLedger ledger;
    private final Replies replies;

    public DuplicateAnswers(MessageLedger ledger, Replies replies) {
        this.ledger = ledger;
        this.replies = replies;
    }

    /** Throws {@link AlreadyAnsweredException} when the ledger has answered the context's key; else notes that it has not. */
    public void checkUnanswered(IntakeContext<?> context) {
        if (ledger.answered(context.getKey())) {
            throw new AlreadyAnsweredException(context.getKey());
        }
        context.foundUnanswered();
    }

    public MessageLedger.StoredAck awaitStoredAck(String key) {
        long deadline = System.currentTimeMillis() + replies.duplicateWaitMs();
        while (true) {
            var stored = ledger.storedAck(key);
            if (stored.isPresent()) {
                return stored.get();
            }
            if (System.currentTimeMillis() > deadline) {
                // The racing copy's transaction did not commit (a transient error): the sender's retry is taken afresh.
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
