package dk.medcomgateway.fhir;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Where in a body a value the parser left out stands, as an element path (Bundle.entry[2].resource.period.start).
 * HAPI's parser names only the element, and a message has many elements of one name.
 */
final class ValuePaths {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XMLInputFactory XML = safeXmlFactory();

    private ValuePaths() {
    }

    /** The path of the first element of that name holding that value, if one is found. */
    static Optional<String> find(byte[] body, FhirFormat format, String element, String value) {
        if (element == null || value == null) {
            return Optional.empty();
        }
        try {
            return format == FhirFormat.XML ? inXml(body, element, value) : inJson(body, element, value);
        } catch (IOException | XMLStreamException | RuntimeException unreadable) {
            return Optional.empty(); // the element name alone will have to do
        }
    }

    private static Optional<String> inJson(byte[] body, String element, String value) throws IOException {
        JsonNode root = JSON.readTree(body);
        return inJson(root, root.path("resourceType").asText("Resource"), element, value);
    }

    private static Optional<String> inJson(JsonNode node, String path, String element, String value) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = inJson(node.get(i), path + "[" + i + "]", element, value);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals(element) && field.getValue().isValueNode() && value.equals(field.getValue().asText())) {
                    return Optional.of(path + "." + element);
                }
                Optional<String> found = inJson(field.getValue(), path + "." + field.getKey(), element, value);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> inXml(byte[] body, String element, String value) throws XMLStreamException {
        XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
        try {
            Deque<String> path = new ArrayDeque<>();
            Deque<Map<String, Integer>> seen = new ArrayDeque<>();
            seen.push(new HashMap<>());
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    String name = reader.getLocalName();
                    int index = seen.peek().merge(name, 1, Integer::sum) - 1;
                    path.addLast(path.isEmpty() ? name : name + (index > 0 ? "[" + index + "]" : ""));
                    seen.push(new HashMap<>());
                    if (name.equals(element) && value.equals(reader.getAttributeValue(null, "value"))) {
                        return Optional.of(String.join(".", path));
                    }
                } else if (event == XMLStreamReader.END_ELEMENT) {
                    path.removeLast();
                    seen.pop();
                }
            }
            return Optional.empty();
        } finally {
            reader.close();
        }
    }

    private static XMLInputFactory safeXmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
