package dk.medcomgateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gateway as a FHIR client sees it: HAPI's generic client, as a regional engine written in Java would use it,
 * reads the CapabilityStatement and sends messages with $process-message; answers follow the client's Accept and
 * _format; errors under /fhir are OperationOutcomes.
 */
class FhirClientTest extends GatewayTestBase {

    private static final FhirContext FHIR = FhirContext.forR4();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private IGenericClient client(EncodingEnum encoding) {
        IGenericClient client = FHIR.newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");
        client.registerInterceptor(new BasicAuthInterceptor(PARTNER, PARTNER));
        client.setEncoding(encoding);
        return client;
    }

    @Test
    void the_capability_statement_names_the_operations_formats_and_medcom_messages() {
        CapabilityStatement statement = client(EncodingEnum.JSON).capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(statement.getFormat()).extracting(f -> f.getValue()).contains("application/fhir+json", "application/fhir+xml");
        assertThat(statement.getRestFirstRep().getOperation()).extracting(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName)
                .containsExactly("process-message", "validate");
        assertThat(statement.getMessagingFirstRep().getSupportedMessage()).extracting(m -> m.getDefinition())
                .contains("http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|5.0");
        assertThat(statement.getRestFirstRep().getResourceFirstRep().getSupportedProfile()).extracting(p -> p.getValue())
                .contains("http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalNotification-message|3.0.2");
    }

    @ParameterizedTest
    @EnumSource(value = EncodingEnum.class, names = {"JSON", "XML"})
    void a_message_sent_with_process_message_gets_its_medcom_acknowledgement(EncodingEnum encoding) {
        Bundle message = Examples.parse(Examples.freshStin());
        String headerId = message.getEntryFirstRep().getResource().getIdElement().getIdPart();

        Bundle ack = client(encoding).operation().processMessage().setMessageBundle(message).synchronous(Bundle.class).execute();

        MessageHeader header = (MessageHeader) ack.getEntryFirstRep().getResource();
        assertThat(header.getEventCoding().getCode()).isEqualTo("acknowledgement-message");
        assertThat(header.getResponse().getIdentifier()).isEqualTo(headerId);
        assertThat(header.getResponse().getCode().toCode()).isEqualTo("ok");
        awaitFinalised(headerId);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
    }

    @Test
    void the_answer_follows_format_then_accept_then_the_request() throws Exception {
        String json = Examples.freshStin();
        assertThat(send("POST", "/fhir/$process-message", json, "application/fhir+json", "application/fhir+xml").body())
                .startsWith("<Bundle");
        String another = Examples.freshStin();
        assertThat(send("POST", "/fhir/$process-message?_format=xml", another, "application/fhir+json", "application/fhir+json").body())
                .startsWith("<Bundle");
        HttpResponse<String> asSent = send("POST", "/fhir/$process-message", Examples.freshStin(), "application/fhir+json", null);
        assertThat(asSent.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+json");
        // The duplicate's answer too: the first copy's acknowledgement, in the format asked for now.
        assertThat(send("POST", "/fhir/$process-message", json, "application/fhir+json", "application/fhir+json").body())
                .startsWith("{");
        assertThat(send("GET", "/fhir/metadata?_format=xml", null, null, null).body()).startsWith("<CapabilityStatement");
    }

    @Test
    void errors_under_fhir_are_operation_outcomes() throws Exception {
        for (String[] call : List.of(new String[] {"GET", "/fhir/Patient/123"}, new String[] {"GET", "/fhir/$process-message"},
                new String[] {"POST", "/fhir/metadata"})) {
            HttpResponse<String> response = send(call[0], call[1], call[0].equals("POST") ? "{}" : null, "application/fhir+json", null);
            assertThat(response.statusCode()).as(String.join(" ", call)).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(String.join(" ", call)).startsWith("application/fhir+json");
            OperationOutcome outcome = (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
            assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        }
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/metadata"))
                .header("Accept", "application/fhir+xml").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).startsWith("<OperationOutcome").contains("login");
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", basic(PARTNER))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
