package dk.medcomgateway.ops;

import dk.medcomgateway.security.StaffHeader;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The staff pages' front door and the operations page, where operations watch the link and handle outages (the
 * support desk's pages are in supportdesk/). The pages are shells; their scripts read and act through the JSON API.
 */
@Controller
public class StaffPages {

    @ModelAttribute
    public void staff(Authentication user, Model model) {
        StaffHeader.addTo(user, model);
    }

    /** Each role lands on its page; someone who may open both (admin) chooses. */
    @GetMapping("/")
    public String home(Authentication user) {
        boolean ops = StaffHeader.has(user, "ROLE_ops");
        boolean support = StaffHeader.has(user, "ROLE_support");
        if (ops != support) {
            return ops ? "redirect:/ops" : "redirect:/support";
        }
        return "home";
    }

    @GetMapping("/ops")
    public String ops() {
        return "ops";
    }
}
