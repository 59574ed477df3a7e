package dk.medcomgateway.discharge;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The intake keeps, with each FHIR message it accepts, what discharge tracking needs of it, so that the message's
 * deliveries need not parse it again: the same facts as reading the message gives, and no CPR number.
 */
class DischargeFactsTest extends GatewayTestBase {

    @Autowired
    DischargeFacts facts;

    @Test
    void every_example_message_keeps_at_intake_the_facts_its_delivery_would_read_from_it() {
        List<String> messages = Examples.jsonBundles().stream().map(Examples::read).filter(json -> !Examples.isAcknowledgement(json))
                .map(Examples::fresh).toList();
        for (String json : messages) {
            String headerId = Examples.headerId(json);
            assertThat(postJson(json).ackCode()).as(headerId).isEqualTo("ok");
            long id = jdbc.queryForObject("SELECT id FROM message WHERE message_header_id = ?", Long.class, headerId);

            assertThat(facts.kept(id)).as("facts kept for %s (%s)", headerId, Examples.eventCode(json))
                    .contains(facts.read(Examples.parse(json)));
        }
        assertThat(jdbc.queryForList("SELECT role FROM discharge_fact", String.class))
                .as("notifications and documents among MedCom's examples").contains("NOTIFICATION", "NONE");
        for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM discharge_fact")) {
            assertThat(row.values().toString()).as("no CPR number kept").doesNotContain("2509479989");
        }
    }
}
