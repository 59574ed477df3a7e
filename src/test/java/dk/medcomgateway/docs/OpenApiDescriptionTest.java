package dk.medcomgateway.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dk.medcomgateway.support.GatewayTestBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The REST API's OpenAPI description, as springdoc generates it from the controllers, is the one checked
 * in as {@code docs/openapi.yaml}: a change to the API that is not in that file fails the build.
 * <p>
 * With {@code -Dopenapi.write=true} the test writes the file instead of comparing:
 * {@value #REGENERATE}
 */
class OpenApiDescriptionTest extends GatewayTestBase {

    /** Relative to the project directory, where Maven runs the tests. */
    static final Path CHECKED_IN = Path.of("docs", "openapi.yaml");
    static final String REGENERATE = "mvn -B test -Dtest=OpenApiDescriptionTest -Dopenapi.write=true";

    @Test
    void the_checked_in_description_is_the_one_the_code_generates() throws IOException {
        String generated = generated();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(CHECKED_IN, generated);
            System.out.println("Wrote " + CHECKED_IN.toAbsolutePath());
            return;
        }
        if (!Files.exists(CHECKED_IN)) {
            fail(CHECKED_IN + " is missing; write it with: " + REGENERATE);
        }
        String checkedIn = Files.readString(CHECKED_IN).replace("\r\n", "\n");
        if (!generated.equals(checkedIn)) {
            Path actual = Path.of("target", "openapi.yaml");
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, generated);
            fail(CHECKED_IN + " is not the description the code generates (written to " + actual + "; diff the two).\n"
                    + firstDifference(checkedIn, generated)
                    + "\nIf the API changed on purpose, regenerate the file with: " + REGENERATE + "\nand commit it with the change.");
        }
    }

    @Test
    void the_description_is_of_the_api_alone_for_users_with_http_basic() throws IOException {
        JsonNode description = new ObjectMapper(new YAMLFactory()).readTree(generated());

        assertThat(description.path("info").path("title").asText()).isEqualTo("MedCom gateway API");
        assertThat(description.path("info").path("version").asText()).as("the build's version").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(description.path("info").path("description").asText()).contains("/fhir").contains("FHIR's own API");
        List<String> paths = new ArrayList<>();
        description.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).hasSizeGreaterThan(15).allMatch(p -> p.startsWith("/api/"))
                .contains("/api/messages", "/api/outages", "/api/escort-contracts");
        assertThat(description.path("servers").findValuesAsText("url")).as("no host or port of the request").containsExactly("/");
        JsonNode basic = description.path("components").path("securitySchemes").path("basicAuth");
        assertThat(basic.path("type").asText()).isEqualTo("http");
        assertThat(basic.path("scheme").asText()).isEqualTo("basic");
        assertThat(description.path("security").findValues("basicAuth")).hasSize(1);
    }

    @Test
    void the_description_and_its_ui_are_for_logged_in_users_only() throws Exception {
        assertThat(api("GET", "/v3/api-docs", null, null)).startsWith("401");
        assertThat(api("GET", "/v3/api-docs.yaml", null, null)).startsWith("401");
        assertThat(api("GET", "/v3/api-docs/swagger-config", null, null)).startsWith("401");
        assertThat(page("/swagger-ui.html", null).headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(page("/swagger-ui/index.html", null).headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        // Any role will do.
        assertThat(api("GET", "/v3/api-docs", null, PARTNER)).startsWith("200 {");
        assertThat(api("GET", "/v3/api-docs/swagger-config", null, OPS)).startsWith("200 ").contains("/v3/api-docs");
        assertThat(page("/swagger-ui.html", SUPPORT).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/swagger-ui/index.html"));
        HttpResponse<String> ui = page("/swagger-ui/index.html", SUPPORT);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
    }

    /** The YAML description as served, with a final newline as the checked-in file has. */
    private String generated() {
        String reply = api("GET", "/v3/api-docs.yaml", null, SUPPORT);
        assertThat(reply).startsWith("200 ");
        String yaml = reply.substring(4).replace("\r\n", "\n");
        return yaml.endsWith("\n") ? yaml : yaml + "\n";
    }

    private HttpResponse<String> page(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String was = i < a.length ? a[i] : "(end of file)";
            String is = i < b.length ? b[i] : "(end of file)";
            if (!was.equals(is)) {
                return "First difference at line " + (i + 1) + ":\n  checked in: " + was + "\n  generated:  " + is;
            }
        }
        return "";
    }
}
