package dk.medcomgateway.escort.contract;

import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.security.GatewayUser;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;

/**
 * Who is calling the escort API, and for which organisations: a partner acts for the SOR codes
 * and GLNs in its {@code senders} (users.yaml); support reads every contract; admin may do all.
 */
record Caller(String name, boolean admin, boolean support, Set<String> codes) {

    static Caller of(Authentication authentication, Map<String, GatewayUser> users) {
        GatewayUser user = users.get(authentication.getName());
        boolean admin = has(authentication, "ROLE_admin");
        return new Caller(authentication.getName(), admin, admin || has(authentication, "ROLE_support"),
                user == null || user.senders() == null ? Set.of() : Set.copyOf(user.senders()));
    }

    private static boolean has(Authentication authentication, String role) {
        return authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role));
    }

    boolean actsFor(String code) {
        return admin || (code != null && codes.contains(code));
    }

    boolean actsFor(Partner partner) {
        return partner != null && (actsFor(partner.sor()) || actsFor(partner.gln()));
    }
}
