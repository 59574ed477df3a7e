package dk.medcomgateway.config;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's one source of "now", so that anything depending on the time of day (who is on
 * duty, when a report is handled) can be tested with a fixed clock instead of the system's.
 */
@Configuration
public class ClockConfiguration {

    /** Danish local time: the procedures the gateway follows are written in it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(ZoneId.of("Europe/Copenhagen"));
    }
}
