package dk.medcomgateway.supportdesk;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the support desk API ({@code gateway.support.*}, commented in config/gateway.yaml).
 *
 * @param searchLimit                 how many messages or audit entries a listing answers when no limit is asked for
 * @param searchMaxLimit              the most a listing answers, whatever is asked for
 * @param deadLetterReceiveTimeoutMs  how long to wait for a dead-lettered copy when taking it off its dead-letter queue
 */
@ConfigurationProperties("gateway.support")
public record SupportDeskProperties(@DefaultValue("100") int searchLimit,
                                    @DefaultValue("1000") int searchMaxLimit,
                                    @DefaultValue("2000") long deadLetterReceiveTimeoutMs) {
}
