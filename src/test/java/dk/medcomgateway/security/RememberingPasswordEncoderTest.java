package dk.medcomgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

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
}
