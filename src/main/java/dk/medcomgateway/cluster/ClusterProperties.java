package dk.medcomgateway.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the timers that must fire once across all gateway instances share their lock
 * ({@code gateway.cluster.*}, commented in config/gateway.yaml).
 *
 * @param holdShareOfPeriod the share of its timer's period a tick keeps the lock after it started, so
 *                          another instance's tick within the same period does nothing
 * @param maximumHold       how long a lock is held at most: an instance that dies holding it blocks
 *                          that timer no longer than this
 */
@ConfigurationProperties("gateway.cluster")
public record ClusterProperties(@DefaultValue("0.9") double holdShareOfPeriod,
                                @DefaultValue("10m") Duration maximumHold) {
}
