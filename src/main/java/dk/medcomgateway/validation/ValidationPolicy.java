package dk.medcomgateway.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.ValidationIssue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Provenance;

/**
 * Which findings reject a message ({@code fatal-error}) and which are only warnings: MedCom's rule that a
 * receiver must reject what breaks a standard's mandatory constraints and must accept warnings, written down
 * in {@code config/validation.yaml}. A finding is matched by its rule (the HL7 validator's message id, or the
 * gateway's own rule name), never by its text; a rule may apply only where it is harmless to relax it
 * ({@link Scope}). A finding no rule names keeps the validator's severity. Per partner, named rules can be
 * raised to errors again, for a sender whose messages are known to be clean.
 * <p>
 * The gateway's own message rules (sender, receivers, patient, MessageHeader, Provenance, the readable
 * datatypes) protect routing and the patient: a policy that would relax one of them is refused at start.
 */
public final class ValidationPolicy {

    /** Rules a policy may not relax: the gateway's message rules (MEDCOM_*) and values the parser cannot read. */
    static boolean isProtected(String rule) {
        return rule != null && (rule.startsWith("MEDCOM_") || rule.startsWith("FHIR_"));
    }

    public enum Severity {
        @JsonProperty("error") ERROR("error"),
        @JsonProperty("warning") WARNING("warning");

        private final String code;

        Severity(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Where in the message a rule applies. */
    public enum Scope {
        /** Wherever the finding is. */
        @JsonProperty("anywhere") ANYWHERE,
        /**
         * In a Provenance entry that records an earlier step of the conversation: one whose target is not
         * this message's MessageHeader. Routing reads the MessageHeader, never these.
         */
        @JsonProperty("provenance-history") PROVENANCE_HISTORY,
        /**
         * On a meta.profile claim. The gateway validates every message against its standard's message
         * profile whatever it claims, so an extra claim it cannot resolve changes nothing it checks.
         */
        @JsonProperty("meta-profile") META_PROFILE,
        /**
         * In a message whose only repeated fullUrls are Provenance entries' (a sender that gave its own
         * Provenance the id of an earlier one). Every other entry, the ones routing and the patient depend
         * on, is still unique.
         */
        @JsonProperty("duplicate-provenance") DUPLICATE_PROVENANCE
    }

    /**
     * @param id       the rule: the HL7 validator's message id (org.hl7.fhir.utilities.i18n.I18nConstants) or an
     *                 invariant's id (source#key), as the validator reports it
     * @param severity what a finding of it does to the message
     * @param where    where it applies (anywhere when not given)
     * @param reason   why, for whoever reads the policy
     * @param source   the authority for it: MedCom governance, an IG, the FHIR specification, MedCom's tests
     */
    public record Rule(String id, Severity severity, Scope where, String reason, String source) {
        public Rule {
            where = where == null ? Scope.ANYWHERE : where;
        }
    }

    /**
     * Rules raised to errors for the messages of one sending partner.
     *
     * @param partner the partner's id in the partner directory (its SOR code, or its GLN)
     */
    public record PartnerRules(String partner, List<String> errors, String reason) {
    }

    record File(List<Rule> rules, List<PartnerRules> partners) {
    }

    private static final Pattern ENTRY = Pattern.compile("^Bundle\\.entry\\[(\\d+)]");
    private static final Pattern META_PROFILE = Pattern.compile("\\.meta\\.profile(\\[\\d+])?$");

    private final List<Rule> rules;
    private final Map<String, List<Rule>> byId = new HashMap<>();
    private final Map<String, Set<String>> raisedByPartner = new HashMap<>();

    public ValidationPolicy(List<Rule> rules, List<PartnerRules> partners) {
        this.rules = List.copyOf(rules == null ? List.of() : rules);
        for (Rule rule : this.rules) {
            if (rule.id() == null || rule.id().isBlank() || rule.severity() == null) {
                throw new IllegalStateException("A validation policy rule needs an id and a severity: " + rule);
            }
            if (rule.severity() == Severity.WARNING && isProtected(rule.id())) {
                throw new IllegalStateException("The validation policy may not relax " + rule.id()
                        + ": the gateway's message rules protect routing and the patient");
            }
            byId.computeIfAbsent(rule.id(), id -> new ArrayList<>()).add(rule);
        }
        for (PartnerRules partner : partners == null ? List.<PartnerRules>of() : partners) {
            if (partner.partner() == null || partner.errors() == null) {
                throw new IllegalStateException("A partner entry of the validation policy needs a partner and its errors: " + partner);
            }
            raisedByPartner.computeIfAbsent(partner.partner(), p -> new HashSet<>()).addAll(partner.errors());
        }
    }

    /** A policy that changes nothing: every finding keeps the validator's severity. */
    public static ValidationPolicy validatorSeverities() {
        return new ValidationPolicy(List.of(), List.of());
    }

    public static ValidationPolicy load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the validation policy " + file + ": " + e.getMessage(), e);
        }
    }

    public static ValidationPolicy read(InputStream yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        File file = mapper.readValue(yaml, File.class);
        return file == null ? validatorSeverities() : new ValidationPolicy(file.rules(), file.partners());
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * The findings with the severity this policy gives them. Information is passed through unchanged.
     *
     * @param senderPartnerId the sending partner's id in the directory, or null when the sender is not a partner
     */
    public List<ValidationIssue> apply(List<ValidationIssue> findings, Bundle bundle, String senderPartnerId) {
        Set<String> raised = senderPartnerId == null ? Set.of() : raisedByPartner.getOrDefault(senderPartnerId, Set.of());
        List<ValidationIssue> decided = new ArrayList<>(findings.size());
        for (ValidationIssue finding : findings) {
            ValidationIssue issue = decide(finding, bundle, raised);
            // MedCom's acknowledgement error codes name why a message was refused: a warning carries none.
            decided.add("warning".equals(issue.severity()) && issue.errorCode() != null
                    ? new ValidationIssue(issue.severity(), null, issue.location(), issue.text(), issue.rule()) : issue);
        }
        return decided;
    }

    private ValidationIssue decide(ValidationIssue finding, Bundle bundle, Set<String> raised) {
        if (!"error".equals(finding.severity()) && !"warning".equals(finding.severity())) {
            return finding;
        }
        if (finding.rule() != null && raised.contains(finding.rule())) {
            return finding.withSeverity(Severity.ERROR.code());
        }
        for (Rule rule : byId.getOrDefault(finding.rule(), List.of())) {
            if (applies(rule.where(), finding, bundle)) {
                return finding.withSeverity(rule.severity().code());
            }
        }
        return finding;
    }

    private static boolean applies(Scope scope, ValidationIssue finding, Bundle bundle) {
        return switch (scope) {
            case ANYWHERE -> true;
            case META_PROFILE -> finding.location() != null && META_PROFILE.matcher(finding.location()).find();
            case PROVENANCE_HISTORY -> isProvenanceHistory(finding.location(), bundle);
            case DUPLICATE_PROVENANCE -> onlyProvenancesRepeat(bundle);
        };
    }

    /** Some fullUrl occurs more than once, and every entry whose fullUrl is repeated is a Provenance. */
    static boolean onlyProvenancesRepeat(Bundle bundle) {
        if (bundle == null) {
            return false;
        }
        Map<String, List<Bundle.BundleEntryComponent>> byFullUrl = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.hasFullUrl()) {
                byFullUrl.computeIfAbsent(entry.getFullUrl(), url -> new ArrayList<>()).add(entry);
            }
        }
        List<Bundle.BundleEntryComponent> repeated = byFullUrl.values().stream().filter(entries -> entries.size() > 1)
                .flatMap(List::stream).toList();
        return !repeated.isEmpty() && repeated.stream().allMatch(entry -> entry.getResource() instanceof Provenance);
    }

    /** The finding is inside a Provenance entry whose target is not this message's MessageHeader. */
    static boolean isProvenanceHistory(String location, Bundle bundle) {
        if (location == null || bundle == null) {
            return false;
        }
        Matcher entry = ENTRY.matcher(location);
        if (!entry.find()) {
            return false;
        }
        int index = Integer.parseInt(entry.group(1));
        if (index >= bundle.getEntry().size() || !(bundle.getEntry().get(index).getResource() instanceof Provenance provenance)) {
            return false;
        }
        MessageHeader header = MessageBundles.header(bundle);
        String headerId = header == null ? null : header.getIdElement().getIdPart();
        return headerId == null || provenance.getTarget().stream()
                .noneMatch(target -> target.getReference() != null && target.getReference().endsWith("MessageHeader/" + headerId));
    }
}
