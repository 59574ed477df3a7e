package dk.medcomgateway.legacy;

import dk.medcomgateway.support.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * MedCom's legacy example letters (examples/ in this repository), byte for byte, and fresh variants:
 * the shared gateway of the tests keeps every envelope it has seen, so each test letter gets its own
 * envelope identifier. Edits work on the bytes read as ISO-8859-1 (one char per byte), so every
 * byte not edited stays exactly as it was, whatever the letter's own character set.
 */
final class Letters {

    static final Path EXAMPLES = Examples.DIR;
    /** The envelope and letter identifiers of DIS17_1.xml, DIS20_1.xml and DIS20_1.edi. */
    static final String DIS_ENVELOPE = "123456789";
    static final String DIS_LETTER = "24681012";
    static final String DIS_CPR = "2505544849";
    static final String HOSPITAL = "5790000143054";
    static final String LYNGBY_MUNICIPALITY_EAN = "5790000143055";

    private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    private Letters() {
    }

    static byte[] example(String name) {
        try {
            return Files.readAllBytes(EXAMPLES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A unique identifier of at most 14 characters (EDIFACT's UNB 0020). */
    static String freshId() {
        return "T" + NEXT.incrementAndGet();
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Replaces every occurrence of {@code from} in the letter's bytes. */
    static byte[] replace(byte[] letter, String from, String to) {
        String text = latin1(letter);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(from + " is not in the letter");
        }
        return bytes(text.replace(from, to));
    }

    /** DIS17_1.xml, DIS20_1.xml or DIS20_1.edi under a new envelope identifier (returned first). */
    static Fresh fresh(String name) {
        String envelope = freshId();
        return new Fresh(envelope, replace(example(name), DIS_ENVELOPE, envelope));
    }

    record Fresh(String envelope, byte[] bytes) {
        String key() {
            return "edi:" + HOSPITAL + ":" + envelope;
        }

        /** The same letter, its envelope asking for a positive receipt. */
        Fresh askingForReceipt() {
            String text = latin1(bytes);
            return new Fresh(envelope, text.startsWith("UNA") ? replace(bytes, envelope + "++++0'", envelope + "++++1'")
                    : replace(bytes, "minuspositivkvitt", "pluspositivkvitt"));
        }

        Fresh with(String from, String to) {
            return new Fresh(envelope, replace(bytes, from, to));
        }
    }

    /** A receipt (CTL03_1.xml or CTL02_1.xml) from the municipality about a letter the hospital sent in {@code envelope}. */
    static byte[] receiptFor(String example, String envelope) {
        byte[] receipt = replace(example(example), "KuvertNr1234", freshId());
        receipt = replace(receipt, "MEDREF01095", envelope);
        // The example's receipt goes from 5790000120420 back to 5790000181872; here from the municipality to the hospital.
        receipt = replace(receipt, "5790000120420", LYNGBY_MUNICIPALITY_EAN);
        return replace(receipt, "5790000181872", HOSPITAL);
    }
}
