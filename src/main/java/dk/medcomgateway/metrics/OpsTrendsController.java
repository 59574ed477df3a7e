package dk.medcomgateway.metrics;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ops page's trend chart: the last hour of its figures, sampled by {@link TrendHistory}. */
@RestController
public class OpsTrendsController {

    private final TrendHistory history;

    public OpsTrendsController(TrendHistory history) {
        this.history = history;
    }

    @GetMapping("/api/ops/trends")
    public TrendHistory.Trends trends() {
        return history.trends();
    }
}
