package dk.medcomgateway.validation;

import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.privacy.CprMask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A message's findings in one line for its trail: each rule once, with how often and its first occurrence. */
public final class ValidationSummary {

    private ValidationSummary() {
    }

    public static String of(List<ValidationIssue> findings) {
        Map<String, List<ValidationIssue>> byRule = findings.stream()
                .collect(Collectors.groupingBy(f -> f.rule() == null ? "(unnamed)" : f.rule(), LinkedHashMap::new, Collectors.toList()));
        String text = byRule.entrySet().stream().map(rule -> {
            ValidationIssue first = rule.getValue().get(0);
            return rule.getKey() + (rule.getValue().size() > 1 ? " x" + rule.getValue().size() : "")
                    + (first.location() == null ? "" : " at " + first.location()) + ": " + first.text();
        }).collect(Collectors.joining("; "));
        // A validator's text may quote a value of the message.
        return findings.size() + " " + findings.get(0).severity() + (findings.size() == 1 ? "" : "s") + ": " + CprMask.mask(text);
    }
}
