package dk.medcomgateway.fhir;

import java.util.Locale;

/** The two FHIR serialisations the gateway speaks; a message is answered and forwarded in the one it came in. */
public enum FhirFormat {
    JSON("application/fhir+json"),
    XML("application/fhir+xml");

    private final String mediaType;

    FhirFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Picks the format from a Content-Type header; null when it names neither JSON nor XML. */
    public static FhirFormat fromContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return JSON;
        }
        if (type.contains("xml")) {
            return XML;
        }
        return null;
    }

    /** Whether a stored Content-Type is one of the two FHIR media types (legacy letters are stored as application/edifact or application/xml). */
    public static boolean isFhirMediaType(String contentType) {
        return contentType != null && (contentType.startsWith(JSON.mediaType) || contentType.startsWith(XML.mediaType));
    }

    /** Guesses the format from the first non-blank byte, for file drops and JMS messages without a content type. */
    public static FhirFormat sniff(byte[] body) {
        for (byte b : body) {
            if (b == '{') {
                return JSON;
            }
            if (b == '<') {
                return XML;
            }
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return null;
            }
        }
        return null;
    }
}
