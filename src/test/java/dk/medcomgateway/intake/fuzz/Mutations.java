package dk.medcomgateway.intake.fuzz;

import java.util.Random;

/** The ways of breaking a payload that every {@link BadInputs} generator shares. */
final class Mutations {

    private Mutations() {
    }

    /** The first few bytes of {@code bytes} (at least one fewer than all). */
    static byte[] cut(byte[] bytes, Random random) {
        byte[] cut = new byte[random.nextInt(bytes.length - 1)];
        System.arraycopy(bytes, 0, cut, 0, cut.length);
        return cut;
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** {@code bytes} with 1 to 8 bytes overwritten at random places. */
    static byte[] flip(byte[] bytes, Random random) {
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** A billion-laughs document: entities nested ten deep, the last one used in {@code <root><child>&lol9;</child></root>}. */
    static String billionLaughs(String root, String namespace, String child) {
        StringBuilder doctype = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE " + root + " [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            doctype.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return doctype + "]><" + root + " xmlns=\"" + namespace + "\">" + child.replace("&", "&lol9;") + "</" + root + ">";
    }
}
