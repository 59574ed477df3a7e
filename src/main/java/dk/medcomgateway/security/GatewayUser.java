package dk.medcomgateway.security;

import java.util.List;
import java.util.Set;

/**
 * A user of config/users.yaml.
 *
 * @param senders for a partner: the SOR codes and GLNs it may send messages as
 */
public record GatewayUser(String username, String password, Set<Role> roles, List<String> senders) {

    public enum Role { partner, support, ops, admin }
}
