package dk.medcomgateway.ledger;

import dk.medcomgateway.security.GatewayUser;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Read access to the ledger: a message's trail, and the open support cases. */
@RestController
public class LedgerController {

    private final MessageTrail trails;
    private final SupportCases cases;
    private final Map<String, GatewayUser> users;

    public LedgerController(MessageTrail trails, SupportCases cases, Map<String, GatewayUser> gatewayUsers) {
        this.trails = trails;
        this.cases = cases;
        this.users = gatewayUsers;
    }

    /** A partner system sees only the trails of messages it sent; to it, others do not exist. */
    @GetMapping("/api/messages/{messageHeaderId}")
    public ResponseEntity<MessageTrail.Trail> trail(@PathVariable String messageHeaderId, Authentication caller) {
        return ResponseEntity.of(trails.find(messageHeaderId).filter(trail -> mayRead(caller, trail)));
    }

    private boolean mayRead(Authentication caller, MessageTrail.Trail trail) {
        boolean staff = caller.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_support")
                || a.getAuthority().equals("ROLE_admin"));
        if (staff) {
            return true;
        }
        GatewayUser user = users.get(caller.getName());
        return user != null && user.senders() != null && user.senders().contains(trail.sender());
    }

    @GetMapping("/api/cases")
    public List<SupportCases.SupportCase> openCases() {
        return cases.open();
    }
}
