package dk.medcomgateway.outage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outage procedure's figures (config/outage.yaml). Defaults are those of the regional
 * procedure in the domain description.
 *
 * @param broadcastThreshold downtime above which an outage is broadcast to distribution lists
 * @param statusInterval     how long after a broadcast the next status notice is promised
 * @param minimumNotice      how long before its start a planned outage over the threshold must be reported
 * @param drainRatePerSecond how many held messages a receiver is sent per second when it is back
 * @param watchIntervalMs    how often scheduled starts, due statuses and detected outages are checked
 */
@ConfigurationProperties("gateway.outage")
public record OutageProperties(
        @DefaultValue("2h") Duration broadcastThreshold,
        @DefaultValue("1h") Duration statusInterval,
        @DefaultValue("0s") Duration minimumNotice,
        @DefaultValue("10") int drainRatePerSecond,
        @DefaultValue("15000") long watchIntervalMs,
        @DefaultValue Detection detection) {

    /**
     * When a failing receiver counts as down: after {@code consecutiveFailures} failed deliveries in
     * a row, or when it has failed for {@code failingFor}; while down it is probed every {@code probeInterval}.
     */
    public record Detection(@DefaultValue("5") int consecutiveFailures,
                            @DefaultValue("10m") Duration failingFor,
                            @DefaultValue("60s") Duration probeInterval) {
    }
}
