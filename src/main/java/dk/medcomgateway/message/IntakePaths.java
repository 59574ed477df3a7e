package dk.medcomgateway.message;

/** The HTTP paths partner systems post messages to: FHIR messaging, legacy letters, and the SBDH and VANS network envelopes. */
public final class IntakePaths {

    private IntakePaths() {
    }

    public static boolean isMessageIntake(String path) {
        return path.startsWith("/fhir/") || path.equals("/edi") || isEnvelopeIntake(path);
    }

    public static boolean isEnvelopeIntake(String path) {
        return path.equals("/sbdh") || path.equals("/vans");
    }
}
