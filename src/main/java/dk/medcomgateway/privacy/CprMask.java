package dk.medcomgateway.privacy;

import java.util.regex.Pattern;

/** Blanks anything shaped like a CPR number (ddmmyy-xxxx or ten digits) in text bound for logs or error replies. */
public final class CprMask {

    private static final Pattern CPR = Pattern.compile("(?<!\\d)\\d{6}-?\\d{4}(?!\\d)");

    private CprMask() {
    }

    public static String mask(String text) {
        return text == null ? null : CPR.matcher(text).replaceAll("**********");
    }
}
