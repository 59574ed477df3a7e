package dk.medcomgateway.validation;

/**
 * One problem found in an incoming message.
 *
 * @param severity  "error", "warning" or "information" (FHIR IssueSeverity codes)
 * @param errorCode MedCom acknowledgement error code (CodeSystem medcom-acknowledgement-error-codes),
 *                  e.g. MSG_Receiver_Identifier_UNKNOWN; null when none fits
 * @param location  FHIRPath-ish location in the message, or null
 * @param text      human-readable description for the sender's support desk
 */
public record ValidationIssue(String severity, String errorCode, String location, String text) {

    public static ValidationIssue error(String errorCode, String location, String text) {
        return new ValidationIssue("error", errorCode, location, text);
    }

    public boolean isError() {
        return "error".equals(severity) || "fatal".equals(severity);
    }
}
