package dk.medcomgateway.supportdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The weekly support meeting's CSV of failed deliveries and cases: ids and codes, never a patient. */
class FailureReportTest extends GatewayTestBase {

    private static final String CPR_IN_THE_EXAMPLE = "2509479989";

    private HttpResponse<String> csv(String query, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/reports/failures.csv" + query))
                .header("Authorization", basic(user)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_dead_lettered_message_and_its_case_are_in_the_report_without_the_patient() throws Exception {
        String json = Examples.addressedTo(Examples.freshStin(), BROKEN_SOR);
        String headerId = Examples.headerId(json);
        assertThat(json).contains(CPR_IN_THE_EXAMPLE);
        assertThat(postJson(json).ackCode()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(30)).until(() -> "DEAD_LETTERED".equals(messageStatus(headerId)));
        Instant now = Instant.now();

        HttpResponse<String> reply = csv("?from=" + now.minus(1, ChronoUnit.HOURS) + "&to=" + now.plus(1, ChronoUnit.HOURS), SUPPORT);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(reply.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        String csv = reply.body();
        assertThat(csv).startsWith("time,record,message_header_id,event,sender,receiver,status,detail\r\n");
        assertThat(csv.lines().filter(l -> l.contains(headerId)))
                .anySatisfy(l -> assertThat(l).contains(",delivery,").contains(",DEAD_LETTERED,").contains(BROKEN_SOR))
                .anySatisfy(l -> assertThat(l).contains(",case,").contains("dead-lettered (open)"));
        assertThat(csv).doesNotContain(CPR_IN_THE_EXAMPLE).doesNotContain("\"resourceType\"");
    }

    @Test
    void a_range_before_the_failure_does_not_list_it() throws Exception {
        HttpResponse<String> reply = csv("?from=2020-01-01T00:00&to=2020-01-08T00:00", SUPPORT);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("time,record,message_header_id,event,sender,receiver,status,detail\r\n");
    }

    @Test
    void a_malformed_time_is_answered_400() throws Exception {
        assertThat(csv("?from=last-tuesday", SUPPORT).statusCode()).isEqualTo(400);
    }

    @Test
    void support_may_get_the_report_ops_may_not() throws Exception {
        assertThat(csv("", SUPPORT).statusCode()).isEqualTo(200);
        assertThat(csv("", ADMIN).statusCode()).isEqualTo(200);
        assertThat(csv("", OPS).statusCode()).isEqualTo(403);
        assertThat(csv("", PARTNER).statusCode()).isEqualTo(403);
    }

    @Test
    void fields_with_commas_quotes_or_line_breaks_are_quoted_and_formulas_are_defused() {
        assertThat(FailureReportController.field("HTTP 500")).isEqualTo("HTTP 500");
        assertThat(FailureReportController.field("a, b")).isEqualTo("\"a, b\"");
        assertThat(FailureReportController.field("say \"no\"")).isEqualTo("\"say \"\"no\"\"\"");
        assertThat(FailureReportController.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(FailureReportController.field("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
    }
}
