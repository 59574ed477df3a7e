package dk.medcomgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint the gateway serves (its Spring MVC and actuator mappings, its static resources
 * such as the OpenAPI UI's, and its Camel HTTP intakes, found at run time, so a new endpoint is
 * covered without touching this test) refuses a caller without credentials; only health and the
 * login page are open.
 */
class AuthenticationEverywhereTest extends GatewayTestBase {

    /** Open on purpose: the load balancer's health check, the login form and the error page it uses. */
    private static final Set<String> OPEN = Set.of("/actuator/health", "/actuator/health/**", "/login", "/error");

    @Autowired
    ApplicationContext context;
    @Autowired
    CamelContext camel;

    @Test
    void every_endpoint_but_health_and_login_refuses_a_caller_without_credentials() throws Exception {
        List<String> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found").hasSizeGreaterThan(20)
                .anyMatch(e -> e.endsWith("/fhir/$process-message")).anyMatch(e -> e.contains("/actuator/prometheus"))
                .contains("GET /v3/api-docs", "GET /v3/api-docs.yaml", "GET /swagger-ui.html", "GET /swagger-ui/**");

        HttpClient http = HttpClient.newHttpClient();
        List<String> open = new ArrayList<>();
        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]*}", "x").replace("/**", "/x").replace("*", "");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean refused = answer.statusCode() == 401
                    || answer.statusCode() == 302 && answer.headers().firstValue("Location").orElse("").endsWith("/login");
            if (!refused) {
                open.add(endpoint + " -> " + answer.statusCode());
            }
        }
        assertThat(open).as("endpoints answering without credentials").isEmpty();
        // Open to the load balancer: UP (200), or DOWN (503) while the profile validators still warm up.
        assertThat(api("GET", "/actuator/health", null, null)).matches("(?s)(200|503) \\{\"status\":\"(UP|DOWN)\".*");
    }

    @Test
    void a_partner_cannot_see_another_partners_message() {
        String engines = Examples.freshStin();
        String headerId = Examples.headerId(engines);
        assertThat(post(engines, "application/fhir+json", PARTNER).ackCode()).isEqualTo("ok");

        assertThat(api("GET", "/api/messages/" + headerId, null, PARTNER)).startsWith("200");
        assertThat(api("GET", "/api/messages/" + headerId, null, MUNICIPALITY)).as("to another partner it does not exist").startsWith("404");
        assertThat(api("GET", "/api/messages/" + headerId + "/payload", null, MUNICIPALITY)).startsWith("403");
        assertThat(api("GET", "/api/messages/" + headerId + "/payload", null, PARTNER)).as("the payload names the patient").startsWith("403");
        assertThat(api("GET", "/api/messages/" + headerId + "/acks", null, MUNICIPALITY)).startsWith("403");
        assertThat(api("GET", "/api/messages?sender=265161000016000", null, MUNICIPALITY)).startsWith("403");
    }

    /** "METHOD /path" of every mapping not open on purpose. */
    private List<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (OPEN.contains(pattern)) {
                        continue;
                    }
                    if (methods.isEmpty()) {
                        endpoints.add("GET " + pattern);
                    }
                    methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
                }
            }
        }
        // Static resources: the staff pages' (/**, of which only /css and /js are open), web jars, the OpenAPI UI.
        for (AbstractUrlHandlerMapping mapping : context.getBeansOfType(AbstractUrlHandlerMapping.class).values()) {
            for (String pattern : mapping.getHandlerMap().keySet()) {
                if (!OPEN.contains(pattern)) {
                    endpoints.add("GET " + pattern);
                }
            }
        }
        for (Route route : camel.getRoutes()) {
            String uri = route.getEndpoint().getEndpointUri();
            if (uri.startsWith("platform-http:")) {
                String path = uri.substring("platform-http:".length()).replaceFirst("^/+", "/").replaceFirst("\\?.*", "");
                endpoints.add("POST " + path);
                endpoints.add("GET " + path);
            }
        }
        return List.copyOf(endpoints);
    }
}
