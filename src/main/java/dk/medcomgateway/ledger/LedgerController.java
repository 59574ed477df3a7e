package dk.medcomgateway.ledger;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Read access to the ledger: a message's trail, and the open support cases. */
@RestController
public class LedgerController {

    private final MessageTrail trails;
    private final SupportCases cases;

    public LedgerController(MessageTrail trails, SupportCases cases) {
        this.trails = trails;
        this.cases = cases;
    }

    @GetMapping("/api/messages/{messageHeaderId}")
    public ResponseEntity<MessageTrail.Trail> trail(@PathVariable String messageHeaderId) {
        return ResponseEntity.of(trails.find(messageHeaderId));
    }

    @GetMapping("/api/cases")
    public List<SupportCases.SupportCase> openCases() {
        return cases.open();
    }
}
