package dk.medcomgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Envelopes made the way a partner's access point would, from MedCom's own samples
 * (src/test/resources/ehmi-sbdh, from medcomdk/dk-ehmi-sbdh) with their values replaced, independent of the gateway's envelope code.
 */
public final class EnvelopeFixtures {

    public static final Path SBDH_DIR = Path.of("src", "test", "resources", "ehmi-sbdh");
    /** The organisations of MedCom's STIN example (Bundle-a5e5b880...): sender hospital ward, receiving nursing home. */
    public static final String STIN_SENDER_GLN = "5790000209354";
    public static final String STIN_SENDER_SOR = "265161000016000";
    public static final String STIN_RECEIVER_SOR = "953741000016009";
    public static final String STIN_PATIENT = "2509479989";

    private EnvelopeFixtures() {
    }

    public static String read(String file) {
        try {
            return Files.readString(SBDH_DIR.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header fields and scopes of an SBDH around a fresh STIN (its XML form), all matching the message. */
    public static Map<String, String> stinFields(String stinJson) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Sender", "0088:" + STIN_SENDER_GLN);
        fields.put("Receiver", "0088:" + GatewayTestBase.STIN_RECEIVER_GLN);
        fields.put("Standard", "hospital-notification-message");
        fields.put("TypeVersion", "3.0.2");
        fields.put("InstanceIdentifier", UUID.randomUUID().toString());
        fields.put("DOCUMENTID", "urn:dk:healthcare:medcom:messaging:fhir:structuredefinition::hospital-notification-message"
                + "##urn:dk:medcom:fhir:hospital-notification-message::3.0.2");
        fields.put("PATIENTID", STIN_PATIENT);
        fields.put("SENDERID", STIN_SENDER_SOR);
        fields.put("RECEIVERID", STIN_RECEIVER_SOR);
        fields.put("MESSAGEIDENTIFIER", Examples.headerId(stinJson));
        fields.put("MESSAGEENVELOPEIDENTIFIER", Examples.bundleId(stinJson));
        fields.put("StatisticalInformation", "MCM:hospital-notification-message");
        return fields;
    }

    /**
     * MedCom's full SBDH sample carrying another FHIR message: header fields and scope values replaced
     * from {@code fields} (a scope whose value is null is left out), BinaryContent the message, base64.
     */
    public static String sbdh(String fhir, String mimeType, Map<String, String> fields) {
        String xml = read("ehmisbdh_fullsample.xml");
        xml = replaceIn(xml, "(<Sender>\\s*<Identifier[^>]*>)(.*?)(</Identifier>)", fields.get("Sender"));
        xml = replaceIn(xml, "(<Receiver>\\s*<Identifier[^>]*>)(.*?)(</Identifier>)", fields.get("Receiver"));
        xml = replaceIn(xml, "(<Standard>)(.*?)(</Standard>)", fields.get("Standard"));
        xml = replaceIn(xml, "(<TypeVersion>)(.*?)(</TypeVersion>)", fields.get("TypeVersion"));
        xml = replaceIn(xml, "(<DocumentIdentification>.*?<InstanceIdentifier>)(.*?)(</InstanceIdentifier>)", fields.get("InstanceIdentifier"));
        for (String scope : new String[] {"DOCUMENTID", "PATIENTID", "SENDERID", "RECEIVERID", "MESSAGEIDENTIFIER",
                "MESSAGEENVELOPEIDENTIFIER", "StatisticalInformation"}) {
            if (fields.containsKey(scope) && fields.get(scope) == null) {
                xml = xml.replaceAll("(?s)<Scope>\\s*<Type>" + scope + "</Type>.*?</Scope>", "");
            } else if (fields.containsKey(scope)) {
                xml = replaceIn(xml, "(<Type>" + scope + "</Type>\\s*<InstanceIdentifier>)(.*?)(</InstanceIdentifier>)", fields.get(scope));
            }
        }
        xml = xml.replaceFirst("mimeType=\"application/fhir\\+xml\"", "mimeType=\"" + mimeType + "\"");
        return replaceIn(xml, "(<BinaryContent[^>]*>)(.*?)(</BinaryContent>)",
                Base64.getEncoder().encodeToString(fhir.getBytes(StandardCharsets.UTF_8)));
    }

    /** A receiver's positive receipt for an envelope: MedCom's ReceiptAcknowledgement sample, pointed at that envelope. */
    public static String receiptFor(String envelope) {
        String envelopeId = value(envelope, "<DocumentIdentification>.*?<InstanceIdentifier>\\s*(.*?)\\s*</InstanceIdentifier>");
        String messageId = value(envelope, "<Type>MESSAGEIDENTIFIER</Type>\\s*<InstanceIdentifier>\\s*(.*?)\\s*</InstanceIdentifier>");
        String receipt = read("ReceiptAcknowledgement_full.xml");
        receipt = replaceIn(receipt, "(<Type>ORIGINALENVELOPEIDENTIFIER</Type>\\s*<InstanceIdentifier>)(.*?)(</InstanceIdentifier>)", envelopeId);
        receipt = replaceIn(receipt, "(<Type>ORIGINALMESSAGEIDENTIFIER</Type>\\s*<InstanceIdentifier>)(.*?)(</InstanceIdentifier>)", messageId);
        return replaceIn(receipt, "(<DocumentIdentification>.*?<InstanceIdentifier>)(.*?)(</InstanceIdentifier>)", UUID.randomUUID().toString());
    }

    /** The value of the first group of a pattern in an envelope. */
    public static String value(String xml, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(xml);
        if (!m.find()) {
            throw new IllegalArgumentException("No " + regex + " in the envelope");
        }
        return m.group(1);
    }

    private static String replaceIn(String xml, String regex, String value) {
        if (value == null) {
            return xml;
        }
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(xml);
        if (!m.find()) {
            throw new IllegalArgumentException("The sample has no " + regex);
        }
        return xml.substring(0, m.start(2)) + value + xml.substring(m.end(2));
    }
}
