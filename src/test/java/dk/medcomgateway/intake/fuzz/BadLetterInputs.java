package dk.medcomgateway.intake.fuzz;

import dk.medcomgateway.support.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Broken and hostile legacy letters for POST /edi, made from MedCom's EDIFACT and OIOXML examples
 * (DIS20_1.edi, DIS17_1.xml). Edits work on the bytes read as ISO-8859-1, so untouched bytes stay as they were.
 */
public final class BadLetterInputs implements BadInputs {

    private static final String EDIFACT = "application/edifact";
    private static final String XML = "application/xml";
    private static final String[] WRONG_TYPES = {null, "text/plain", "application/octet-stream", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/xml; charset=UTF-16", "application/edifact; charset=nonsense", "image/png"};
    private static final String NAMESPACE = "http://rep.oio.dk/sundcom.dk/medcom.dk/xml/schemas/2005/08/07/";
    private static final String[] WRONG_NAMESPACES = {"", " xmlns=\"urn:wrong\"", " xmlns=\"http://www.w3.org/1999/xhtml\"",
        " xmlns=\"http://rep.oio.dk/sundcom.dk/medcom.dk/xml/schemas/\"", " xmlns=\"http://hl7.org/fhir\""};
    /** The examples' envelope identifier, replaced per case so a letter left valid is a new letter, not a duplicate. */
    private static final String ENVELOPE = "123456789";
    private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    private final String edifact = latin1("DIS20_1.edi");
    private final String oioxml = latin1("DIS17_1.xml");

    @Override
    public BadInput next(Random random, int index) {
        return switch (random.nextInt(11)) {
            case 0 -> new BadInput("truncated edifact", EDIFACT, Mutations.cut(bytes(fresh(edifact)), random));
            case 1 -> new BadInput("truncated oioxml", XML, Mutations.cut(bytes(fresh(oioxml)), random));
            case 2 -> new BadInput("random bytes", random.nextBoolean() ? EDIFACT : XML, Mutations.randomBytes(random, 1 + random.nextInt(4096)));
            // A flip inside free text can leave a valid letter: that one may be accepted.
            case 3 -> new BadInput("flipped bytes", random.nextBoolean() ? EDIFACT : XML, Mutations.flip(bytes(fresh(random.nextBoolean()
                    ? edifact : oioxml)), random), true);
            case 4 -> letter("bad segment terminator", EDIFACT, badTerminators(fresh(edifact), random));
            case 5 -> letter("bad release character", EDIFACT, badRelease(fresh(edifact), random));
            // (A MedCom namespace of another date is not wrong: config/letters.yaml takes any dated one.)
            case 6 -> letter("wrong namespace", XML, fresh(oioxml).replace(" xmlns=\"" + NAMESPACE + "\"",
                    WRONG_NAMESPACES[random.nextInt(WRONG_NAMESPACES.length)]));
            case 7 -> letter("xxe", XML, xxe(fresh(oioxml), random));
            case 8 -> letter("billion laughs", XML, Mutations.billionLaughs("Emessage", NAMESPACE,
                    "<Envelope><Identifier>&</Identifier></Envelope>"));
            // A good letter under a sloppy content type: read by its content, so it may be accepted.
            case 9 -> BadInput.goodBodyUnder(WRONG_TYPES[random.nextInt(WRONG_TYPES.length)],
                    bytes(fresh(random.nextBoolean() ? edifact : oioxml)));
            default -> letter("empty or blank", random.nextBoolean() ? EDIFACT : XML, random.nextBoolean() ? "" : "  \n\t ");
        };
    }

    private static BadInput letter(String kind, String contentType, String latin1) {
        return new BadInput(kind, contentType, bytes(latin1));
    }

    private static String fresh(String letter) {
        return letter.replace(ENVELOPE, "F" + NEXT.incrementAndGet());
    }

    /** Segment terminators (') dropped, doubled or replaced by another delimiter. */
    private static String badTerminators(String edi, Random random) {
        String[] replacements = {"", "''", "+", ":", "\n", "?'"};
        StringBuilder out = new StringBuilder(edi.length());
        int header = edi.indexOf('\n') + 1; // the UNA service string advice stays as it is
        out.append(edi, 0, header);
        for (int i = header; i < edi.length(); i++) {
            char c = edi.charAt(i);
            out.append(c == '\'' && random.nextInt(4) == 0 ? replacements[random.nextInt(replacements.length)] : String.valueOf(c));
        }
        return out.toString();
    }

    /** Release characters (?) put where they escape a delimiter or nothing, or at the very end. */
    private static String badRelease(String edi, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> edi.replace("+", "?+");
            case 1 -> edi.replace("'", "?'");
            case 2 -> edi.stripTrailing() + "?";
            default -> edi.replace("UNA:+.? '", "UNA:+.' '"); // release character the same as the terminator
        };
    }

    private static String xxe(String xml, Random random) {
        String target = random.nextBoolean() ? "file:///etc/passwd" : "http://127.0.0.1:1/xxe";
        return xml.replaceFirst("<\\?xml[^>]*\\?>", "<?xml version=\"1.0\" encoding=\"windows-1252\"?><!DOCTYPE Emessage [<!ENTITY xxe SYSTEM \""
                + target + "\">]>").replaceFirst("<Identifier>[^<]*</Identifier>", "<Identifier>&xxe;</Identifier>");
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String latin1(String example) {
        try {
            return new String(Files.readAllBytes(Examples.DIR.resolve(example)), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
