package dk.medcomgateway.validation;

import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * The validation the intake applies to a message: what the parser could not read, MedCom's message rules
 * (cheap, precise messages), then the standard's profiles, unless the sending partner is on
 * {@code validation: structural} in the partner directory; and then the validation policy, which decides
 * which findings reject the message and which are warnings. A sender not in the directory gets full
 * profile validation. The intake, {@code POST /fhir/$validate} and the {@code validate} command all come
 * here, so they give the same verdict.
 */
@Component
public class MessageValidation {

    private final MessageStructureCheck structure;
    private final ProfileValidator profiles;
    private final PartnerDirectory partners;
    private final ValidationPolicy policy;

    public MessageValidation(MessageStructureCheck structure, ProfileValidator profiles, PartnerDirectory partners,
                             ValidationPolicy policy) {
        this.structure = structure;
        this.profiles = profiles;
        this.partners = partners;
        this.policy = policy;
    }

    /** Errors and warnings of a message the parser read whole. */
    public List<ValidationIssue> check(Bundle bundle, byte[] body) {
        return check(bundle, body, List.of());
    }

    /**
     * Errors and warnings of a message, as the policy decides them.
     *
     * @param body       the received body, which the profile validator reads (see ProfileValidator#validate(Bundle, byte[]))
     * @param readIssues values the parser could not read (see dk.medcomgateway.fhir.FhirCodec#parseReporting)
     */
    public List<ValidationIssue> check(Bundle bundle, byte[] body, List<ValidationIssue> readIssues) {
        Optional<Partner> sender = partners.sender(bundle);
        List<ValidationIssue> findings = new ArrayList<>(readIssues);
        findings.addAll(structure.check(bundle));
        // A message that breaks the message rules is rejected on them; its profiles would only add noise.
        if (findings.stream().noneMatch(ValidationIssue::isError) && profilesApply(sender)) {
            findings.addAll(profiles.validate(bundle, body));
        }
        return policy.apply(findings, bundle, sender.map(Partner::id).orElse(null));
    }

    private static boolean profilesApply(Optional<Partner> sender) {
        return sender.map(Partner::validation).orElse(Partner.Validation.PROFILE) == Partner.Validation.PROFILE;
    }
}
