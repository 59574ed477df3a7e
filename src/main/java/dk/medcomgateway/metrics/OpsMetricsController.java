package dk.medcomgateway.metrics;

import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ops page's figures, read from the same meter registry that {@code /actuator/prometheus}
 * exports, so the page and the metrics never disagree.
 */
@RestController
@Tag(name = "Ops: figures", description = "The operations page's figures, from the same meters as /actuator/prometheus. Role: ops.")
public class OpsMetricsController {

    /** One receiver's backlog and throughput. */
    public record ReceiverFigures(String id, String name, double queueDepth, double oldestAgeSeconds, double deliveredPerMinute) {
    }

    public record Figures(Instant at, double messagesInPerMinute, double messagesOutPerMinute, double openOutages,
                          List<ReceiverFigures> receivers) {
    }

    private final MeterRegistry registry;
    private final PartnerDirectory directory;
    private final MessageRates rates;

    public OpsMetricsController(MeterRegistry registry, PartnerDirectory directory, MessageRates rates) {
        this.registry = registry;
        this.directory = directory;
        this.rates = rates;
    }

    @Operation(summary = "Messages in and out per minute, open outages, and each receiver's backlog and throughput")
    @GetMapping("/api/ops/metrics")
    public Figures figures() {
        List<ReceiverFigures> receivers = directory.all().stream().map(this::receiver).toList();
        return new Figures(Instant.now(), rates.inPerMinute(), rates.outPerMinute(),
                gauge(registry.find(GatewayMetrics.OUTAGES_OPEN).gauge()), receivers);
    }

    private ReceiverFigures receiver(Partner partner) {
        return new ReceiverFigures(partner.id(), partner.name(),
                gauge(registry.find(GatewayMetrics.QUEUE_DEPTH).tag("receiver", partner.id()).gauge()),
                gauge(registry.find(GatewayMetrics.QUEUE_OLDEST_AGE).tag("receiver", partner.id()).gauge()),
                rates.outPerMinute(partner.id()));
    }

    private static double gauge(Gauge gauge) {
        return gauge == null ? 0 : gauge.value();
    }
}
