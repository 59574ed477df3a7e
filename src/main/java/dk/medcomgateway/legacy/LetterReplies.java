package dk.medcomgateway.legacy;

import dk.medcomgateway.intake.Replies;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Puts a letter's answer on the exchange the same way for every channel: status, receipt, its Content-Type. */
final class LetterReplies {

    /** A reply header the file drop reads: whether there is a receipt file to write. */
    static final String HAS_RECEIPT = "GatewayHasReceipt";

    private LetterReplies() {
    }

    /** A receipt (possibly none: an empty body, when a letter taken asked for no positive receipt). */
    static void receipt(Exchange exchange, int status, byte[] receipt, String contentType, String code) {
        Message out = exchange.getMessage();
        boolean has = receipt != null && receipt.length > 0;
        out.setBody(has ? receipt : new byte[0]);
        if (has) {
            out.setHeader(Exchange.CONTENT_TYPE, contentType);
        } else {
            out.removeHeader(Exchange.CONTENT_TYPE);
        }
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, has || status != 200 ? status : 202);
        out.setHeader(Replies.ACK_CODE_HEADER, code);
        out.setHeader(HAS_RECEIPT, has);
    }

    /** A plain-text answer where there is no letter to receipt (no body, not allowed, the gateway's own trouble). */
    static void text(Exchange exchange, int status, String text, String code) {
        receipt(exchange, status, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8", code);
        exchange.getMessage().setHeader(HAS_RECEIPT, false);
    }
}
