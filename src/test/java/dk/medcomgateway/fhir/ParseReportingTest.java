package dk.medcomgateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.parser.DataFormatException;
import dk.medcomgateway.support.Examples;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

class ParseReportingTest {

    private final FhirCodec codec = new FhirCodec();

    @Test
    void a_value_outside_its_datatype_or_required_binding_is_left_out_and_reported_with_its_path() {
        String json = Examples.freshStin().replace("\"status\" : \"in-progress\"", "\"status\" : \"sort-of-finished\"")
                .replace("\"start\" : \"2022-12-07T12:00:00+02:00\"", "\"start\" : \"2022-13-45T12:00:00+02:00\"");

        FhirCodec.Parsed parsed = codec.parseReporting(json.getBytes(StandardCharsets.UTF_8), FhirFormat.JSON);

        assertThat(parsed.resource()).isInstanceOf(Bundle.class);
        assertThat(parsed.invalidValues()).extracting(FhirCodec.InvalidValue::path, FhirCodec.InvalidValue::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Bundle.entry[2].resource.status", "sort-of-finished"),
                        org.assertj.core.groups.Tuple.tuple("Bundle.entry[2].resource.period.start", "2022-13-45T12:00:00+02:00"));
    }

    @Test
    void a_value_left_out_is_gone_from_the_parsed_message_so_it_can_be_copied_into_an_acknowledgement() {
        // Found by the fuzz suite: HAPI kept the unreadable text in the element, and copying it failed.
        String json = Examples.freshStin().replace("\"recorded\" : \"2022-12-07T12:00:02+02:00\"", "\"recorded\" : \"2022-12-07T12h00:02+02:00\"");

        FhirCodec.Parsed parsed = codec.parseReporting(json.getBytes(StandardCharsets.UTF_8), FhirFormat.JSON);

        assertThat(parsed.invalidValues()).extracting(FhirCodec.InvalidValue::path).containsExactly("Bundle.entry[5].resource.recorded");
        Bundle copy = ((Bundle) parsed.resource()).copy();
        assertThat(((org.hl7.fhir.r4.model.Provenance) copy.getEntry().get(5).getResource()).hasRecorded()).isFalse();
    }

    @Test
    void in_xml_the_path_names_the_elements_as_they_stand() {
        String xml = Examples.toXml(Examples.freshStin()).replace("<status value=\"in-progress\"/>", "<status value=\"sort-of-finished\"/>");

        FhirCodec.Parsed parsed = codec.parseReporting(xml.getBytes(StandardCharsets.UTF_8), FhirFormat.XML);

        assertThat(parsed.invalidValues()).singleElement().satisfies(invalid -> {
            assertThat(invalid.path()).isEqualTo("Bundle.entry[2].resource.Encounter.status");
            assertThat(invalid.problem()).contains("Unknown EncounterStatus code");
        });
    }

    @Test
    void a_whole_message_read_fine_reports_nothing_and_a_body_that_is_not_fhir_still_fails() {
        assertThat(codec.parseReporting(Examples.freshStin().getBytes(StandardCharsets.UTF_8), FhirFormat.JSON).invalidValues()).isEmpty();
        assertThatThrownBy(() -> codec.parseReporting("{\"no\": ".getBytes(StandardCharsets.UTF_8), FhirFormat.JSON))
                .isInstanceOf(DataFormatException.class);
    }
}
