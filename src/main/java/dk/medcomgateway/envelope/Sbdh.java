package dk.medcomgateway.envelope;

import java.util.Map;

/**
 * An SBDH envelope as read: the header fields the gateway checks and the decoded BinaryContent.
 * {@code scopes} maps each BusinessScope Type to its InstanceIdentifier (trimmed; MedCom's samples
 * wrap some values in line breaks).
 */
public record Sbdh(String sender, String receiver, String standard, String typeVersion, String instanceIdentifier,
                   String type, String creationDateAndTime, Map<String, String> scopes, String mimeType, String encoding,
                   byte[] content) {

    public static final String RECEIPT_STANDARD = "ehmisbdh-acknowledgement";
    public static final String RECEIPT_ACKNOWLEDGEMENT = "ReceiptAcknowledgement";
    public static final String RECEIPT_EXCEPTION = "ReceiptException";
    /** ISO 6523 scheme 0088 (GS1 GLN), as EHMI addresses participants. */
    public static final String GLN_SCHEME = "0088:";

    public String scope(String type) {
        return scopes.get(type);
    }

    public String senderGln() {
        return gln(sender);
    }

    public String receiverGln() {
        return gln(receiver);
    }

    /** An eDelivery receipt signal (positive or negative) rather than a message. */
    public boolean isReceipt() {
        return RECEIPT_STANDARD.equals(standard);
    }

    private static String gln(String participant) {
        return participant != null && participant.startsWith(GLN_SCHEME) ? participant.substring(GLN_SCHEME.length()) : null;
    }
}
