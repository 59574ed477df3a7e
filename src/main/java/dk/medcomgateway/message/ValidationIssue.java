package dk.medcomgateway.message;

/**
 * One problem found in an incoming message.
 *
 * @param severity  "error", "warning" or "information" (FHIR IssueSeverity codes)
 * @param errorCode MedCom acknowledgement error code (CodeSystem medcom-acknowledgement-error-codes),
 *                  e.g. MSG_Receiver_Identifier_UNKNOWN; null when none fits
 * @param location  FHIRPath-ish location in the message, or null
 * @param text      human-readable description for the sender's support desk
 * @param rule      the rule that found it: the HL7 validator's message id (e.g. BUNDLE_ENTRY_URL_ABSOLUTE),
 *                  or the gateway's own rule name (e.g. MEDCOM_PROVENANCE_MISSING); null when none is named
 */
public record ValidationIssue(String severity, String errorCode, String location, String text, String rule) {

    public ValidationIssue(String severity, String errorCode, String location, String text) {
        this(severity, errorCode, location, text, null);
    }

    public static ValidationIssue error(String errorCode, String location, String text) {
        return new ValidationIssue("error", errorCode, location, text, null);
    }

    public static ValidationIssue error(String rule, String errorCode, String location, String text) {
        return new ValidationIssue("error", errorCode, location, text, rule);
    }

    public boolean isError() {
        return "error".equals(severity) || "fatal".equals(severity);
    }

    /** The same finding with another severity (a policy's decision). */
    public ValidationIssue withSeverity(String newSeverity) {
        return new ValidationIssue(newSeverity, errorCode, location, text, rule);
    }
}
