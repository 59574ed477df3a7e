package dk.medcomgateway.config;

import static dk.medcomgateway.support.process.GatewayClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.process.GatewayProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar copied alone into an empty directory and run there, as an operator would try it anywhere: it
 * starts on the routes and configuration it carries (demo partners and users), takes MedCom's STIN example from
 * the demo user and delivers it to the demo partner's folder, and its log says what it runs on.
 */
class JarRunsAnywhereIT {

    private static final String STIN = "Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.json";
    private static final Path TEST_LOGS = Path.of("target", "test-logs");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void the_jar_alone_in_an_empty_directory_starts_takes_a_message_and_delivers_it_on_its_packaged_defaults() throws Exception {
        // The harness gives the data dir as ./data of the directory, where the gateway puts it by default anyway.
        try (GatewayProcess gateway = new GatewayProcess(dir,
                List.of("--logging.file.name=" + TEST_LOGS.resolve("jar-anywhere.log").toAbsolutePath()),
                List.of("-Xmx1g", GatewayProcess.SHORT_LIVED))) {
            gateway.copiedInto(dir);
            assertThat(names(dir)).as("nothing beside the jar").containsExactly("medcom-gateway.jar");

            gateway.start(Duration.ofMinutes(4));

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway.url("/actuator/health"))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).startsWith("{\"status\":\"UP\"");

            HttpResponse<String> answer = post(gateway, Examples.read(STIN));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");

            Path delivered = gateway.dataDir().resolve("outbox/herlev-plejecenter/a5e5b880-c087-4055-b9ec-99108695f81d.json");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!Files.exists(delivered) && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(delivered).as("delivered to the demo partner's folder").exists();
            assertThat(Files.readString(delivered)).contains("a5e5b880-c087-4055-b9ec-99108695f81d");

            Path config = dir.toRealPath().resolve("config");
            assertThat(gateway.log())
                    .contains("No partner directory at " + config.resolve("partners.yaml")
                            + ": running on the demo partner directory packaged in the jar")
                    .contains("No users file at " + config.resolve("users.yaml") + ": running on the demo users")
                    .contains("No validation policy at " + config.resolve("validation.yaml") + ": running on MedCom's validation policy")
                    .contains("Camel routes: " + repositoryRoutes() + " file(s); packaged in the jar (classpath:routes/): ack-timeout.yaml deliver.yaml")
                    .contains("; no routes directory");
            assertThat(names(dir)).as("the jar added nothing but its data and log").containsOnly("medcom-gateway.jar", "data", "gateway-1.log");
        }
    }

    /** How many route files the repository has: the jar carries them all. */
    private static long repositoryRoutes() throws Exception {
        return names(Path.of("routes")).stream().filter(name -> name.endsWith(".yaml")).count();
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
