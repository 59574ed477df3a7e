package dk.medcomgateway.metrics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ops page's trend chart: the last hour of its figures, sampled by {@link TrendHistory}. */
@RestController
@Tag(name = "Ops: figures", description = "The operations page's figures, from the same meters as /actuator/prometheus. Role: ops.")
public class OpsTrendsController {

    private final TrendHistory history;

    public OpsTrendsController(TrendHistory history) {
        this.history = history;
    }

    @Operation(summary = "The last hour, sampled: messages in, out and refused per minute, and each receiver's queue depth")
    @GetMapping("/api/ops/trends")
    public TrendHistory.Trends trends() {
        return history.trends();
    }
}
