package dk.medcomgateway.metrics;

import dk.medcomgateway.routing.PartnerDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which partners send which findings since the gateway started (the counters of
 * {@code gateway_validation_findings_total}): the list an operator reads before raising a warning to an error
 * for one partner in {@code config/validation.yaml}.
 */
@RestController
@Tag(name = "Ops: validation findings", description = "Which partners send which validation findings since the gateway started. Role: ops.")
public class ValidationFindingsController {

    /** @param messages how many messages from this sender had this finding with this severity */
    public record Finding(String sender, String senderName, String rule, String severity, long messages) {
    }

    private final MeterRegistry registry;
    private final PartnerDirectory directory;

    public ValidationFindingsController(MeterRegistry registry, PartnerDirectory directory) {
        this.registry = registry;
        this.directory = directory;
    }

    @Operation(summary = "Findings by sender, rule and severity, with how many messages had each")
    @GetMapping("/api/ops/validation-findings")
    public List<Finding> findings() {
        return registry.find(GatewayMetrics.VALIDATION_FINDINGS).counters().stream()
                .map(c -> new Finding(c.getId().getTag("sender"),
                        directory.byCode(c.getId().getTag("sender")).map(p -> p.name()).orElse(null),
                        c.getId().getTag("rule"), c.getId().getTag("severity"), (long) c.count()))
                .sorted(Comparator.comparing(Finding::sender).thenComparing(Finding::severity).thenComparing(Finding::rule))
                .toList();
    }
}
