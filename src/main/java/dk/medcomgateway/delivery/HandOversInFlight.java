package dk.medcomgateway.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * The copies this process is handing over right now. The broker can give a copy's queue message to a second consumer
 * while the first still hands it over: when the first consumer's session is closed under it (the broker stopping on a
 * critical I/O error, a fail-over), the broker puts the unacknowledged message back, and another consumer of the
 * receiver's queue takes it at once. That second exchange waits here until the first has ended, and then finds the copy
 * handed over in the ledger instead of handing it over again.
 */
@Component
class HandOversInFlight {

    private static final String CLAIMED = "gatewayHandOverClaimed";

    private final ConcurrentMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    /**
     * Waits until no other exchange of this process is handing the copy over, then holds it for this exchange until the
     * exchange is done (handed over, failed, dead-lettered or rolled back).
     */
    void claim(String dispatchId, Exchange exchange) {
        if (exchange.getProperty(CLAIMED, String.class) != null) {
            return; // this exchange asks again (a redelivery of its step): it holds its copy already
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> other;
        while ((other = inFlight.putIfAbsent(dispatchId, mine)) != null) {
            // As long as the other exchange takes, its retries included: this happens only when the broker gave one
            // copy to two consumers, and this consumer would otherwise hand the copy over again.
            other.join();
        }
        exchange.setProperty(CLAIMED, dispatchId);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                inFlight.remove(dispatchId, mine);
                mine.complete(null);
            }
        });
    }

    /** How many copies are being handed over (for tests). */
    int size() {
        return inFlight.size();
    }
}
