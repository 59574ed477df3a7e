package dk.medcomgateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** CPR numbers stay out of logs, error replies and the ledger's searchable columns. */
@ExtendWith(OutputCaptureExtension.class)
class PersonDataTest extends GatewayTestBase {

    /** The CPR number of MedCom's test patient in the STIN example. */
    private static final String CPR = "2509479989";

    @Autowired
    PatientPseudonymizer pseudonymizer;

    @Test
    void the_cpr_number_is_in_no_log_line_no_error_reply_and_no_searchable_ledger_column(CapturedOutput output) {
        String accepted = Examples.freshStin();
        // A CPR number where a date belongs: the parser's complaint quotes it.
        String unreadable = Examples.freshStin().replaceFirst("\"resourceType\"\\s*:\\s*\"Patient\",",
                "\"resourceType\": \"Patient\", \"birthDate\": \"" + CPR + "\",");
        assertThat(unreadable).contains("\"birthDate\": \"" + CPR);
        String rejected = Examples.addressedTo(Examples.freshStin(), "999999999999999").replace("\"953741000016009\"", "\"999999999999999\"")
                .replace("5790001348120", "5790000000005");

        assertThat(postJson(accepted).ackCode()).isEqualTo("ok");
        Reply unreadableReply = postJson(unreadable);
        assertThat(postJson(rejected).ackCode()).isEqualTo("fatal-error");
        awaitFinalised(Examples.headerId(accepted));

        // The MessageHeader can be read, so the answer is a fatal-error acknowledgement naming the element, not the value.
        assertThat(unreadableReply.ackCode()).isEqualTo("fatal-error");
        assertThat(unreadableReply.body()).contains("birthDate").doesNotContain(CPR);
        assertThat(output.getAll()).doesNotContain(CPR).doesNotContain("250947-9989");
        Map<String, Object> row = jdbc.queryForMap("SELECT message_header_id, bundle_id, sender, receivers, patient_hash FROM message"
                + " WHERE message_header_id = ?", Examples.headerId(accepted));
        assertThat(row.values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain(CPR));
        // The keyed hash finds the patient's messages without the number being stored.
        assertThat(row.get("PATIENT_HASH")).isEqualTo(pseudonymizer.hash(CPR)).asString().hasSize(64);
        assertThat(jdbc.queryForList("SELECT detail FROM message_event", String.class))
                .allSatisfy(detail -> assertThat(String.valueOf(detail)).doesNotContain(CPR));
    }
}
