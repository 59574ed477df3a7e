package dk.medcomgateway.validation;

import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * The validation the intake applies to a message: MedCom's message rules first (cheap, precise
 * messages), then the standard's profiles, unless the sending partner is on {@code validation: structural}
 * in the partner directory. A sender not in the directory gets full profile validation.
 */
@Component
public class MessageValidation {

    private final MessageStructureCheck structure;
    private final ProfileValidator profiles;
    private final PartnerDirectory partners;

    public MessageValidation(MessageStructureCheck structure, ProfileValidator profiles, PartnerDirectory partners) {
        this.structure = structure;
        this.profiles = profiles;
        this.partners = partners;
    }

    /**
     * Errors and warnings of a message.
     *
     * @param body the received body, which the profile validator reads (see ProfileValidator#validate(Bundle, byte[]))
     */
    public List<ValidationIssue> check(Bundle bundle, byte[] body) {
        List<ValidationIssue> issues = new ArrayList<>(structure.check(bundle));
        if (issues.stream().noneMatch(ValidationIssue::isError) && profilesApply(bundle)) {
            issues.addAll(profiles.validate(bundle, body));
        }
        return issues;
    }

    private boolean profilesApply(Bundle bundle) {
        return partners.sender(bundle).map(Partner::validation).orElse(Partner.Validation.PROFILE) == Partner.Validation.PROFILE;
    }
}
