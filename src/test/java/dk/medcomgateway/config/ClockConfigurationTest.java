package dk.medcomgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ClockConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ClockConfiguration.class);

    @Test
    void the_gateway_clock_is_the_system_clock_in_copenhagen_time() {
        context.run(beans -> assertThat(beans.getBean(Clock.class).getZone())
                .isEqualTo(ZoneId.of("Europe/Copenhagen")));
    }

    @Test
    void a_clock_defined_elsewhere_replaces_the_system_clock() {
        Clock fixed = Clock.fixed(Instant.parse("2026-03-05T22:10:00Z"), ZoneOffset.UTC);

        context.withBean(Clock.class, () -> fixed)
                .run(beans -> assertThat(beans).getBean(Clock.class).isSameAs(fixed));
    }
}
