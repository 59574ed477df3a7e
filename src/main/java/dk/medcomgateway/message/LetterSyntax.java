package dk.medcomgateway.message;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The two legacy MedCom syntaxes: EDIFACT interchanges and OIOXML {@code Emessage} letters. */
public enum LetterSyntax {
    EDIFACT("application/edifact"),
    OIOXML("application/xml");

    private final String mediaType;

    LetterSyntax(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The Content-Type a letter is stored and delivered with: its media type and the character set it is written in. */
    public String contentType(Charset charset) {
        return mediaType + "; charset=" + charset.name();
    }

    /** The syntax of a stored letter from its Content-Type; null for anything else (FHIR messages). */
    public static LetterSyntax ofStored(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        for (LetterSyntax syntax : values()) {
            if (type.equals(syntax.mediaType) || type.startsWith(syntax.mediaType + ";")) {
                return syntax;
            }
        }
        return null;
    }

    /** Guesses the syntax from the body's first characters: an EDIFACT service segment or an XML document. */
    public static LetterSyntax sniff(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        if (i + 3 <= body.length) {
            String start = new String(body, i, 3, StandardCharsets.ISO_8859_1);
            if (start.equals("UNA") || start.equals("UNB")) {
                return EDIFACT;
            }
        }
        return i < body.length && body[i] == '<' ? OIOXML : null;
    }
}
