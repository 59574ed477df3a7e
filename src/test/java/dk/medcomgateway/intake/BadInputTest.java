package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;

/** Broken and wrong messages get a clear answer and are never delivered. */
class BadInputTest extends GatewayTestBase {

    @Test
    void a_message_without_event_coding_is_answered_fatal_error_and_not_delivered() {
        String json = Examples.freshStin();
        String headerId = Examples.headerId(json);
        String broken = json.replaceFirst("\"eventCoding\"\\s*:\\s*\\{[^}]*\\},", "");
        assertThat(broken).isNotEqualTo(json);

        Reply reply = postJson(broken);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.ackCode()).isEqualTo("fatal-error");
        assertThat(reply.body()).contains("OperationOutcome").contains("eventCoding");
        sleep(500);
        assertThat(deliveredCount(headerId)).isZero();
        assertThat(messageStatus(headerId)).isEqualTo("REJECTED");
    }

    @Test
    void a_bundle_that_is_not_a_message_is_answered_fatal_error_and_not_delivered() {
        String json = Examples.freshStin();
        String headerId = Examples.headerId(json);

        Reply reply = postJson(json.replaceFirst("\"type\"\\s*:\\s*\"message\"", "\"type\": \"collection\""));

        assertThat(reply.ackCode()).isEqualTo("fatal-error");
        sleep(500);
        assertThat(deliveredCount(headerId)).isZero();
    }

    @Test
    void broken_json_gets_http_400_with_an_operation_outcome() {
        Reply reply = postJson("{\"resourceType\": \"Bundle\", \"type\": \"message\", \"entry\": [");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("OperationOutcome").contains("not valid FHIR JSON");
    }

    @Test
    void a_body_that_is_not_utf8_gets_http_400_with_an_operation_outcome() throws Exception {
        byte[] latin1 = "{\"resourceType\": \"Bundle\", \"id\": \"bl\u00e5b\u00e6r\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.net.http.HttpResponse<String> reply = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/fhir/$process-message"))
                        .header("Content-Type", "application/fhir+json").header("Authorization", basic(PARTNER))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin1)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("OperationOutcome");
    }

    @Test
    void broken_xml_gets_http_400_with_an_operation_outcome() {
        Reply reply = post("<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"message\"/><entry>", "application/fhir+xml");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).contains("xml");
        assertThat(reply.body()).contains("OperationOutcome");
    }

    @Test
    void xml_with_an_external_entity_is_refused_without_reading_the_entity() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Bundle [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
                + "<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"&secret;\"/><type value=\"message\"/></Bundle>";

        Reply reply = post(xxe, "application/fhir+xml");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).doesNotContain("root:");
    }

    @Test
    void a_message_for_a_receiver_not_in_the_partner_directory_is_answered_fatal_error_naming_it() {
        String json = Examples.addressedTo(Examples.freshStin(), "999999999999999")
                .replace("\"953741000016009\"", "\"999999999999999\"").replace("5790001348120", "5790000000005"); // a valid GLN no partner has
        String headerId = Examples.headerId(json);

        Reply reply = postJson(json);

        assertThat(reply.ackCode()).isEqualTo("fatal-error");
        assertThat(reply.body()).contains("MSG_Receiver_Identifier_UNKNOWN").contains("999999999999999");
        sleep(300);
        assertThat(deliveredCount(headerId)).isZero();
    }

    @Test
    void an_unsupported_content_type_gets_http_415() {
        Reply reply = post("hello", "text/plain");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.body()).contains("OperationOutcome");
    }

    @Test
    void a_body_larger_than_the_limit_gets_http_413_before_it_is_read() {
        // The test gateway takes at most 2 MB (GatewayTestBase).
        Reply reply = postJson("{" + " ".repeat(3 * 1024 * 1024) + "}");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).contains("OperationOutcome");
    }
}
