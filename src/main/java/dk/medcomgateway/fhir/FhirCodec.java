package dk.medcomgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import ca.uhn.fhir.util.XmlUtil;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.XMLEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.springframework.stereotype.Component;

/**
 * Parses and encodes FHIR R4 resources. One FhirContext for the whole process, whichever codec asks: it is
 * expensive to build, holds megabytes of definitions, and is thread-safe once built. Parsers are cheap and not
 * thread-safe, so each call gets one.
 */
@Component
public class FhirCodec {

    /** The namespace of a narrative's div, the only XHTML in FHIR. */
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    /** Reads JSON as HAPI's own JacksonStructure does (its leniencies, decimals kept exact). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS, JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    public FhirContext context() {
        return SharedContext.R4;
    }

    /** Made when a codec is first made (class initialisation is thread-safe and happens once). */
    private static final class SharedContext {
        static final FhirContext R4 = FhirContext.forR4();

        static {
            // Unknown elements are reported by the profile validator, not thrown by the parser.
            R4.setParserErrorHandler(new LenientErrorHandler(false));
        }
    }

    /** Parses a body; throws ca.uhn.fhir.parser.DataFormatException when it is not FHIR. */
    public IBaseResource parse(byte[] body, FhirFormat format) {
        String text = new String(body, StandardCharsets.UTF_8);
        return parser(format).parseResource(text);
    }

    /**
     * A value the parser could not take: a date that is no date, a code its element's required value set lacks.
     *
     * @param path where it stands (Bundle.entry[2].resource.status), or the element's name when it cannot be found
     */
    public record InvalidValue(String path, String value, String problem) {
    }

    /** A resource as far as the parser could read it, and the values it had to leave out. */
    public record Parsed(IBaseResource resource, List<InvalidValue> invalidValues) {
    }

    /**
     * Parses a body, leaving out the values that break their datatype or required code binding instead of
     * failing on the first, so that a message with such a value can still be identified and answered with a
     * MedCom acknowledgement naming them. Throws DataFormatException when the body is not FHIR at all.
     * The narratives are left out ({@link #parseWithoutNarratives}): the intake reads facts from
     * the message and validates its received bytes, and never sends the parsed message on.
     */
    public Parsed parseReporting(byte[] body, FhirFormat format) {
        List<InvalidValue> invalid = new ArrayList<>();
        IParser parser = parser(format);
        parser.setParserErrorHandler(new LenientErrorHandler(false) {
            @Override
            public void invalidValue(IParseLocation location, String value, String problem) {
                String element = location == null ? null : location.getParentElementName();
                invalid.add(new InvalidValue(ValuePaths.find(body, format, element, value).orElse(element), value, problem));
            }
        });
        IBaseResource resource = parseWithoutNarratives(body, format, parser);
        if (!invalid.isEmpty()) {
            clearUnreadValues((Base) resource);
        }
        return new Parsed(resource, List.copyOf(invalid));
    }

    /**
     * HAPI keeps the text of a value it could not read (a date that is no date) in its element, where copying the
     * element later fails (an acknowledgement copies parts of the message): such values are left out for good.
     */
    private static void clearUnreadValues(Base element) {
        if (element instanceof PrimitiveType<?> primitive) {
            if (primitive.getValue() == null && primitive.getValueAsString() != null) {
                primitive.setValue(null);
            }
            return;
        }
        for (Property property : element.children()) {
            for (Base value : property.getValues()) {
                clearUnreadValues(value);
            }
        }
    }

    /**
     * Parses a message to read facts from it, leaving its narratives (Resource.text) out: HAPI builds an XHTML
     * parser, with a table of 2,000 entities, for every narrative. That made a whole parse of MedCom's JSON
     * examples 5 to 10 times slower than this one. A resource copied from the result (into an acknowledgement)
     * is valid without its narrative, which is optional; the message itself is stored and delivered as received.
     * From XML the narratives' XHTML is left out before HAPI reads it; their status stays.
     */
    public IBaseResource parseWithoutNarratives(byte[] body, FhirFormat format) {
        return parseWithoutNarratives(body, format, parser(format));
    }

    private IBaseResource parseWithoutNarratives(byte[] body, FhirFormat format, IParser parser) {
        // Read from the same text HAPI parses: a body that is not valid UTF-8 reads the same way.
        String text = new String(body, StandardCharsets.UTF_8);
        if (format != FhirFormat.JSON) {
            return parser.parseResource(withoutXhtml(text));
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return parser.parseResource(text); // HAPI reads it after all, or says why it cannot
        }
        if (!(tree instanceof ObjectNode resource)) {
            return parser.parseResource(text);
        }
        dropNarratives(resource);
        JacksonStructure structure = new JacksonStructure();
        structure.setNativeObject(resource);
        return ((IJsonLikeParser) parser).parseResource((Class<IBaseResource>) null, structure);
    }

    /**
     * The XML without its XHTML elements: in FHIR those are the narratives' {@code div}s, and the narratives keep
     * their status. Read and written with HAPI's own StAX factories (no DTDs, no external entities). XML that
     * StAX cannot read is returned as it is, for HAPI to read after all or to say why it cannot.
     */
    private static String withoutXhtml(String xml) {
        try {
            XMLEventReader reader = XmlUtil.createXmlReader(new StringReader(xml));
            StringWriter out = new StringWriter(xml.length());
            XMLEventWriter writer = XmlUtil.createXmlWriter(out);
            int xhtmlDepth = 0;
            while (reader.hasNext()) {
                XMLEvent event = reader.nextEvent();
                if (event.isStartElement() && (xhtmlDepth > 0 || XHTML.equals(event.asStartElement().getName().getNamespaceURI()))) {
                    xhtmlDepth++;
                } else if (xhtmlDepth > 0) {
                    xhtmlDepth -= event.isEndElement() ? 1 : 0;
                } else {
                    writer.add(event);
                }
            }
            writer.flush();
            return out.toString();
        } catch (XMLStreamException | RuntimeException e) { // Woodstox reports some malformed text lazily, unchecked
            return xml;
        }
    }

    /** A Narrative is the only FHIR JSON object with an element named div: its resource's text goes whole. */
    private static void dropNarratives(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("text").path("div").isTextual()) {
            object.remove("text");
        }
        if (node.isContainerNode()) {
            node.forEach(FhirCodec::dropNarratives);
        }
    }

    public byte[] encode(IBaseResource resource, FhirFormat format) {
        return parser(format).encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
    }

    private IParser parser(FhirFormat format) {
        return format == FhirFormat.XML ? SharedContext.R4.newXmlParser() : SharedContext.R4.newJsonParser();
    }
}
