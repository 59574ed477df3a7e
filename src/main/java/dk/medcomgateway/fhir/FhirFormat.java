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

    /**
     * The format a client asks its answer in, by FHIR's HTTP rules: the {@code _format} parameter (json, xml or a
     * media type) overrides the Accept header; Accept's types are taken by their quality; null when neither names
     * FHIR JSON or XML (then the answer is in the request's own format).
     */
    public static FhirFormat requested(String formatParameter, String accept) {
        FhirFormat byParameter = formatParameter == null ? null : mediaTypeFormat(formatParameter.trim());
        if (byParameter != null) {
            return byParameter;
        }
        if (accept == null || accept.isBlank()) {
            return null;
        }
        FhirFormat best = null;
        double bestQuality = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            FhirFormat format = mediaTypeFormat(parts[0].trim());
            double quality = quality(parts);
            if (format != null && quality > bestQuality) {
                best = format;
                bestQuality = quality;
            }
        }
        return best;
    }

    /** json, xml, or a JSON or XML media type (application/fhir+json, application/json, text/xml, ...). */
    private static FhirFormat mediaTypeFormat(String value) {
        String type = value.toLowerCase(Locale.ROOT);
        if (type.equals("json") || type.equals("application/fhir+json") || type.equals("application/json") || type.equals("text/json")) {
            return JSON;
        }
        if (type.equals("xml") || type.equals("application/fhir+xml") || type.equals("application/xml") || type.equals("text/xml")) {
            return XML;
        }
        return null;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
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
