package dk.medcomgateway.legacy;

import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.message.LetterSyntax;
import dk.medcomgateway.message.RefusedMessageException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Turns a received body into a {@link Letter}: EDIFACT or OIOXML, recognised by its content. */
@Component
public class LetterReader {

    private final EdifactLetterReader edifact = new EdifactLetterReader();
    private final OioxmlLetterReader oioxml;
    private final long maxBodyBytes;

    public LetterReader(LettersProperties properties, GatewayProperties gateway) {
        this.oioxml = new OioxmlLetterReader(properties.oioxmlNamespaces());
        this.maxBodyBytes = gateway.intake().maxBodySize().toBytes();
    }

    /**
     * @param contentType the HTTP Content-Type, or null (file drop): its charset, when given, must agree with the letter's own
     * @throws RefusedMessageException when there is no body, or it is too large
     * @throws LetterFault             when the body is not a well-formed letter
     */
    public Letter read(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            throw new RefusedMessageException(400, "The request has no body; expected an EDIFACT interchange or an OIOXML Emessage");
        }
        if (body.length > maxBodyBytes) {
            throw new RefusedMessageException(413, "The letter is " + body.length + " bytes; the gateway takes at most " + maxBodyBytes);
        }
        Charset httpCharset = charsetParameter(contentType);
        LetterSyntax syntax = LetterSyntax.sniff(body);
        if (syntax == null) {
            throw new LetterFault(LetterFault.SYNTAX, "The body is neither an EDIFACT interchange (UNA/UNB) nor an XML document", null);
        }
        return syntax == LetterSyntax.EDIFACT ? edifact.read(body, httpCharset) : oioxml.read(body, httpCharset);
    }

    /** A letter's own character set must be the HTTP charset, when one was given: a fault rather than a guess. */
    static void requireAgreement(Charset httpCharset, Charset own, String ownName, Letter partial) {
        if (httpCharset != null && !httpCharset.equals(own)) {
            throw new LetterFault(LetterFault.SYNTAX, "The HTTP charset " + httpCharset.name() + " contradicts " + ownName, partial);
        }
    }

    static Charset charsetParameter(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring("charset=".length()).replace("\"", "").trim();
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new LetterFault(LetterFault.SYNTAX, "Unknown charset " + name + " in the Content-Type", null);
                }
            }
        }
        return null;
    }
}
