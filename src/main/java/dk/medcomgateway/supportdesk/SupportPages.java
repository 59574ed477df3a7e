package dk.medcomgateway.supportdesk;

import dk.medcomgateway.security.StaffHeader;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/** The support desk's pages: failed messages, cases and the failure report, and one message's trail. Shells over the JSON API. */
@Controller
public class SupportPages {

    @ModelAttribute
    public void staff(Authentication user, Model model) {
        StaffHeader.addTo(user, model);
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
}
