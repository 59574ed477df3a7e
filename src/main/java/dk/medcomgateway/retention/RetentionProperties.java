package dk.medcomgateway.retention;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the ledger keeps what ({@code config/retention.yaml}, {@code gateway.retention.*}): per message family
 * (a MedCom event code, or a legacy letter's type) how long bodies are kept and how long the rest of a message
 * (its row, trail, deliveries, acknowledgements) is kept; {@code others} for every family not named. A body
 * never outlives its message: a body period longer than the message's counts as the message's.
 *
 * @param every       how often a pruning run starts (once across the cluster)
 * @param batchSize   messages per transaction: small, so no lock is held long enough to stall the intake
 * @param batchPause  pause between batches, leaving the database to the intake
 * @param maxBatches  batches per run at most; what is left waits for the next run
 */
@ConfigurationProperties("gateway.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") Duration every,
        @DefaultValue("200") int batchSize,
        @DefaultValue("100ms") Duration batchPause,
        @DefaultValue("50") int maxBatches,
        @DefaultValue Period others,
        Map<String, Period> families,
        @DefaultValue Archive archive) {

    public RetentionProperties {
        families = families == null ? Map.of() : Map.copyOf(families);
    }

    /** How long bodies, and whole messages, are kept. */
    public record Period(@DefaultValue("365d") Duration bodies, @DefaultValue("3650d") Duration messages) {
    }

    /**
     * @param enabled   write each body to the archive before it is pruned
     * @param directory where (relative: under the data dir)
     */
    public record Archive(@DefaultValue("false") boolean enabled, @DefaultValue("archive") Path directory) {
    }

    public Period period(String family) {
        return families.getOrDefault(family, others);
    }
}
