package dk.medcomgateway.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Histogram buckets for Spring's {@code http_server_requests_seconds}, so the intake's p50/p95/p99
 * ({@code uri="/fhir/$process-message"}, {@code /edi}, {@code /sbdh}, {@code /vans}) can be computed in Prometheus
 * with {@code histogram_quantile}. A fixed, short list of buckets for every path alike: Prometheus's client
 * cannot export one name as a histogram for some paths and a summary for others, and Micrometer's full
 * bucket set would add some 70 series per path.
 */
@Configuration(proxyBeanMethods = false)
public class HttpServerHistogram {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    /** Up to the intake's answer deadline (30 s by default) and beyond. */
    static final double[] BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    @Bean
    MeterFilter httpServerHistogramFilter() {
        double[] bucketsNanos = Arrays.stream(BUCKETS_SECONDS).map(s -> Duration.ofMillis(Math.round(s * 1000)).toNanos()).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(bucketsNanos).build().merge(config);
            }
        };
    }
}
