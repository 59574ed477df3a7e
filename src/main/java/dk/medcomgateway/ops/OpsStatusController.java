package dk.medcomgateway.ops;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operations page polls this for the state of the link. */
@RestController
@Tag(name = "Ops: status", description = "The state of the link, as the operations page shows it. Role: ops.")
public class OpsStatusController {

    private final OpsStatus status;

    public OpsStatusController(OpsStatus status) {
        this.status = status;
    }

    @Operation(summary = "Partners' state and queues, open outages, who is on duty and the last minute's traffic")
    @GetMapping("/api/ops/status")
    public OpsStatus.Status status() {
        return status.now();
    }
}
