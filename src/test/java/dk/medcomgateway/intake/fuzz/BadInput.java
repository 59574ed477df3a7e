package dk.medcomgateway.intake.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One hostile or broken input: what kind it is (for the report), its content type (null: none),
 * its bytes, and whether the gateway may accept it after all (a good message under a sloppy
 * content type or charset may be read and accepted; anything else must be refused).
 */
public record BadInput(String kind, String contentType, byte[] body, boolean mayBeAccepted) {

    public BadInput(String kind, String contentType, byte[] body) {
        this(kind, contentType, body, false);
    }

    public static BadInput of(String kind, String contentType, String body) {
        return new BadInput(kind, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
