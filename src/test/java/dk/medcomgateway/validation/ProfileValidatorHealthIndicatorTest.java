package dk.medcomgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.support.BesideTheGatewayTests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

@BesideTheGatewayTests
class ProfileValidatorHealthIndicatorTest {

    @Test
    void healthIsDownWhileTheChainsWarmUpAndUpWhenAllAreReady() {
        // A validator of its own, so that it is seen cold; building it takes seconds.
        ProfileValidator validator = new ProfileValidator(new FhirCodec());
        ProfileValidatorHealthIndicator indicator = new ProfileValidatorHealthIndicator(validator);

        Health cold = indicator.health();
        assertThat(cold.getStatus()).isEqualTo(Status.DOWN);
        assertThat(cold.getDetails()).containsValue("warming up");

        ProfileValidatorTest.awaitReady(validator);
        Health warm = indicator.health();
        assertThat(warm.getStatus()).isEqualTo(Status.UP);
        assertThat(warm.getDetails()).hasSize(MedComStandard.values().length).containsOnlyKeys(
                "HospitalNotification 3.0.2", "Acknowledgement 2.0.3", "CareCommunication 5.0.2", "Messaging 4.0.2");
        assertThat(warm.getDetails().values()).containsOnly("ready");
    }
}
