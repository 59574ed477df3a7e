package dk.medcomgateway.validation;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** DOWN until every validation chain is built and warm: until then a message may wait seconds for its chain. */
@Component
public class ProfileValidatorHealthIndicator implements HealthIndicator {

    private final ProfileValidator validator;

    public ProfileValidatorHealthIndicator(ProfileValidator validator) {
        this.validator = validator;
    }

    @Override
    public Health health() {
        Health.Builder health = validator.isReady() ? Health.up() : Health.down();
        return health.withDetails(validator.chainStates()).build();
    }
}
