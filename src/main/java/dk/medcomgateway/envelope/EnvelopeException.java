package dk.medcomgateway.envelope;

/**
 * An envelope the gateway cannot take, or one whose receiver refused it. {@code field} names what is
 * wrong (an SBDH scope such as MESSAGEIDENTIFIER, "Receiver", "BinaryContent", ...), so the negative
 * receipt tells the sender exactly which part to fix.
 */
public class EnvelopeException extends RuntimeException {

    /**
     * The ebBP exception a fault is reported as (ebbp-signals-2.0 ExceptionType): the receipt
     * exceptions for envelopes the gateway will not take, a general one for its own trouble.
     */
    public enum Fault {
        SYNTAX("ReceiptException", "Syntax"),
        AUTHORIZATION("ReceiptException", "Authorization"),
        TRANSIENT("GeneralException", "Transient");

        private final String exceptionType;
        private final String code;

        Fault(String exceptionType, String code) {
            this.exceptionType = exceptionType;
            this.code = code;
        }

        public String exceptionType() {
            return exceptionType;
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
