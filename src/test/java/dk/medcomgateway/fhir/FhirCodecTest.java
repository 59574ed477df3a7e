package dk.medcomgateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.parser.DataFormatException;
import dk.medcomgateway.support.Examples;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.junit.jupiter.api.Test;

class FhirCodecTest {

    private final FhirCodec codec = new FhirCodec();

    @Test
    void a_message_read_without_narratives_is_the_whole_message_but_for_its_resources_narratives() {
        List<String> bundles = Examples.jsonBundles();
        assertThat(bundles).hasSizeGreaterThan(5);
        int narratives = 0;
        for (String file : bundles) {
            String json = Examples.read(file);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            Bundle whole = (Bundle) codec.parse(body, FhirFormat.JSON);
            Bundle read = (Bundle) codec.parseWithoutNarratives(body, FhirFormat.JSON);

            assertThat(divs(read)).as("narratives left out").isZero();
            int divsOfWhole = divs(whole);
            narratives += divsOfWhole;
            whole.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(r -> r instanceof DomainResource d && d.hasText()).forEach(r -> ((DomainResource) r).setText(null));
            assertThat(new String(codec.encode(read, FhirFormat.JSON), StandardCharsets.UTF_8))
                    .as("everything else the same, in " + file + " (" + divsOfWhole + " narratives)")
                    .isEqualTo(new String(codec.encode(whole, FhirFormat.JSON), StandardCharsets.UTF_8));
        }
        assertThat(narratives).as("the examples have narratives to leave out").isGreaterThan(10);
    }

    @Test
    void an_xml_message_read_without_narratives_keeps_everything_but_their_xhtml() {
        int narratives = 0;
        for (String file : Examples.jsonBundles()) {
            byte[] body = Examples.toXml(Examples.read(file)).getBytes(StandardCharsets.UTF_8);
            Bundle whole = (Bundle) codec.parse(body, FhirFormat.XML);
            Bundle read = (Bundle) codec.parseWithoutNarratives(body, FhirFormat.XML);

            assertThat(divs(read)).as("XHTML left out").isZero();
            int divsOfWhole = divs(whole);
            narratives += divsOfWhole;
            whole.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(r -> r instanceof DomainResource d && d.hasText()).forEach(r -> ((DomainResource) r).getText().setDiv(null));
            assertThat(new String(codec.encode(read, FhirFormat.XML), StandardCharsets.UTF_8))
                    .as("everything else the same, the narratives' status too, in " + file + " (" + divsOfWhole + " narratives)")
                    .isEqualTo(new String(codec.encode(whole, FhirFormat.XML), StandardCharsets.UTF_8));
        }
        assertThat(narratives).as("the examples have narratives to leave out").isGreaterThan(10);

        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE Bundle [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"&x;\"/></Bundle>";
        assertThatThrownBy(() -> codec.parseWithoutNarratives(doctype.getBytes(StandardCharsets.UTF_8), FhirFormat.XML))
                .as("an external entity is refused as HAPI refuses it").isInstanceOf(DataFormatException.class);
    }

    @Test
    void bodies_hapi_reads_leniently_are_read_the_same_way_and_bodies_it_refuses_are_refused_alike() {
        String stin = Examples.freshStin();
        // Not valid UTF-8: HAPI reads the stray byte as a replacement character.
        byte[] latin1 = stin.replace("\"Elmer\"", "\"Elm\u00f8r\"").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(latin1, StandardCharsets.ISO_8859_1)).contains("Elm\u00f8r");
        byte[] singleQuoted = stin.replaceFirst("\"resourceType\"", "'resourceType'").getBytes(StandardCharsets.UTF_8);
        for (byte[] lenient : List.of(latin1, singleQuoted)) {
            Bundle whole = (Bundle) codec.parse(lenient, FhirFormat.JSON);
            Bundle read = (Bundle) codec.parseWithoutNarratives(lenient, FhirFormat.JSON);
            assertThat(read.getEntry()).hasSameSizeAs(whole.getEntry());
            assertThat(read.getIdElement().getIdPart()).isEqualTo(whole.getIdElement().getIdPart());
            assertThat(new String(codec.encode(read, FhirFormat.JSON), StandardCharsets.UTF_8)).contains("Elm");
        }
        for (String refused : List.of("{\"resourceType\": \"Bundle\", \"id\": ", "[1, 2]", "{\"resourceType\": \"Bundle\"} trailing")) {
            byte[] body = refused.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> codec.parse(body, FhirFormat.JSON)).isInstanceOf(DataFormatException.class);
            assertThatThrownBy(() -> codec.parseWithoutNarratives(body, FhirFormat.JSON)).isInstanceOf(DataFormatException.class);
        }
    }

    private static int divs(Bundle bundle) {
        return (int) bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof DomainResource d && d.hasText() && d.getText().hasDiv()).count();
    }
}
