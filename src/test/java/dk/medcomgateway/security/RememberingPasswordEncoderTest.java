package dk.medcomgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class RememberingPasswordEncoderTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final RememberingPasswordEncoder encoder = new RememberingPasswordEncoder(bcrypt);

    @Test
    void rightPasswordMatchesAgainAndAgain() {
        String hash = bcrypt.encode("engine-demo");

        assertThat(encoder.matches("engine-demo", hash)).isTrue();
        assertThat(encoder.matches("engine-demo", hash)).isTrue();
    }

    @Test
    void wrongPasswordNeverMatchesEvenAfterTheRightOneWasRemembered() {
        String hash = bcrypt.encode("engine-demo");
        encoder.matches("engine-demo", hash);

        assertThat(encoder.matches("engine-demo ", hash)).isFalse();
        assertThat(encoder.matches("", hash)).isFalse();
    }

    @Test
    void rememberedPasswordDoesNotMatchAChangedHash() {
        encoder.matches("engine-demo", bcrypt.encode("engine-demo"));

        assertThat(encoder.matches("engine-demo", bcrypt.encode("new-secret"))).isFalse();
    }

    @Test
    void rightPasswordIsCheckedByBcryptOnceAndAWrongOneEveryTime() {
        AtomicInteger bcryptChecks = new AtomicInteger();
        RememberingPasswordEncoder counted = new RememberingPasswordEncoder(new BCryptPasswordEncoder(4) {
            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                bcryptChecks.incrementAndGet();
                return super.matches(rawPassword, encodedPassword);
            }
        });
        String hash = bcrypt.encode("engine-demo");
        for (int i = 0; i < 5; i++) {
            counted.matches("engine-demo", hash);
        }
        assertThat(bcryptChecks).hasValue(1);

        for (int i = 0; i < 5; i++) {
            counted.matches("guess", hash);
        }
        assertThat(bcryptChecks).hasValue(6);
    }

    @Test
    void sendersArrivingAtOnceWithTheSamePasswordShareOneBcryptCheck() throws Exception {
        Map<String, Integer> bcryptChecks = new ConcurrentHashMap<>();
        RememberingPasswordEncoder counted = new RememberingPasswordEncoder(new BCryptPasswordEncoder(4) {
            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                bcryptChecks.merge(rawPassword.toString(), 1, Integer::sum);
                try {
                    Thread.sleep(300); // as long as a cost-10 check takes, so that the other senders arrive meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.matches(rawPassword, encodedPassword);
            }
        });
        String hash = bcrypt.encode("engine-demo");
        int senders = 8;
        CyclicBarrier together = new CyclicBarrier(senders);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                String password = i % 2 == 0 ? "engine-demo" : "guess";
                answers.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return counted.matches(password, hash);
                }));
            }
            for (int i = 0; i < senders; i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).as("sender %d", i).isEqualTo(i % 2 == 0);
            }
        } finally {
            pool.shutdownNow();
        }
        // Four senders each with the right password, four with the same wrong one: without sharing, four checks each.
        assertThat(bcryptChecks).containsEntry("engine-demo", 1);
        assertThat(bcryptChecks.get("guess")).as("the same wrong guess, checked").isBetween(1, 3);
    }
}
