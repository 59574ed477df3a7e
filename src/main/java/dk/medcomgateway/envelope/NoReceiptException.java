package dk.medcomgateway.envelope;

/** An SBDH receiver did not confirm a transfer with a positive eDelivery receipt: the transfer failed. */
public class NoReceiptException extends RuntimeException {

    public NoReceiptException(String message) {
        super(message);
    }
}
