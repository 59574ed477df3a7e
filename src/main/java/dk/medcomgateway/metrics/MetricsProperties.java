package dk.medcomgateway.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway's figures are gathered (config/gateway.yaml, {@code gateway.metrics.*}).
 *
 * @param queueCacheFor  how long the receivers' queue depths and open outages, read from the ledger, are reused,
 *                       so frequent Prometheus scrapes and page refreshes do not each query the database
 * @param rateSampleEvery how often the message counters are sampled for the page's messages-per-minute figures
 * @param rateWindow      the window those per-minute figures are counted over
 * @param reportRange     the failure report's range when no {@code from} is given: the week since the last support meeting
 * @param storageCacheFor how long the data dir's disk usage and the ledger's size are reused between reads
 * @param trendInterval   how often the ops page's trend chart is sampled ({@link TrendHistory}); it keeps the last hour
 */
@ConfigurationProperties("gateway.metrics")
public record MetricsProperties(
        @DefaultValue("5s") Duration queueCacheFor,
        @DefaultValue("5s") Duration rateSampleEvery,
        @DefaultValue("1m") Duration rateWindow,
        @DefaultValue("7d") Duration reportRange,
        @DefaultValue("1m") Duration storageCacheFor,
        @DefaultValue("15s") Duration trendInterval) {
}
