package dk.medcomgateway.envelope;

import dk.medcomgateway.message.SafeXml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * XML for envelopes, safely: no DOCTYPE, no external entities, no schema or DTD fetched from
 * anywhere. Schemas are read from the classpath only, through a resolver that knows the vendored
 * files; a schema asking for anything else fails instead of reaching the network.
 */
public final class EnvelopeXml {

    private EnvelopeXml() {
    }

    /** Configured once and never changed after; transformers are not thread-safe, so each call makes its own. */
    private static final TransformerFactory WRITER = TransformerFactory.newInstance();

    /** Parses with the safe parser: a DOCTYPE is a syntax fault of the envelope. */
    public static Document parse(byte[] xml) {
        try {
            DocumentBuilder builder = SafeXml.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new EnvelopeException(EnvelopeException.Fault.SYNTAX, "envelope", "Not well-formed or not allowed XML: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a schema from a classpath folder. {@code replacements} maps a schemaLocation's file name to
     * another classpath resource (the gateway's widened copy of a vendored file).
     */
    public static Schema schema(String folder, String main, java.util.Map<String, String> replacements) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver(new ClasspathResolver(folder, replacements));
            try (InputStream in = resource(folder + "/" + main)) {
                javax.xml.transform.stream.StreamSource source = new javax.xml.transform.stream.StreamSource(in);
                source.setSystemId("classpath:" + folder + "/" + main);
                return factory.newSchema(source);
            }
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("Cannot load the schema " + folder + "/" + main, e);
        }
    }

    /** Validates a parsed document; the first error names the element and the rule broken. */
    public static void validate(Schema schema, Document document) {
        try {
            Validator validator = schema.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new DOMSource(document));
        } catch (SAXException e) {
            throw new EnvelopeException(EnvelopeException.Fault.SYNTAX, "envelope", "Not valid against the schema: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] serialize(Document document) {
        try {
            Transformer transformer = WRITER.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot write an envelope", e);
        }
    }

    public static Document newDocument() {
        return SafeXml.newDocumentBuilder().newDocument();
    }

    /** The first child element with this namespace and local name, or null. */
    public static Element child(Element parent, String namespace, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && sameNamespace(namespace, e)) {
                return e;
            }
        }
        return null;
    }

    public static java.util.List<Element> children(Element parent, String namespace, String name) {
        java.util.List<Element> list = new java.util.ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName()) && sameNamespace(namespace, e)) {
                list.add(e);
            }
        }
        return list;
    }

    /** "" stands for no namespace (VANS envelopes have none). */
    private static boolean sameNamespace(String namespace, Element e) {
        String actual = e.getNamespaceURI() == null ? "" : e.getNamespaceURI();
        return namespace.equals(actual);
    }

    /** Trimmed text of a child element (samples wrap values in line breaks), or null. */
    public static String text(Element parent, String namespace, String name) {
        Element e = child(parent, namespace, name);
        return e == null ? null : e.getTextContent().trim();
    }

    public static Element append(Element parent, String namespace, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(namespace.isEmpty() ? null : namespace, name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    private static InputStream resource(String path) {
        InputStream in = EnvelopeXml.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("Missing classpath resource " + path);
        }
        return in;
    }

    /** Resolves schema includes/imports by file name within one classpath folder, and nothing else. */
    private record ClasspathResolver(String folder, java.util.Map<String, String> replacements) implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            if (systemId == null) {
                return null;
            }
            String file = systemId.substring(systemId.lastIndexOf('/') + 1);
            String path = replacements.getOrDefault(file, folder + "/" + file);
            if (systemId.contains("://") || EnvelopeXml.class.getClassLoader().getResource(path) == null) {
                throw new IllegalStateException("Schema " + systemId + " is not vendored; the gateway never fetches schemas");
            }
            try (InputStream in = resource(path)) {
                return new Input(publicId, "classpath:" + path, baseUri, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record Input(String publicId, String systemId, String baseURI, byte[] bytes) implements LSInput {
        public java.io.Reader getCharacterStream() { return null; }
        public void setCharacterStream(java.io.Reader r) { }
        public InputStream getByteStream() { return new ByteArrayInputStream(bytes); }
        public void setByteStream(InputStream s) { }
        public String getStringData() { return null; }
        public void setStringData(String s) { }
        public String getSystemId() { return systemId; }
        public void setSystemId(String s) { }
        public String getPublicId() { return publicId; }
        public void setPublicId(String s) { }
        public String getBaseURI() { return baseURI; }
        public void setBaseURI(String s) { }
        public String getEncoding() { return StandardCharsets.UTF_8.name(); }
        public void setEncoding(String s) { }
        public boolean getCertifiedText() { return false; }
        public void setCertifiedText(boolean b) { }
    }
}
