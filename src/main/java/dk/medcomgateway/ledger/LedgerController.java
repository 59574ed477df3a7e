package dk.medcomgateway.ledger;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read access to the ledger: a message's trail, and the support cases (open ones unless asked otherwise). */
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
    public List<SupportCases.SupportCase> cases(@RequestParam(defaultValue = "open") String status) {
        try {
            return cases.list(SupportCases.Filter.valueOf(status.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be open, closed or all");
        }
    }
}
