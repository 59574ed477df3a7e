package dk.medcomgateway.intake.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One hostile or broken input: what kind it is (for the report), its content type (null: none),
 * its bytes, whether the gateway may accept it after all (a flip that left a valid message, a good
 * message under a sloppy content type or charset), and whether its bytes are a good message whose
 * only fault is its content type: a channel with no content type (file drop, JMS) must accept it.
 */
public record BadInput(String kind, String contentType, byte[] body, boolean mayBeAccepted, boolean goodBody) {

    public BadInput(String kind, String contentType, byte[] body, boolean mayBeAccepted) {
        this(kind, contentType, body, mayBeAccepted, false);
    }

    public BadInput(String kind, String contentType, byte[] body) {
        this(kind, contentType, body, false);
    }

    public static BadInput of(String kind, String contentType, String body) {
        return new BadInput(kind, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A good message sent under a wrong or missing content type. */
    public static BadInput goodBodyUnder(String contentType, byte[] body) {
        return new BadInput("wrong content type", contentType, body, true, true);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
