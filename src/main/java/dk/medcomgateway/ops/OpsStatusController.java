package dk.medcomgateway.ops;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operations page polls this for the state of the link. */
@RestController
public class OpsStatusController {

    private final OpsStatus status;

    public OpsStatusController(OpsStatus status) {
        this.status = status;
    }

    @GetMapping("/api/ops/status")
    public OpsStatus.Status status() {
        return status.now();
    }
}
