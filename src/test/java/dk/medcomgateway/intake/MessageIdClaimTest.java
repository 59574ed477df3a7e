package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

/** Which keys a failed exchange gives back, at once or on the sender's retry. */
class MessageIdClaimTest {

    private final MemoryIdempotentRepository store = started(new MemoryIdempotentRepository());
    private final MessageIdClaim claim = new MessageIdClaim(store);

    @Test
    void an_owner_gives_its_key_back_at_once() {
        store.add("owned");
        Exchange owner = exchange();
        MessageIdClaim.taken(owner);

        claim.release(owner, "owned");

        assertThat(store.contains("owned")).isFalse();
    }

    @Test
    void a_key_the_store_kept_although_taking_it_failed_is_given_back_on_the_retry() {
        // The store's commit failed as the database closed, but the key was written.
        store.add("kept");
        claim.release(exchange(), "kept");
        assertThat(store.contains("kept")).as("not the exchange's to remove at once").isTrue();

        claim.giveBackStranded("kept");

        assertThat(store.contains("kept")).isFalse();
    }

    @Test
    void a_copy_that_lost_the_race_never_gives_back_the_winners_key() {
        store.add("winner");
        Exchange loser = exchange();
        loser.setProperty(Exchange.DUPLICATE_MESSAGE, true);

        claim.release(loser, "winner");
        claim.giveBackStranded("winner");

        assertThat(store.contains("winner")).isTrue();
    }

    @Test
    void an_exchange_that_failed_before_it_knew_a_key_changes_nothing() {
        store.add("other");
        claim.release(exchange(), null);
        claim.giveBackStranded("other");

        assertThat(store.contains("other")).isTrue();
    }

    private static MemoryIdempotentRepository started(MemoryIdempotentRepository repository) {
        repository.start();
        return repository;
    }

    private static Exchange exchange() {
        return new DefaultExchange(new DefaultCamelContext());
    }
}
