package dk.medcomgateway.ops;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The staff pages: operations watch the link and handle outages, the support desk handles failed
 * messages and cases. The pages are shells; their scripts read and act through the JSON API.
 */
@Controller
public class StaffPages {

    /** Who is logged in and which pages they may open, for the header of every page. */
    @ModelAttribute
    public void staff(Authentication user, Model model) {
        model.addAttribute("user", user.getName());
        model.addAttribute("mayOps", has(user, "ROLE_ops"));
        model.addAttribute("maySupport", has(user, "ROLE_support"));
    }

    /** Each role lands on its page; someone who may open both (admin) chooses. */
    @GetMapping("/")
    public String home(Authentication user) {
        boolean ops = has(user, "ROLE_ops");
        boolean support = has(user, "ROLE_support");
        if (ops != support) {
            return ops ? "redirect:/ops" : "redirect:/support";
        }
        return "home";
    }

    @GetMapping("/ops")
    public String ops() {
        return "ops";
    }

    @GetMapping("/support")
    public String support() {
        return "support";
    }

    @GetMapping("/support/messages/{messageHeaderId}")
    public String trail(@PathVariable String messageHeaderId, Model model) {
        model.addAttribute("messageHeaderId", messageHeaderId);
        return "trail";
    }

    /** Admin holds the other staff roles through the role hierarchy, so it counts as having them. */
    private static boolean has(Authentication user, String role) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role) || a.getAuthority().equals("ROLE_admin"));
    }
}
