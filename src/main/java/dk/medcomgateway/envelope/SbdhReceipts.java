package dk.medcomgateway.envelope;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The eDelivery receipts the gateway is waiting for, by the id of the envelope they answer. A
 * receipt may come back in the receiver's HTTP response or be posted later to /sbdh; the delivery
 * waits here for the latter, at most the configured receipt timeout. A wait nobody collects (the
 * hand-over failed before the wait began) is dropped once twice that timeout has passed (twice: the
 * wait itself begins only after the HTTP hand-over).
 */
@Component
public class SbdhReceipts {

    private static final Logger log = LoggerFactory.getLogger(SbdhReceipts.class);

    private record Waiting(CompletableFuture<SbdhCodec.Receipt> receipt, long expiresAtMillis) {
    }

    private final Map<String, Waiting> pending = new ConcurrentHashMap<>();
    private final long timeoutMs;

    public SbdhReceipts(EnvelopeProperties properties) {
        this.timeoutMs = properties.sbdhReceiptTimeoutMs();
    }

    /** Registered before the envelope is sent, so a receipt that overtakes the HTTP response is not missed. */
    public void expect(String envelopeId) {
        long now = System.currentTimeMillis();
        pending.values().removeIf(waiting -> waiting.expiresAtMillis() < now);
        pending.put(envelopeId, new Waiting(new CompletableFuture<>(), now + 2 * timeoutMs));
    }

    /** A receipt arrived; returns false when no delivery waits for it (late, or not ours). */
    public boolean arrived(SbdhCodec.Receipt receipt) {
        Waiting waiting = receipt.originalEnvelopeId() == null ? null : pending.get(receipt.originalEnvelopeId());
        if (waiting == null) {
            log.warn("Receipt for envelope {} (message {}) arrived with no delivery waiting for it", receipt.originalEnvelopeId(),
                    receipt.originalMessageId());
            return false;
        }
        return waiting.receipt().complete(receipt);
    }

    /** The receipt, or a failure once the timeout has passed without one. */
    public SbdhCodec.Receipt await(String envelopeId) {
        Waiting waiting = pending.get(envelopeId);
        if (waiting == null) {
            throw new IllegalStateException("No receipt expected for envelope " + envelopeId);
        }
        try {
            return waiting.receipt().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NoReceiptException("no eDelivery receipt for envelope " + envelopeId + " within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoReceiptException("interrupted while waiting for the receipt of envelope " + envelopeId);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pending.remove(envelopeId);
        }
    }

    /** Settles a wait that an answer in the HTTP response made unnecessary. */
    public void settled(String envelopeId) {
        pending.remove(envelopeId);
    }
}
