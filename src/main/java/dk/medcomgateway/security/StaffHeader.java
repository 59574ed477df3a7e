package dk.medcomgateway.security;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;

/** The header every staff page shows: who is logged in, and which pages they may open. */
public final class StaffHeader {

    private StaffHeader() {
    }

    public static void addTo(Authentication user, Model model) {
        model.addAttribute("user", user.getName());
        model.addAttribute("mayOps", has(user, "ROLE_ops"));
        model.addAttribute("maySupport", has(user, "ROLE_support"));
    }

    /** Admin holds the other staff roles through the role hierarchy, so it counts as having them. */
    public static boolean has(Authentication user, String role) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role) || a.getAuthority().equals("ROLE_admin"));
    }
}
