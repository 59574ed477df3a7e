package dk.medcomgateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import dk.medcomgateway.support.BrokenMessages;
import dk.medcomgateway.support.GatewayTestBase;
import dk.medcomgateway.support.ReceiveTests;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /fhir/$validate and the validate command give the verdict the intake gives, for the same files:
 * MedCom's receive-test messages (ok) and the broken variants (fatal-error), plus an unreadable body (refused).
 */
class ValidateAgreesWithIntakeTest extends GatewayTestBase {

    private static final FhirContext FHIR = FhirContext.forR4();

    @Test
    void validate_operation_and_command_agree_with_the_intake(@TempDir Path dir) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (String file : ReceiveTests.files()) {
            files.put(file, ReceiveTests.fresh(file));
        }
        int n = 0;
        for (BrokenMessages.Broken broken : BrokenMessages.all()) {
            files.put("broken-" + (++n) + ".json", broken.json());
        }
        files.put("not-a-message.json", "{\"resourceType\": \"Patient\"}");

        Map<String, String> intake = new LinkedHashMap<>();
        Map<String, String> operation = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String type = ReceiveTests.contentType(file.getKey());
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
            // $validate first: it must neither store the message nor answer it, so the intake then sees it afresh.
            operation.put(file.getKey(), verdictOf(postTo("/fhir/$validate", file.getValue(), type, ADMIN)));
            Reply reply = post(file.getValue(), type, ADMIN);
            intake.put(file.getKey(), reply.status() == 200 ? reply.ackCode() : "refused");
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new ValidateCommand(new PrintStream(printed, true, StandardCharsets.UTF_8)).run(new String[] {
                "--gateway.partners-file=" + DATA_DIR.resolve("partners.yaml"),
                "--gateway.validation-policy-file=config/validation.yaml",
                dir.toString()});
        Map<String, String> command = new LinkedHashMap<>();
        for (String line : printed.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith(dir.toString())) {
                String name = Path.of(line.substring(0, line.indexOf(": "))).getFileName().toString();
                String rest = line.substring(line.indexOf(": ") + 2);
                command.put(name, rest.substring(0, rest.indexOf(' ')).replace(":", ""));
            }
        }

        assertThat(intake.values()).containsOnly("ok", "fatal-error", "refused");
        assertThat(intake).containsEntry("not-a-message.json", "refused").containsEntry("broken-1.json", "fatal-error");
        ReceiveTests.files().forEach(file -> assertThat(intake).containsEntry(file, "ok"));
        assertThat(operation).isEqualTo(intake);
        assertThat(command).isEqualTo(intake);
        assertThat(exit).isEqualTo(1);
    }

    /** The $validate answer's verdict: its first issue says what the intake would answer. */
    private static String verdictOf(Reply reply) {
        if (reply.status() != 200) {
            return "refused";
        }
        OperationOutcome outcome = (OperationOutcome) (reply.body().trim().startsWith("<") ? FHIR.newXmlParser() : FHIR.newJsonParser())
                .parseResource(reply.body());
        String verdict = outcome.getIssueFirstRep().getDiagnostics();
        return verdict.contains("'ok'") ? "ok" : verdict.contains("'fatal-error'") ? "fatal-error" : verdict;
    }
}
