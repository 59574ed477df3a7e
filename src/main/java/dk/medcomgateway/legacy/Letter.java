package dk.medcomgateway.legacy;

import dk.medcomgateway.message.LetterSyntax;
import java.nio.charset.Charset;

/**
 * A legacy MedCom letter as the gateway reads it: the facts of its envelope and letter that
 * routing, duplicates, receipts and discharge tracking need, and the body exactly as it came.
 *
 * @param type              the letter type: the OIOXML StatisticalCode (XDIS17, XCTL03, ...) or the
 *                          EDIFACT message's MedCom code (DIS20, ...)
 * @param envelopeId        OIOXML Envelope/Identifier, EDIFACT UNB interchange control reference
 * @param letterId          OIOXML Letter/Identifier, EDIFACT UNH message reference
 * @param versionCode       OIOXML Letter/VersionCode, EDIFACT UNH association code (D2030C, ...)
 * @param cpr               the patient's CPR number, or null: hash it, never store or log it
 * @param positiveReceiptRequested the envelope asks for a positive receipt (pluspositivkvitt, UNB 0031 = 1)
 * @param answers           for a receipt (XCTL02/XCTL03): the letter it answers; null otherwise
 * @param dischargeDate     the discharge date a discharge advice (XDIS17) names, or null
 * @param subject           the letter's subject (AdditionalInformation/Subject), or null
 */
public record Letter(LetterSyntax syntax, Charset charset, String type, String envelopeId, String letterId, String versionCode,
                     String senderEan, String receiverEan, String cpr, boolean positiveReceiptRequested, Answers answers,
                     String dischargeDate, String subject, byte[] body) {

    /** What a receipt says about the letter it answers. */
    public record Answers(String envelopeId, String senderEan, String letterId, boolean positive, String refuseCode,
                          String refuseText) {
    }

    /** The ledger's key of a letter: envelope identifiers are unique per sender, so duplicates are found by both. */
    public static String key(String senderEan, String envelopeId) {
        return "edi:" + senderEan + ":" + envelopeId;
    }

    public String key() {
        return key(senderEan, envelopeId);
    }

    public boolean isReceipt() {
        return answers != null;
    }

    public String contentType() {
        return syntax.contentType(charset);
    }

    /** The stem of the file a receiver's folder gets: sender and envelope, which together are unique. */
    public String fileStem() {
        return (senderEan + "_" + envelopeId).replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    @Override
    public String toString() {
        // Never the CPR number or the body.
        return type + " " + key() + " to " + receiverEan;
    }
}
