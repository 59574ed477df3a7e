package dk.medcomgateway.intake.fuzz;

import dk.medcomgateway.support.Examples;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Broken and hostile FHIR message payloads, made from MedCom's example messages. */
public final class BadFhirInputs implements BadInputs {

    private static final String JSON = "application/fhir+json";
    private static final String XML = "application/fhir+xml";
    private static final String[] WRONG_TYPES = {null, "text/plain", "application/octet-stream", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=UTF-16", "application/fhir+json; charset=ISO-8859-1",
        "application/fhir+xml", "image/png", "application/fhir+json; charset=nonsense", ";;;", "application/edifact"};

    private final String stin = Examples.read("Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.json");
    private final String stinXml = Examples.read("Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.xml");

    @Override
    public BadInput next(Random random, int index) {
        // Costly cases (thousands of entries, entity bombs) are rarer than cheap ones.
        if (index % 500 == 499) {
            return manyEntries(random);
        }
        return switch (random.nextInt(12)) {
            case 0 -> new BadInput("truncated json", JSON, Mutations.cut(Examples.fresh(stin).getBytes(StandardCharsets.UTF_8), random));
            case 1 -> new BadInput("truncated xml", XML, Mutations.cut(stinXml.getBytes(StandardCharsets.UTF_8), random));
            case 2 -> new BadInput("random bytes", random.nextBoolean() ? JSON : XML, Mutations.randomBytes(random, 1 + random.nextInt(4096)));
            // A flip inside narrative text can leave a valid message: that one may be accepted.
            case 3 -> new BadInput("flipped bytes", JSON, Mutations.flip(Examples.fresh(stin).getBytes(StandardCharsets.UTF_8), random), true);
            case 4 -> deepNesting(random);
            case 5 -> BadInput.of("huge string", JSON, Examples.fresh(stin).replaceFirst("\"timestamp\" : \"[^\"]*\"",
                    "\"timestamp\" : \"" + "9".repeat(100_000 + random.nextInt(400_000)) + "\""));
            case 6 -> BadInput.goodBodyUnder(WRONG_TYPES[random.nextInt(WRONG_TYPES.length)],
                    Examples.fresh(stin).getBytes(StandardCharsets.UTF_8));
            case 7 -> new BadInput("wrong charset", random.nextBoolean() ? JSON : "application/fhir+json; charset=UTF-8",
                    Examples.fresh(stin).replace("Plejecenter", "Plejecenter \u00e6\u00f8\u00e5 \uFFFD").getBytes(
                            random.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.ISO_8859_1), true);
            case 8 -> xxe(random);
            case 9 -> BadInput.of("billion laughs", XML, Mutations.billionLaughs("Bundle", "http://hl7.org/fhir", "<id value=\"&\"/>"));
            case 10 -> wrongShape(random);
            default -> BadInput.of("empty or blank", random.nextBoolean() ? JSON : XML, random.nextBoolean() ? "" : "  \n\t ");
        };
    }

    private static BadInput deepNesting(Random random) {
        int depth = 1_000 + random.nextInt(50_000);
        String body = random.nextBoolean()
                ? "{\"resourceType\":\"Bundle\",\"entry\":" + "[".repeat(depth) + "]".repeat(depth) + "}"
                : "{\"resourceType\":\"Bundle\",\"meta\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
        return BadInput.of("deep nesting", JSON, body);
    }

    private BadInput manyEntries(Random random) {
        StringBuilder entries = new StringBuilder();
        for (int i = 2_000 + random.nextInt(3_000); i > 0; i--) {
            entries.append(",{\"resource\":{\"resourceType\":\"Basic\",\"id\":\"b").append(i).append("\"}}");
        }
        String fresh = Examples.fresh(stin);
        int lastEntry = fresh.lastIndexOf(']'); // the end of Bundle.entry, the document's last array
        return BadInput.of("thousands of entries", JSON, fresh.substring(0, lastEntry) + entries + fresh.substring(lastEntry));
    }

    private BadInput xxe(Random random) {
        String target = random.nextBoolean() ? "file:///etc/passwd" : "http://127.0.0.1:1/xxe";
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE Bundle [<!ENTITY xxe SYSTEM \"" + target + "\">]>";
        String body = Examples.toXml(Examples.fresh(stin)).replaceFirst("<\\?xml[^>]*\\?>", "")
                .replaceFirst("<timestamp value=\"[^\"]*\"/>", "<timestamp value=\"&xxe;\"/>");
        return BadInput.of("xxe", XML, doctype + body);
    }

    private BadInput wrongShape(Random random) {
        String[] shapes = {
            "{\"resourceType\":\"Patient\",\"id\":\"p\"}",
            "{\"resourceType\":\"Bundle\",\"type\":\"document\",\"entry\":[]}",
            "{\"resourceType\":\"Bundle\",\"type\":\"message\"}",
            "{\"resourceType\":\"Bundle\",\"type\":\"message\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\"}}]}",
            "[]", "null", "42", "\"text\"", "{}", "{\"resourceType\":\"" + "X".repeat(10_000) + "\"}",
            Examples.fresh(stin).replace("\"MessageHeader\"", "\"Messageheader\""),
            Examples.fresh(stin).replace("\"message\"", "\"collection\""),
            Examples.fresh(stin).replaceAll("\"id\" : \"[^\"]*\"", "\"id\" : \"\"")};
        return BadInput.of("wrong shape", JSON, shapes[random.nextInt(shapes.length)]);
    }
}
