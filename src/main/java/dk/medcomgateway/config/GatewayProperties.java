package dk.medcomgateway.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything an operator may tune, bound from {@code gateway.*}. The defaults of the rules
 * (retry budgets, acknowledgement timeouts) live in {@code config/gateway.yaml}, packaged in the jar
 * and overridden by the config dir's; the values here are only the fall-backs where that file is
 * not read (the validate command).
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("config/partners.yaml") Path partnersFile,
        @DefaultValue("config/validation.yaml") Path validationPolicyFile,
        @DefaultValue Intake intake,
        @DefaultValue Delivery delivery,
        @DefaultValue Acknowledgement acknowledgement,
        @DefaultValue Privacy privacy,
        @DefaultValue Broker broker) {

    /** Limits on what the gateway takes in. */
    public record Intake(@DefaultValue("20MB") DataSize maxBodySize,
                         @DefaultValue("5000") long duplicateWaitMs,
                         @DefaultValue("1000") int maxBundleEntries,
                         @DefaultValue("30s") Duration answerWithin) {
    }

    /** Retry budget for delivery to one receiver before a message goes to that receiver's dead-letter queue. */
    public record Delivery(@DefaultValue("6") int maximumRedeliveries,
                           @DefaultValue("2000") long redeliveryDelayMs,
                           @DefaultValue("2.0") double backOffMultiplier,
                           @DefaultValue("300000") long maximumRedeliveryDelayMs,
                           @DefaultValue("10000") int connectTimeoutMs,
                           @DefaultValue("60000") int responseTimeoutMs,
                           @DefaultValue("30000") long requeueAfterMs,
                           @DefaultValue("4") int consumersPerReceiver) {
    }

    /** When a delivered message counts as unanswered, and how often it is sent again. */
    public record Acknowledgement(@DefaultValue("1800000") long timeoutMs,
                                  @DefaultValue("2") int maxResends,
                                  @DefaultValue("60000") long checkIntervalMs) {
    }

    /**
     * The embedded Artemis broker: how often it is checked for having stopped, its journal's file size, and
     * how long its journal gathers writes before one sync.
     */
    public record Broker(@DefaultValue("2s") Duration restartCheck,
                         @DefaultValue("10MB") DataSize journalFileSize,
                         @DefaultValue("500us") Duration journalBufferTimeout) {
    }

    /** Key for the keyed hash of CPR numbers; generated under the data dir when not given. */
    public record Privacy(String cprHashKey) {
    }
}
