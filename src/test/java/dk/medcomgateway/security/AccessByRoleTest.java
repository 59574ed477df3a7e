package dk.medcomgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Who may do what: each role against each kind of endpoint, over real HTTP. */
class AccessByRoleTest extends GatewayTestBase {

    private String outage() {
        LocalDateTime start = LocalDateTime.now(CLOCK).plusDays(10).withNano(0);
        return """
                {"kind": "planned", "cause": "Access test", "affectedPartners": ["%s"], "start": "%s", "expectedEnd": "%s",
                 "contact": {"name": "Ops", "phone": "1"}}""".formatted(SILENT_SOR, start, start.plusHours(1));
    }

    @Test
    void requests_without_credentials_get_401_except_health() {
        assertThat(post(Examples.freshStin(), "application/fhir+json", null).status()).isEqualTo(401);
        assertThat(api("GET", "/api/messages/x", null, null)).startsWith("401");
        assertThat(api("GET", "/api/outages", null, null)).startsWith("401");
        assertThat(api("GET", "/api/cases", null, null)).startsWith("401");
        assertThat(api("GET", "/actuator/prometheus", null, null)).startsWith("401");
        assertThat(api("GET", "/actuator/health", null, null)).startsWith("200").contains("\"status\":\"UP\"");
    }

    @Test
    void a_person_without_a_session_is_sent_to_the_login_page() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void a_wrong_password_is_refused() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/outages"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ops:wrong".getBytes())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(401);
    }

    @Test
    void a_partner_may_send_as_its_own_organisations_only_and_read_only_its_own_messages() {
        String own = Examples.freshStin();
        assertThat(post(own, "application/fhir+json", PARTNER).ackCode()).isEqualTo("ok");

        // The same message claiming another hospital as sender (SOR and GLN of a partner the account is not registered for).
        String foreign = Examples.freshStin().replace("265161000016000", "100000000000003").replace("5790000209354", "5790000000005");
        Reply refused = post(foreign, "application/fhir+json", PARTNER);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("OperationOutcome").contains("may not send messages as");
        assertThat(messageStatus(Examples.headerId(foreign))).isNull();

        assertThat(api("GET", "/api/messages/" + Examples.headerId(own), null, PARTNER)).startsWith("200");
        String someoneElses = Examples.fresh(Examples.read("Bundle-eb26be85-fdb7-454d-a980-95cba6d1745b.json"));
        assertThat(post(someoneElses, "application/fhir+json", ADMIN).ackCode()).as("an admin may send as anyone").isEqualTo("ok");
        assertThat(api("GET", "/api/messages/" + Examples.headerId(someoneElses), null, SUPPORT)).startsWith("200");

        assertThat(api("GET", "/api/cases", null, PARTNER)).startsWith("403");
        assertThat(api("GET", "/api/outages", null, PARTNER)).startsWith("403");
    }

    @Test
    void ops_manage_outages_and_see_metrics_but_not_the_support_desk() {
        String created = api("POST", "/api/outages", outage(), OPS);
        assertThat(created).startsWith("201");
        String id = created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
        assertThat(api("GET", "/api/on-duty", null, OPS)).startsWith("200");
        assertThat(api("GET", "/actuator/prometheus", null, OPS)).startsWith("200");
        assertThat(api("GET", "/api/cases", null, OPS)).startsWith("403");
        assertThat(post(Examples.freshStin(), "application/fhir+json", OPS).status()).isEqualTo(403);
        assertThat(api("POST", "/api/outages/" + id + "/resolve", null, OPS)).startsWith("200");
    }

    @Test
    void support_uses_the_support_desk_and_sees_outages_but_cannot_change_them() {
        assertThat(api("GET", "/api/cases", null, SUPPORT)).startsWith("200");
        assertThat(api("GET", "/api/outages", null, SUPPORT)).startsWith("200");
        assertThat(api("POST", "/api/outages", outage(), SUPPORT)).startsWith("403");
        assertThat(api("GET", "/actuator/prometheus", null, SUPPORT)).startsWith("403");
    }

    @Test
    void support_desk_actions_episodes_and_audit_are_for_support_only() {
        String someone = "/api/messages/" + Examples.headerId(Examples.freshStin());
        for (String user : new String[] {OPS, PARTNER}) {
            assertThat(api("POST", someone + "/resend", "{\"reason\": \"x\"}", user)).startsWith("403");
            assertThat(api("POST", someone + "/discard", "{\"reason\": \"x\"}", user)).startsWith("403");
            assertThat(api("GET", "/api/messages?receiver=953741000016009", null, user)).startsWith("403");
            assertThat(api("GET", "/api/audit", null, user)).startsWith("403");
            assertThat(api("GET", "/api/episodes?patient=2509479989", null, user)).startsWith("403");
        }
        assertThat(api("GET", "/api/audit", null, SUPPORT)).startsWith("200");
        assertThat(api("GET", "/api/episodes?patient=2509479989", null, SUPPORT)).startsWith("200");
    }

    @Test
    void a_ward_system_may_quote_an_escort_settlement_and_operations_may_not() {
        String quote = "{\"start\": \"2026-03-03T16:30\", \"end\": \"2026-03-03T19:00\"}";
        assertThat(api("POST", "/api/escort-settlements/quote", quote, PARTNER)).startsWith("200").contains("987.61");
        assertThat(api("POST", "/api/escort-settlements/quote", quote, OPS)).startsWith("403");
        assertThat(api("POST", "/api/escort-settlements/quote", quote, null)).startsWith("401");
    }
}
