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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FhirCodecTest {

    private final FhirCodec codec = new FhirCodec();

    @ParameterizedTest
    @EnumSource(FhirFormat.class)
    void a_message_read_without_narratives_is_the_whole_message_but_for_its_narratives(FhirFormat format) {
        List<String> bundles = Examples.jsonBundles();
        assertThat(bundles).hasSizeGreaterThan(5);
        int narratives = 0;
        for (String file : bundles) {
            String json = Examples.read(file);
            byte[] body = (format == FhirFormat.JSON ? json : Examples.toXml(json)).getBytes(StandardCharsets.UTF_8);
            Bundle whole = (Bundle) codec.parse(body, format);
            Bundle read = (Bundle) codec.parseWithoutNarratives(body, format);

            assertThat(divs(read)).as("narratives left out").isZero();
            int divsOfWhole = divs(whole);
            narratives += divsOfWhole;
            // From JSON a narrative goes whole; from XML only its XHTML, and its status stays.
            whole.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(r -> r instanceof DomainResource d && d.hasText())
                    .map(DomainResource.class::cast).forEach(r -> {
                        if (format == FhirFormat.JSON) {
                            r.setText(null);
                        } else {
                            r.getText().setDiv(null);
                        }
                    });
            assertThat(new String(codec.encode(read, format), StandardCharsets.UTF_8))
                    .as("everything else the same, in " + file + " as " + format + " (" + divsOfWhole + " narratives)")
                    .isEqualTo(new String(codec.encode(whole, format), StandardCharsets.UTF_8));
        }
        assertThat(narratives).as("the examples have narratives to leave out").isGreaterThan(10);
    }

    @Test
    void xml_with_an_external_entity_is_refused_as_hapi_refuses_it() {
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE Bundle [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"&x;\"/></Bundle>";
        assertThatThrownBy(() -> codec.parseWithoutNarratives(doctype.getBytes(StandardCharsets.UTF_8), FhirFormat.XML))
                .isInstanceOf(DataFormatException.class);
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
