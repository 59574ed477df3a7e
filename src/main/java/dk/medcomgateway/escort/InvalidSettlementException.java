package dk.medcomgateway.escort;

/** A settlement request that cannot be priced, e.g. one that ends before it starts. */
public class InvalidSettlementException extends RuntimeException {

    public InvalidSettlementException(String message) {
        super(message);
    }
}
