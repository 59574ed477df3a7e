package dk.medcomgateway.envelope;

/**
 * An envelope the gateway cannot take, or one whose receiver refused it. {@code field} names what is
 * wrong (an SBDH scope such as MESSAGEIDENTIFIER, "Receiver", "BinaryContent", ...), so the negative
 * receipt tells the sender exactly which part to fix.
 */
public class EnvelopeException extends RuntimeException {

    /** The ebBP receipt exception types (ebbp-signals-2.0: ReceiptException). */
    public enum Fault { SYNTAX("Syntax"), AUTHORIZATION("Authorization");

        private final String code;

        Fault(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Fault fault;
    private final String field;

    public EnvelopeException(Fault fault, String field, String message) {
        super(message);
        this.fault = fault;
        this.field = field;
    }

    public Fault fault() {
        return fault;
    }

    public String field() {
        return field;
    }
}
