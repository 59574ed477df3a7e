package dk.medcomgateway.supportdesk;

import java.security.Principal;

/** Who is acting: the authenticated user, or "anonymous" while the API is open. */
final class Actors {

    static final String ANONYMOUS = "anonymous";

    private Actors() {
    }

    static String of(Principal principal) {
        return principal == null || principal.getName() == null || principal.getName().isBlank() ? ANONYMOUS : principal.getName();
    }
}
