package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

/** Which keys a failed exchange gives back, at once or on the sender's retry. */
class MessageIdClaimTest {

    private final MemoryIdempotentRepository store = started(new MemoryIdempotentRepository());
    private final Set<String> earlierRun = new HashSet<>();
    private final MessageIdClaim claim = new MessageIdClaim(store, earlierRun::contains);

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

        claim.giveBackUnanswered("kept");

        assertThat(store.contains("kept")).isFalse();
    }

    @Test
    void a_copy_that_lost_the_race_never_gives_back_the_winners_key() {
        store.add("winner");
        Exchange loser = exchange();
        loser.setProperty(Exchange.DUPLICATE_MESSAGE, true);

        claim.release(loser, "winner");
        claim.giveBackUnanswered("winner");

        assertThat(store.contains("winner")).isTrue();
    }

    @Test
    void an_exchange_that_failed_before_it_knew_a_key_changes_nothing() {
        store.add("other");
        claim.release(exchange(), null);
        claim.giveBackUnanswered("other");

        assertThat(store.contains("other")).isTrue();
    }

    @Test
    void a_key_an_earlier_run_took_and_never_answered_is_given_back_on_the_retry() {
        store.add("left");
        earlierRun.add("left");
        store.add("in-flight");

        claim.giveBackUnanswered("left");
        claim.giveBackUnanswered("in-flight");

        assertThat(store.contains("left")).isFalse();
        assertThat(store.contains("in-flight")).as("taken by this run: still being processed").isTrue();
    }

    @Test
    void a_stranded_key_whose_give_back_fails_is_given_back_on_a_later_retry() {
        AtomicBoolean storeDown = new AtomicBoolean(true);
        MemoryIdempotentRepository flaky = started(new MemoryIdempotentRepository() {
            @Override
            public boolean remove(String key) {
                if (storeDown.get()) {
                    throw new IllegalStateException("store down");
                }
                return super.remove(key);
            }
        });
        MessageIdClaim flakyClaim = new MessageIdClaim(flaky, key -> false);
        flaky.add("kept");
        flakyClaim.release(exchange(), "kept");

        assertThatThrownBy(() -> flakyClaim.giveBackUnanswered("kept")).hasMessage("store down");
        storeDown.set(false);
        flakyClaim.giveBackUnanswered("kept");

        assertThat(flaky.contains("kept")).isFalse();
    }

    private static MemoryIdempotentRepository started(MemoryIdempotentRepository repository) {
        repository.start();
        return repository;
    }

    private static Exchange exchange() {
        return new DefaultExchange(new DefaultCamelContext());
    }
}
